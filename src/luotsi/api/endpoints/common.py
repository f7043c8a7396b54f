"""What the operations share: paging, languages, the case of a client, findings as JSON."""

from __future__ import annotations

import math
from typing import Any, Literal

from django.conf import settings
from django.utils.translation import get_language

from luotsi.api.access import not_found
from luotsi.cases.models import Case
from luotsi.clients.models import Client

Lang = Literal["fi", "sv", "en"]
PAGE_SIZE = 50
# Every operation may answer with these (problem details); listed in the OpenAPI document.
ERRORS = (400, 401, 403, 404, 422, 429)
WRITE_ERRORS = (*ERRORS, 409, 412, 428)


def lang_of(lang: str | None) -> str:
    if lang in ("fi", "sv", "en"):
        return lang
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def pages(count: int) -> int:
    return max(1, math.ceil(count / PAGE_SIZE))


def case_of(client: Client, case_id: int) -> Case:
    """The client's case (another client's case under this client's path: 404)."""
    case = (
        Case.objects.select_related("client", "organisation")
        .filter(pk=case_id, client=client)
        .first()
    )
    if case is None:
        raise not_found()
    return case


def finding_json(finding: Any, lang: str) -> dict[str, Any]:
    """An engine ``Finding`` as the API shows it."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "due": finding.due,
        "date": finding.date,
        "message": finding.message(lang),
        "source": finding.source,
    }


def stored_finding_json(row: Any, lang: str) -> dict[str, Any]:
    """A stored ``CaseFinding`` as the API shows it."""
    return {
        "rule": row.rule,
        "severity": row.severity,
        "due": row.due,
        "date": row.date,
        "message": row.message(lang),
        "source": row.source,
        "evaluated_on": row.evaluated_on,
    }
