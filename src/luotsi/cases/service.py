"""Importing, exporting and changing cases; stored findings kept in step.

Every event is validated as ``luotsi-case/1`` (``luotsi.rules.parse_case``)
before anything is written. Errors come back as a ``ValidationError`` keyed by the JSON
pointer of the bad field (``/events/3/date``), and nothing is stored. Each change bumps
``Case.version``; a change made against a stale version is refused (optimistic locking).
Findings are recomputed and stored in ``CaseFinding`` in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.clients.models import Client
from luotsi.organisations.models import Organisation
from luotsi.rules import Case as ContractCase
from luotsi.rules import CaseFileError, evaluate, parse_case
from luotsi.rules.calendar import finnish_date
from luotsi.rules.schema import _ytunnus_valid, text_problem
from luotsi.rules.text import CASE_FILE_TEXT_MAX, invisible_character

from .models import Case, CaseEvent, CaseFinding

FORMAT = "luotsi-case/1"
_SPAN_TYPES = frozenset({"absence", "pause", "flex", "workplace"})


class StaleVersion(ValidationError):
    """The case changed since it was read: reload and try again."""


def _log(actor: User | None, case: Case, action: str, fields: list[str]) -> None:
    log_change(
        actor,
        organisation_id=case.organisation_id,
        client_id=case.client_id,
        action=action,
        object_type="case",
        object_id=case.pk,
        fields=fields,
    )


def _check_access(actor: User | None, organisation: Organisation, client: Client) -> None:
    if client.organisation_id != organisation.pk:
        raise PermissionDenied(_("The client belongs to another organisation."))
    if actor is not None and not policy.can(actor, Action.EDIT, client):
        raise PermissionDenied(_("You may not change this client's cases."))


# --- export -----------------------------------------------------------------------------


def _header(case: Case) -> dict[str, Any]:
    client = case.client
    organisation = case.organisation
    statement: str | bool | None = None
    if case.medical_statement_b is not None:
        statement = case.medical_statement_b.isoformat()
    elif case.medical_statement_b_undated:
        statement = True
    decision: dict[str, Any] = {
        "received": case.received.isoformat(),
        "first_decision": case.first_decision,
        "medical_statement_b": statement,
    }
    if case.granted_days is not None:
        decision["granted_days"] = case.granted_days
    return {
        "format": FORMAT,
        "id": case.external_id,
        "service": case.service,
        "decision": decision,
        "client": {
            "name": _contract_text(client.full_name),
            "identity_code": client.identity_code,
            "language": client.language,
            "birth_date": client.birth_date.isoformat(),
            "applies_allowance": case.applies_allowance,
            "in_working_life_at_start": case.in_working_life_at_start,
        },
        "contract": {
            "provider": _contract_text(organisation.name),
            # An invalid business ID (entered in the admin before it was validated) is left
            # out rather than making every case of the organisation invalid: the documents
            # that need it then name it as missing.
            "business_id": organisation.business_id if _valid_business_id(organisation) else None,
            "offices": [_contract_text(o.contract_address) for o in organisation.offices.all()],
        },
    }


def _valid_business_id(organisation: Organisation) -> bool:
    return bool(organisation.business_id) and _ytunnus_valid(organisation.business_id)


def _contract_text(value: str) -> str:
    """A name or address stored before invisible control characters were refused, made
    acceptable to the case-file schema (they are dropped) so its cases stay readable."""
    if text_problem(value) is None:
        return value
    return "".join(ch for ch in value if invisible_character(ch) is None)[:CASE_FILE_TEXT_MAX]


def case_header(case: Case) -> dict[str, Any]:
    """The case file without its events (decision, client, contract parts)."""
    return _header(case)


def export_case(case: Case) -> dict[str, Any]:
    """The case as a valid ``luotsi-case/1`` dict (validated before it is returned)."""
    data = _header(case)
    data["events"] = [event.data for event in case.events.all()]
    parse_case(data, source=case.external_id)
    return data


def contract_case(case: Case) -> ContractCase:
    return parse_case(export_case(case), source=case.external_id)


# --- validation -------------------------------------------------------------------------


def _error(pointer: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({pointer: [ValidationError(message, code=code)]})


def _span(event: dict[str, Any]) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(event["from"])
    end = dt.date.fromisoformat(event["to"]) if event.get("to") else dt.date.max
    return start, end


def _check_consistency(events: list[dict[str, Any]], received: dt.date | None = None) -> None:
    """Entry rules the engine would only report afterwards: refuse them at the field.

    Nothing happens before the decision was received; pauses may not overlap each other; a
    date has at most one rehabilitation day; a rehabilitation day may not fall inside an
    absence.
    """
    if received is not None:
        for i, event in enumerate(events):
            field = "from" if event["type"] in _SPAN_TYPES else "date"
            if dt.date.fromisoformat(event[field]) < received:
                raise _error(
                    f"/events/{i}/{field}",
                    _("This is before the decision was received (%(date)s).")
                    % {"date": finnish_date(received)},
                    "before_decision",
                )
    seen_days: dict[str, int] = {}
    for i, event in enumerate(events):
        if event["type"] == "rehab_day":
            if event["date"] in seen_days:
                raise _error(
                    f"/events/{i}/date",
                    _("A rehabilitation day is already recorded on %(date)s.")
                    % {"date": finnish_date(dt.date.fromisoformat(event["date"]))},
                    "duplicate_day",
                )
            seen_days[event["date"]] = i
    pauses = [(i, _span(e)) for i, e in enumerate(events) if e["type"] == "pause"]
    for n, (i, (start, end)) in enumerate(pauses):
        for _j, (other_start, other_end) in pauses[:n]:
            if start <= other_end and other_start <= end:
                raise _error(
                    f"/events/{i}/from",
                    _("This pause overlaps the pause from %(date)s.")
                    % {"date": finnish_date(other_start)},
                    "overlap",
                )
    absences = [_span(e) for e in events if e["type"] == "absence"]
    for i, event in enumerate(events):
        if event["type"] != "rehab_day":
            continue
        day = dt.date.fromisoformat(event["date"])
        for start, end in absences:
            if start <= day <= end:
                raise _error(
                    f"/events/{i}/date",
                    _("A rehabilitation day cannot fall inside an absence (%(start)s–%(end)s).")
                    % {
                        "start": finnish_date(start),
                        "end": "" if end == dt.date.max else finnish_date(end),
                    },
                    "on_absence",
                )


def _validate(header: dict[str, Any], events: list[Any]) -> list[dict[str, Any]]:
    """Validate the whole case; return the events in contract form (as given)."""
    if not isinstance(events, list):
        raise _error("/events", _("Events must be a list."))
    try:
        parse_case({**header, "events": events}, source=str(header.get("id", "")))
    except CaseFileError as exc:
        raise _error(exc.pointer or "/", exc.problem) from None
    received = header.get("decision", {}).get("received")
    _check_consistency(events, dt.date.fromisoformat(received) if received else None)
    return [dict(event) for event in events]


def _event_row(case: Case, position: int, event: dict[str, Any]) -> CaseEvent:
    return CaseEvent(
        case=case,
        type=event["type"],
        date=event.get("date"),
        from_date=event.get("from"),
        to_date=event.get("to"),
        position=position,
        data=event,
    )


# --- import and changes -----------------------------------------------------------------


@transaction.atomic
def import_case(
    actor: User | None,
    organisation: Organisation,
    client: Client,
    data: dict[str, Any],
    on: dt.date | None = None,
) -> Case:
    """Create a case from a ``luotsi-case/1`` dict: all or nothing.

    The client and contract parts of the file are not stored: they come from ``client``
    and ``organisation`` on export.
    """
    _check_access(actor, organisation, client)
    if not isinstance(data, dict):
        raise _error("/", _("A case file must be a JSON object."))
    try:
        parsed = parse_case(data, source=str(data.get("id", "")))
    except CaseFileError as exc:
        raise _error(exc.pointer or "/", exc.problem) from None
    events = [dict(event) for event in data["events"]]
    _check_consistency(events)
    if Case.objects.filter(organisation=organisation, external_id=parsed.id).exists():
        raise _error("/id", _("A case with this number already exists."), "duplicate")
    statement = parsed.decision.medical_statement_b
    try:
        # A savepoint: a concurrent create of the same number (the unique constraint) is
        # the form's own error, and the outer transaction stays usable.
        with transaction.atomic():
            case = Case.objects.create(
                organisation=organisation,
                client=client,
                service=parsed.service,
                external_id=parsed.id,
                received=parsed.decision.received,
                granted_days=parsed.decision.granted_days,
                first_decision=parsed.decision.first_decision,
                medical_statement_b=statement if isinstance(statement, dt.date) else None,
                medical_statement_b_undated=statement is True,
                applies_allowance=parsed.client.applies_allowance,
                in_working_life_at_start=parsed.client.in_working_life_at_start,
            )
    except IntegrityError:
        raise _error("/id", _("A case with this number already exists."), "duplicate") from None
    CaseEvent.objects.bulk_create(_event_row(case, i, e) for i, e in enumerate(events))
    _log(actor, case, "create", ["events"])
    recompute_findings(case, on)
    return case


def _lock(case: Case, expected_version: int) -> Case:
    """Bump the version if it is still ``expected_version``; refuse otherwise."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleVersion(
            _(
                "Someone else changed this case while you were editing it. "
                "Reload the page and make your change again."
            ),
            code="stale",
        )
    return Case.objects.select_related("client", "organisation").get(pk=case.pk)


