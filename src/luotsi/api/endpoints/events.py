"""A case's events: add, correct, remove — previewed and optimistically locked as on the web.

Every change goes through ``luotsi.cases.proposals``: ``?preview=true`` answers with
``propose`` (the findings that would appear and disappear, whether Kela's agreement is
needed) and stores nothing; without it the change is ``confirm``ed. The case version is
the ETag: a write must send ``If-Match`` with it (428 without, 412 when the case has
changed since), and the answer carries the new one.
"""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Router

from luotsi.access.models import Action
from luotsi.api.access import client_data, current_client, forbidden, not_found, note
from luotsi.api.problems import ApiProblem, Problem, invalid
from luotsi.api.schemas import ChangeResult, EventChange, EventOut, PreviewOut
from luotsi.cases import proposals, service
from luotsi.cases.checks import Change
from luotsi.cases.models import Case, CaseEvent

from .cases import etag
from .common import ERRORS, WRITE_ERRORS, Lang, case_of, finding_json, lang_of, stored_finding_json

router = Router(tags=["events"])

POINTER = re.compile(r"^/events/(\d+)(/.*)?$")
VERSION = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def expected_version(if_match: str | None) -> int:
    if not if_match:
        raise ApiProblem(
            428,
            "if-match-required",
            _("Precondition required."),
            _("Send If-Match with the case's ETag (its version) to change it."),
            errors=[("/headers/If-Match", _("This header is required."))],
        )
    match = VERSION.match(if_match)
    if match is None:
        raise ApiProblem(
            412,
            "stale",
            _("Precondition failed."),
            _('If-Match must be the case\'s ETag, e.g. "7".'),
            errors=[("/headers/If-Match", _("Not a version of this case."))],
        )
    return int(match.group(1))


def _pointers(case: Case, change: Change) -> Any:
    """Service pointers (kept events first, then the proposed ones) as the caller sees
    them: the proposed event is ``/event``; a stored one is ``/events/N`` of the case file
    as GET returns it."""
    stored = list(case.events.values_list("pk", flat=True))
    kept = [pk for pk in stored if pk not in change.touched()]

    def translate(pointer: str) -> str:
        match = POINTER.match(pointer)
        if match is None:
            return "/event" if pointer == "/remove" else pointer
        n, rest = int(match.group(1)), match.group(2) or ""
        if n >= len(kept):
            return "/event" + rest
        return f"/events/{stored.index(kept[n])}{rest}"

    return translate


def _preview_json(case: Case, proposal: proposals.Proposal, lang: str) -> dict[str, Any]:
    shown = proposal.agreed or proposal.shown
    return {
        "on": shown.on,
        "planned": proposal.shown.planned,
        "appeared": [finding_json(f, lang) for f in shown.appeared],
        "disappeared": [finding_json(f, lang) for f in shown.disappeared],
        "new_violations": [finding_json(f, lang) for f in proposal.shown.new_violations],
        "needs_agreement": proposal.needs_agreement,
        "blocked": proposal.blocked,
        "removed_events": [row.pk for row in proposal.removed],
        "stale_documents": [d.pk for d in proposal.stale_documents],
        "version": case.version,
    }


def _event_json(row: CaseEvent) -> dict[str, Any]:
    return {"id": row.pk, "event": row.data}


def _run(
    request: HttpRequest,
    case: Case,
    change: Change,
    agreement: proposals.Agreement | None,
    preview: bool,
    if_match: str | None,
    lang: str,
) -> Any:
    translate = _pointers(case, change)
    try:
        proposal = proposals.propose(case, change, agreement)
    except ValidationError as exc:
        raise invalid(exc, translate) from None
    if preview:
        note(request, f"API preview of a change of case {case.pk}")
        return _with_etag(_preview_json(case, proposal, lang), case)
    version = expected_version(if_match)
    if proposal.blocked:
        rules = proposal.shown.violated_rules
        raise ApiProblem(
            409,
            "blocked",
            _("Not saved."),
            _(
                "Not saved: the change would break a rule. It can be saved only as a "
                "deviation Kela has agreed to."
            ),
            errors=[("/agreement", ", ".join(rules))],
            rules=rules,
        )
    try:
        saved = proposals.confirm(
            request.user,
            case,
            change,
            version,
            proposal.digest,
            agreement,  # type: ignore[arg-type]
        )
    except service.StaleVersion as exc:
        raise ApiProblem(
            412,
            "stale",
            _("Precondition failed."),
            exc.messages[0],
            errors=[("/headers/If-Match", exc.messages[0])],
        ) from None
    except ValidationError as exc:
        raise invalid(exc, translate) from None
    except PermissionDenied:
        raise forbidden() from None
    written = [*getattr(saved, "added_events", [])]
    written += list(saved.events.filter(pk__in=list(change.replace)))
    note(request, f"API change of case {case.pk}")
    result = {
        "version": saved.version,
        "events": [_event_json(row) for row in written],
        "findings": [stored_finding_json(row, lang) for row in saved.findings.all()],
    }
    return _with_etag(result, saved)


