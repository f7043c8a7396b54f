"""``POST /api/check``: the rules engine on a posted case file; nothing is stored."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from luotsi.api.access import not_client_data
from luotsi.api.problems import ApiProblem, Problem
from luotsi.api.schemas import CheckOut
from luotsi.rules import CaseFileError, evaluate, parse_case
from luotsi.rules.calendar import in_date_range

from .cases import CASE_FILE_BODY, read_json
from .common import ERRORS, Lang, finding_json, lang_of

router = Router(tags=["check"])


@router.post(
    "/check",
    response={200: CheckOut, ERRORS: Problem},
    url_name="check",
    summary="Evaluate a posted case file (luotsi check); nothing is stored or logged",
    openapi_extra=CASE_FILE_BODY,
)
@not_client_data
def check(request: HttpRequest, on: dt.date | None = None, lang: Lang | None = None) -> Any:
    day = on or timezone.localdate()
    if not in_date_range(day):
        raise ApiProblem(
            422,
            "invalid",
            _("The request is not valid."),
            _("The date is outside 1900–2100."),
            errors=[("/query/on", _("The date is outside 1900–2100."))],
        )
    data = read_json(request)
    if not isinstance(data, dict):
        raise ApiProblem(
            422,
            "invalid",
            _("The request is not valid."),
            _("A case file must be a JSON object."),
            errors=[("", _("A case file must be a JSON object."))],
        )
    try:
        case = parse_case(data, source="request")
    except CaseFileError as exc:
        raise ApiProblem(
            422,
            "invalid-case-file",
            _("The case file is not valid."),
            exc.problem,
            errors=[(exc.pointer or "", exc.problem)],
        ) from None
    result = evaluate(case, day)
    language = lang_of(lang)
    return {
        "case": case.id,
        "service": case.service,
        "on": day,
        "findings": [finding_json(f, language) for f in result.findings],
        "counters": result.counters,
    }