def _replace_events(case: Case, events: list[dict[str, Any]]) -> None:
    header = _header(case)
    validated = _validate(header, events)
    case.events.all().delete()
    CaseEvent.objects.bulk_create(_event_row(case, i, e) for i, e in enumerate(validated))


def add_event(
    actor: User | None,
    case: Case,
    event: dict[str, Any],
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Add one event (contract form). Errors name the field (``/events/N/date``)."""
    return add_events(actor, case, [event], expected_version, on)


@transaction.atomic
def add_events(
    actor: User | None,
    case: Case,
    new_events: list[dict[str, Any]],
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Add several events in one change (one version bump): all or nothing.

    The new events get the pointers ``/events/N`` after the existing ones, in order.
    """
    _check_access(actor, case.organisation, case.client)
    case = _lock(case, expected_version)
    events = [e.data for e in case.events.all()]
    _replace_events(case, [*events, *(dict(event) for event in new_events)])
    _log(actor, case, "edit", ["events"])
    recompute_findings(case, on)
    return case


@transaction.atomic
def create_case(
    actor: User | None,
    organisation: Organisation,
    client: Client,
    *,
    service: str,
    external_id: str,
    received: dt.date,
    granted_days: int | None = None,
    first_decision: bool = True,
    medical_statement_b: dt.date | None = None,
    medical_statement_b_undated: bool = False,
    applies_allowance: bool = True,
    in_working_life_at_start: bool = False,
    on: dt.date | None = None,
) -> Case:
    """Create a case with no events from a decision; findings computed at once.

    Goes through ``import_case``, so the errors are the same JSON pointers
    (``/id``, ``/decision/received``, ...).
    """
    statement: str | bool | None = None
    if medical_statement_b is not None:
        statement = medical_statement_b.isoformat()
    elif medical_statement_b_undated:
        statement = True
    decision: dict[str, Any] = {
        "received": received.isoformat(),
        "first_decision": first_decision,
        "medical_statement_b": statement,
    }
    if granted_days is not None:
        decision["granted_days"] = granted_days
    data = {
        "format": FORMAT,
        "id": external_id,
        "service": service,
        "decision": decision,
        "client": {
            "applies_allowance": applies_allowance,
            "in_working_life_at_start": in_working_life_at_start,
        },
        "events": [],
    }
    return import_case(actor, organisation, client, data, on)


def check_events(case: Case, new_events: list[dict[str, Any]]) -> ContractCase:
    """Validate the case with ``new_events`` added, as ``add_events`` would (same errors,
    same pointers), without storing anything; return the proposed contract case."""
    header = _header(case)
    events = [*(e.data for e in case.events.all()), *(dict(event) for event in new_events)]
    _validate(header, events)
    return parse_case({**header, "events": events}, source=case.external_id)


@transaction.atomic
def remove_event(
    actor: User | None,
    case: Case,
    event_id: int,
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Remove one event by its ``CaseEvent`` id."""
    _check_access(actor, case.organisation, case.client)
    case = _lock(case, expected_version)
    events = list(case.events.all())
    if not any(e.pk == event_id for e in events):
        raise ValidationError(_("No such event in this case."), code="missing")
    _replace_events(case, [e.data for e in events if e.pk != event_id])
    _log(actor, case, "edit", ["events"])
    recompute_findings(case, on)
    return case


# --- findings ---------------------------------------------------------------------------


def recompute_findings(case: Case, on: dt.date | None = None) -> list[CaseFinding]:
    """Evaluate the case on ``on`` (today) and replace its stored findings and counters."""
    on = on or timezone.localdate()
    with transaction.atomic():
        result = evaluate(contract_case(case), on)
        case.findings.all().delete()
        rows = [
            CaseFinding(
                case=case,
                rule=f.rule,
                severity=f.severity,
                due=f.due,
                date=f.date,
                message_fi=f.message("fi"),
                message_sv=f.message("sv"),
                message_en=f.message("en"),
                source=f.source,
                evaluated_on=on,
            )
            for f in result.findings
        ]
        CaseFinding.objects.bulk_create(rows)
        Case.objects.filter(pk=case.pk).update(counters=result.counters, evaluated_on=on)
        case.counters = result.counters
        case.evaluated_on = on
    return rows


def recompute_all(on: dt.date | None = None) -> int:
    """Re-evaluate every case (the nightly job, for changes that come with the date)."""
    count = 0
    for case in Case.objects.select_related("client", "organisation").iterator():
        recompute_findings(case, on)
        count += 1
    return count
