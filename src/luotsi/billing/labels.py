"""The billing units' names in the user's language (the web pages; the PDF has its own)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNIT_LABELS = {
    "meeting": _("meeting"),
    "rehab_day": _("rehabilitation day"),
    "group_day": _("group day"),
    "visit": _("individual visit"),
    "followup_visit": _("follow-up visit"),
    "meal": _("meal"),
}


def unit_label(unit: str) -> str:
    return str(UNIT_LABELS.get(unit, unit))