def _with_etag(body: dict[str, Any], case: Case) -> Any:
    from ninja.responses import Response

    response = Response(body)
    response["ETag"] = etag(case)
    return response


def _agreement(payload: EventChange) -> proposals.Agreement | None:
    if payload.agreement is None:
        return None
    return proposals.Agreement(payload.agreement.date, payload.agreement.reference)


def _event(case: Case, event_id: int) -> CaseEvent:
    row = case.events.filter(pk=event_id).first()
    if row is None:
        raise not_found()
    return row


CHANGE_RESPONSES = {200: ChangeResult | PreviewOut, WRITE_ERRORS: Problem}
IF_MATCH = Header(None, alias="If-Match", description='The case\'s ETag, e.g. "7"')


@router.get(
    "/clients/{client_id}/cases/{case_id}/events",
    response={200: list[EventOut], ERRORS: Problem},
    url_name="events",
    summary="The case's stored events with their ids, in file order",
)
@client_data(Action.VIEW)
def list_events(request: HttpRequest, client_id: int, case_id: int) -> Any:
    case = case_of(current_client(request), case_id)
    note(request, f"API events of case {case.pk}")
    return _with_etag([_event_json(row) for row in case.events.all()], case)  # type: ignore[arg-type]


@router.post(
    "/clients/{client_id}/cases/{case_id}/events",
    response=CHANGE_RESPONSES,
    url_name="event_add",
    summary="Add an event (preview=true: what it would do, nothing stored)",
)
@client_data(Action.EDIT)
def add_event(
    request: HttpRequest,
    client_id: int,
    case_id: int,
    payload: EventChange,
    preview: bool = False,
    lang: Lang | None = None,
    if_match: str | None = IF_MATCH,
) -> Any:
    case = case_of(current_client(request), case_id)
    change = Change(
        add=[payload.event], reason=payload.reason, planned_absence=payload.planned_absence
    )
    return _run(request, case, change, _agreement(payload), preview, if_match, lang_of(lang))


@router.put(
    "/clients/{client_id}/cases/{case_id}/events/{event_id}",
    response=CHANGE_RESPONSES,
    url_name="event_correct",
    summary="Correct a recorded event (preview=true: what it would do)",
)
@client_data(Action.EDIT)
def correct_event(
    request: HttpRequest,
    client_id: int,
    case_id: int,
    event_id: int,
    payload: EventChange,
    preview: bool = False,
    lang: Lang | None = None,
    if_match: str | None = IF_MATCH,
) -> Any:
    case = case_of(current_client(request), case_id)
    row = _event(case, event_id)
    change = Change(
        replace={row.pk: payload.event},
        reason=payload.reason,
        planned_absence=payload.planned_absence,
    )
    return _run(request, case, change, _agreement(payload), preview, if_match, lang_of(lang))


@router.delete(
    "/clients/{client_id}/cases/{case_id}/events/{event_id}",
    response=CHANGE_RESPONSES,
    url_name="event_remove",
    summary="Remove a recorded event (preview=true: what it would do)",
)
@client_data(Action.EDIT)
def remove_event(
    request: HttpRequest,
    client_id: int,
    case_id: int,
    event_id: int,
    reason: str = "",
    preview: bool = False,
    lang: Lang | None = None,
    if_match: str | None = IF_MATCH,
) -> Any:
    case = case_of(current_client(request), case_id)
    row = _event(case, event_id)
    change = Change(remove=[row.pk], reason=reason[:500])
    return _run(request, case, change, None, preview, if_match, lang_of(lang))


__all__ = ["HttpResponse", "router"]
