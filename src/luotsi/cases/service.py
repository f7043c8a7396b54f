"""Importing, exporting and changing cases; stored findings kept in step.

Every event is validated as ``luotsi-case/1`` (``luotsi.rules.parse_case``)
before anything is written. Errors come back as a ``ValidationError`` keyed by the JSON
pointer of the bad field (``/events/3/date``), and nothing is stored. Each change bumps
``Case.version``; a change made against a stale version is refused (optimistic locking).
Findings are recomputed and stored in ``CaseFinding`` in the same transaction.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import actor_name, log_change
from luotsi.access.models import Action, ChangeLogEntry
from luotsi.accounts.models import User
from luotsi.clients.models import Client
from luotsi.organisations.models import Organisation
from luotsi.rules import Case as ContractCase
from luotsi.rules import CaseFileError, evaluate, parse_case
from luotsi.rules.calendar import finnish_date
from luotsi.rules.schema import _ytunnus_valid, text_problem
from luotsi.rules.text import CASE_FILE_TEXT_MAX, invisible_character

from .checks import DOCUMENT_TYPES, Change, check_consistency, check_entry, first_day
from .checks import error as _error
from .models import Case, CaseEvent, CaseFinding, CaseRevision, RevisionAction
from .workspace import workspace_findings, workspace_findings_of

FORMAT = "luotsi-case/1"


class StaleVersion(ValidationError):
    """The case changed since it was read: reload and try again."""


def log(actor: User | None, case: Case, action: str, fields: list[str]) -> None:
    log_change(
        actor,
        organisation_id=case.organisation_id,
        client_id=case.client_id,
        action=action,
        object_type="case",
        object_id=case.pk,
        fields=fields,
    )


def check_access(actor: User | None, organisation: Organisation, client: Client) -> None:
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
    if case.given is not None:
        decision["given"] = case.given.isoformat()
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


def case_file(case: Case, events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The stored case as a ``luotsi-case/1`` dict, not yet validated: its header and its
    events' ``data`` in their stored order (``CaseEvent.Meta.ordering``). ``events`` are
    those already read (the batched recompute reads a batch's events in one query); by
    default the case's own are read. The one mapping from stored rows to the case file."""
    data = _header(case)
    data["events"] = [e.data for e in case.events.all()] if events is None else events
    return data


def export_case(case: Case) -> dict[str, Any]:
    """The case as a valid ``luotsi-case/1`` dict (validated before it is returned)."""
    data = case_file(case)
    parse_case(data, source=case.external_id)
    return data


def contract_case(case: Case, events: list[dict[str, Any]] | None = None) -> ContractCase:
    """The stored case parsed into the engine's models (``events``: see ``case_file``)."""
    return parse_case(case_file(case, events), source=case.external_id)


# --- validation -------------------------------------------------------------------------


def _validate(header: dict[str, Any], events: list[Any], stored: int = 0) -> list[dict[str, Any]]:
    """Validate the whole case; return the events in contract form (as given). The first
    ``stored`` events are already recorded (``check_consistency``)."""
    if not isinstance(events, list):
        raise _error("/events", _("Events must be a list."))
    try:
        parse_case({**header, "events": events}, source=str(header.get("id", "")))
    except CaseFileError as exc:
        raise _error(exc.pointer or "/", exc.problem) from None
    received = header.get("decision", {}).get("received")
    check_consistency(events, dt.date.fromisoformat(received) if received else None, stored)
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
    check_access(actor, organisation, client)
    if not isinstance(data, dict):
        raise _error("/", _("A case file must be a JSON object."))
    try:
        parsed = parse_case(data, source=str(data.get("id", "")))
    except CaseFileError as exc:
        raise _error(exc.pointer or "/", exc.problem) from None
    events = [dict(event) for event in data["events"]]
    check_consistency(events)
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
                given=parsed.decision.given,
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
    log(actor, case, "create", ["events"])
    recompute_findings(case, on)
    return case


