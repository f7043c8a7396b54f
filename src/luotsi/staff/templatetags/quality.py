"""Filters of the quality pages: Finnish dates, severity names, a stored finding's
message in the page's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luotsi.rules.calendar import finnish_date

register = template.Library()

SEVERITY_LABELS = {
    "violation": _("Broken"),
    "due": _("Upcoming"),
    "action": _("Report to Kela"),
    "warning": _("Risk"),
    "info": _("Information"),
}


def page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


@register.filter
def fdate(value: dt.date | None) -> str:
    """13.3.2026 (the one Finnish date format); empty for None."""
    return finnish_date(value) if value else ""


@register.filter
def severity_label(value: str) -> Any:
    return SEVERITY_LABELS.get(value, value)


@register.simple_tag
def localised_message(finding: Any) -> str:
    return str(finding.message(page_language()))