def stale_version(case: Case | None = None, actor: User | None = None) -> StaleVersion:
    """The refusal of a change made against an older version of ``case``: it says who
    changed the case since (the same user in another tab, or someone else, by the change
    log), never blames someone else for the user's own second tab."""
    last = None
    if case is not None:
        last = (
            ChangeLogEntry.objects.filter(object_type="case", object_id=str(case.pk))
            .order_by("-at", "-pk")
            .only("user_id", "user_name")
            .first()
        )
    if last is not None and actor is not None and last.user_id == actor.pk:
        message = _(
            "The case has changed since this page was opened: you saved a change to it in "
            "another tab or window. What you typed is kept: check the preview and save again."
        )
    elif last is not None:
        message = _(
            "The case has changed since this page was opened: %(name)s saved a change to "
            "it. What you typed is kept: check the preview and save again."
        ) % {"name": last.user_name}
    else:
        message = _(
            "The case has changed since this page was opened. What you typed is kept: "
            "check the preview and save again."
        )
    return StaleVersion(message, code="stale")


def lock(case: Case, expected_version: int, actor: User | None = None) -> Case:
    """Bump the version if it is still ``expected_version``; refuse otherwise."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise stale_version(case, actor)
    return Case.objects.select_related("client", "organisation").get(pk=case.pk)


def _split(case: Case, change: Change) -> tuple[list[CaseEvent], list[CaseEvent]]:
    """The case's stored events: (kept, touched by the change); unknown ids refused."""
    events = list(case.events.all())
    known = {event.pk for event in events}
    if not change.touched() <= known:
        raise ValidationError(_("No such event in this case."), code="missing")
    touched = [event for event in events if event.pk in change.touched()]
    documents = [event for event in touched if event.type in DOCUMENT_TYPES]
    if documents:
        raise _error(
            "/remove",
            _("A document or invoice made this event: correct it with a new version there."),
            "document_event",
        )
    return [event for event in events if event.pk not in change.touched()], touched


def check_change(case: Case, change: Change, today: dt.date | None = None) -> ContractCase:
    """Validate the case as ``change`` would leave it, storing nothing; return the proposed
    contract case. The pointers: the kept events first, then ``change.proposed``."""
    kept, touched = _split(case, change)
    removed = [event.data for event in touched if event.pk in change.remove]
    header = _header(case)
    events = [*(event.data for event in kept), *(dict(e) for e in change.proposed)]
    _validate(header, events, stored=len(kept))
    check_entry([event.data for event in kept], removed, change, today or timezone.localdate())
    return parse_case({**header, "events": events}, source=case.external_id)


def revision(
    actor: User | None,
    case: Case,
    action: str,
    event_type: str,
    object_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
) -> CaseRevision:
    return CaseRevision.objects.create(
        case=case,
        user=actor,
        user_name=actor_name(actor),
        action=action,
        event_type=event_type,
        object_id=object_id,
        before=before,
        after=after,
        reason=reason,
        version=case.version,
    )


@transaction.atomic
def apply_change(
    actor: User | None,
    case: Case,
    change: Change,
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Add, correct and remove events in one change (one version bump): all or nothing.

    Each event written or removed keeps a ``CaseRevision`` with who, when, before and
    after; stored events keep their ids; the findings are recomputed in the same
    transaction. Errors are ``ValidationError`` keyed by JSON pointer (see
    ``check_change``); a stale ``expected_version`` is ``StaleVersion``."""
    check_access(actor, case.organisation, case.client)
    case = lock(case, expected_version, actor)
    check_change(case, change)
    kept, touched = _split(case, change)
    by_id = {event.pk: event for event in touched}
    for event_id, data in change.replace.items():
        row = by_id[event_id]
        before = row.data
        fresh = _event_row(case, row.position, dict(data))
        fresh.pk = row.pk
        fresh.save()
        revision(
            actor, case, RevisionAction.EDIT, data["type"], row.pk, before, data, change.reason
        )
    for event_id in change.remove:
        row = by_id[event_id]
        revision(
            actor, case, RevisionAction.REMOVE, row.type, row.pk, row.data, None, change.reason
        )
        row.delete()
    position = max((event.position for event in [*kept, *touched]), default=-1) + 1
    case.added_events = []  # type: ignore[attr-defined]
    for n, data in enumerate(change.add):
        row = _event_row(case, position + n, dict(data))
        row.save()
        case.added_events.append(row)  # type: ignore[attr-defined]
        revision(actor, case, RevisionAction.ADD, row.type, row.pk, None, row.data, change.reason)
    log(actor, case, "edit", ["events"])
    recompute_findings(case, on)
    return case


def add_event(
    actor: User | None,
    case: Case,
    event: dict[str, Any],
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Add one event (contract form). Errors name the field (``/events/N/date``)."""
    return add_events(actor, case, [event], expected_version, on)


def add_events(
    actor: User | None,
    case: Case,
    new_events: list[dict[str, Any]],
    expected_version: int,
    on: dt.date | None = None,
) -> Case:
    """Add several events in one change (one version bump): all or nothing.

    The new events get the pointers ``/events/N`` after the existing ones, in order."""
    return apply_change(actor, case, Change(add=list(new_events)), expected_version, on)


def check_events(case: Case, new_events: list[dict[str, Any]]) -> ContractCase:
    """Validate the case with ``new_events`` added, as ``add_events`` would (same errors,
    same pointers), without storing anything; return the proposed contract case."""
    return check_change(case, Change(add=list(new_events)))


def remove_event(
    actor: User | None,
    case: Case,
    event_id: int,
    expected_version: int,
    on: dt.date | None = None,
    reason: str = "",
) -> Case:
    """Remove one event by its ``CaseEvent`` id (its revision keeps what it was)."""
    change = Change(remove=[event_id], reason=reason)
    return apply_change(actor, case, change, expected_version, on)


@transaction.atomic
def create_case(
    actor: User | None,
    organisation: Organisation,
    client: Client,
    *,
    service: str,
    external_id: str,
    received: dt.date,
    given: dt.date | None = None,
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
    if given is not None:
        decision["given"] = given.isoformat()
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


# --- findings ---------------------------------------------------------------------------


def finding_deadline(finding: Any) -> dt.date | None:
    """The finding's due date, or the deadline its message names (a deadline missed or met
    late: the engine's ``deadline`` argument)."""
    if finding.due is not None:
        return finding.due  # type: ignore[no-any-return]
    value = dict(finding.args).get("deadline")
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _finding_rows(case: Case, result: Any, on: dt.date) -> list[CaseFinding]:
    """The rows to store for the engine's ``result`` on ``on`` (its findings in order)."""
    return [
        CaseFinding(
            case=case,
            rule=f.rule,
            severity=f.severity,
            due=f.due,
            date=f.date,
            deadline=finding_deadline(f),
            message_fi=f.message("fi"),
            message_sv=f.message("sv"),
            message_en=f.message("en"),
            source=f.source,
            evaluated_on=on,
        )
        for f in result.findings
    ]


def recompute_findings(case: Case, on: dt.date | None = None) -> list[CaseFinding]:
    """Evaluate the case on ``on`` (today) and replace its stored findings and counters."""
    on = on or timezone.localdate()
    with transaction.atomic():
        result = evaluate(contract_case(case), on)
        case.findings.all().delete()
        rows = _finding_rows(case, result, on)
        rows += workspace_findings(case, on)
        CaseFinding.objects.bulk_create(rows)
        Case.objects.filter(pk=case.pk).update(counters=result.counters, evaluated_on=on)
        case.counters = result.counters
        case.evaluated_on = on
    return rows


# Cases re-evaluated in one transaction by ``recompute_batch`` (the nightly jobs' step).
RECOMPUTE_BATCH = 200


def recompute_batch(case_ids: list[int], on: dt.date | None = None) -> int:
    """``recompute_findings`` for many cases at once, storing the same rows: the cases with
    their clients, organisations and offices, all their events and their planned meetings
    are read in a few queries, each case is evaluated, then the batch's old findings are
    deleted in one statement, the new ones inserted in bulk and the counters updated in
    bulk — one transaction for the whole batch (a worker killed in the middle leaves every
    case of it as it was). The cases are locked while they are evaluated, so that a change
    saved meanwhile waits and then stores its own findings. Cases not found (deleted
    since they were listed) are skipped. Returns the number of cases evaluated."""
    on = on or timezone.localdate()
    with transaction.atomic():
        cases = list(
            Case.objects.filter(pk__in=case_ids)
            .select_related("client")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not cases:
            return 0
        ids = [case.pk for case in cases]
        prefetch_related_objects(cases, "organisation__offices")
        events: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
        stored = CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "position", "pk")
        for case_id, data in stored.values_list("case_id", "data"):
            events[case_id].append(data)
        own = workspace_findings_of(cases, on)
        rows: list[CaseFinding] = []
        for case in cases:
            result = evaluate(contract_case(case, events[case.pk]), on)
            rows += _finding_rows(case, result, on)
            rows += own[case.pk]
            case.counters = result.counters
            case.evaluated_on = on
        CaseFinding.objects.filter(case_id__in=ids).delete()
        CaseFinding.objects.bulk_create(rows)
        Case.objects.bulk_update(cases, ["counters", "evaluated_on"])
    return len(cases)


def recompute_all(on: dt.date | None = None) -> int:
    """Re-evaluate every case (the nightly job, for changes that come with the date), in
    batches of ``RECOMPUTE_BATCH`` cases."""
    on = on or timezone.localdate()
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    return sum(
        recompute_batch(ids[i : i + RECOMPUTE_BATCH], on)
        for i in range(0, len(ids), RECOMPUTE_BATCH)
    )


# The decision's fields that a change may correct (the service is the case itself: a new
# service is a new decision and a new case).
DECISION_FIELDS = frozenset(
    {
        "received",
        "given",
        "granted_days",
        "first_decision",
        "medical_statement_b",
        "medical_statement_b_undated",
        "applies_allowance",
        "in_working_life_at_start",
    }
)


def decision_values(case: Case) -> dict[str, Any]:
    """The decision's correctable fields (``DECISION_FIELDS``) as JSON values (dates as
    ISO strings): what a revision of the decision keeps before and after."""
    values: dict[str, Any] = {}
    for name in sorted(DECISION_FIELDS):
        value = getattr(case, name)
        values[name] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def _validate_decision(
    case: Case, changes: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Validate ``case`` with its decision changed (``changes`` applied to a copy); return
    the case file's header as changed and the events. An event before a corrected
    ``received`` is refused at ``/decision/received`` (the field being corrected), naming
    the event's day."""
    unknown = set(changes) - DECISION_FIELDS
    if unknown:
        raise TypeError(f"update_decision got unknown fields: {sorted(unknown)}")
    proposed = copy.copy(case)
    for field, value in changes.items():
        setattr(proposed, field, value)
    events = [event.data for event in case.events.all()]
    received = changes.get("received")
    if isinstance(received, dt.date) and events:
        earliest = min(first_day(event) for event in events)
        if earliest < received:
            raise _error(
                "/decision/received",
                _(
                    "An event of the case is recorded on %(date)s, before this date: "
                    "correct or remove that event first."
                )
                % {"date": finnish_date(earliest)},
                "before_events",
            )
    header = _header(proposed)
    _validate(header, events, stored=len(events))
    return header, events


def check_decision(case: Case, **changes: Any) -> ContractCase:
    """Validate the case with its decision corrected, as ``update_decision`` would (same
    errors, same pointers), storing nothing; return the proposed contract case."""
    header, events = _validate_decision(case, changes)
    return parse_case({**header, "events": events}, source=case.external_id)


@transaction.atomic
def update_decision(
    actor: User | None,
    case: Case,
    expected_version: int,
    on: dt.date | None = None,
    reason: str = "",
    **changes: Any,
) -> Case:
    """Correct the decision of ``case`` (``DECISION_FIELDS``): the whole case is validated
    with its events as ``import_case`` does (an event before the new ``received`` is
    refused at ``/decision/received``), one version bump, a change-log row naming the
    fields, a ``CaseRevision`` (type ``decision``) with the changed fields before and
    after, the findings recomputed. A stale ``expected_version`` is ``StaleVersion``."""
    unknown = set(changes) - DECISION_FIELDS
    if unknown:
        raise TypeError(f"update_decision got unknown fields: {sorted(unknown)}")
    check_access(actor, case.organisation, case.client)
    case = lock(case, expected_version, actor)
    before = decision_values(case)
    _validate_decision(case, changes)
    for field, value in changes.items():
        setattr(case, field, value)
    case.save(update_fields=[*changes, "updated_at"])
    after = decision_values(case)
    changed = sorted(name for name in after if after[name] != before[name])
    if changed:
        revision(
            actor,
            case,
            RevisionAction.EDIT,
            "decision",
            None,
            {name: before[name] for name in changed},
            {name: after[name] for name in changed},
            reason,
        )
    log(actor, case, "edit", sorted(changes))
    recompute_findings(case, on)
    return case
