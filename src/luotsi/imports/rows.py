"""One spreadsheet row → one service call: what it would do (create / update /
unchanged) or why it is refused, at the cell.

Each row is written through the apps' own services (``luotsi.clients.service``: the new
clients of a file together with ``create_clients``; ``luotsi.cases.service.create_case``),
so a row is valid exactly when the form would accept it; the dry run makes the same calls
and rolls them back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.accounts.models import Role, User
from luotsi.cases import service as case_service
from luotsi.cases.models import Case, Service
from luotsi.clients import crypto
from luotsi.clients import service as client_service
from luotsi.clients.models import Client
from luotsi.clients.validators import validate_identity_code
from luotsi.organisations.models import Team
from luotsi.rules.calendar import finnish_date, in_date_range

from . import reader
from .columns import LANGUAGES, NO, YES

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"


class Refused(Exception):
    """The row is refused: ``problems`` are (column key, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass
class RowResult:
    number: int  # the row's number in the sheet (the header is row 1)
    outcome: str
    label: str = ""  # who or what the row is about, for the preview (no identity code)
    changed: list[str] = field(default_factory=list)
    # (column key, value as text) the preview shows besides the outcome (a decision's
    # given date); never an identity code.
    shown: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (cell, message)


class Context:
    """What every row of one import needs, read once: the actor's organisation's coaches,
    teams, clients by identity-code hash and case numbers."""

    def __init__(self, actor: User) -> None:
        # The policy reads the actor's roles for every row's service call: read them once.
        prefetch_related_objects([actor], "role_assignments", "teams")
        self.actor = actor
        self.organisation = actor.organisation
        organisation_id = actor.organisation_id
        self.coaches = {
            user.username: user
            for user in User.objects.filter(
                organisation_id=organisation_id,
                is_active=True,
                role_assignments__role__in=[Role.COACH, Role.TEAM_LEAD],
            ).distinct()
        }
        self.teams = {
            team.name: team for team in Team.objects.filter(organisation_id=organisation_id)
        }
        self.own_teams = set(actor.teams.values_list("pk", flat=True))
        self.clients = {
            client.identity_code_hmac: client
            for client in Client.objects.filter(organisation_id=organisation_id).select_related(
                "team", "responsible_coach"
            )
        }
        self.editable = set(policy.clients_for(actor, Action.EDIT).values_list("pk", flat=True))
        self.cases = {
            case.external_id: case
            for case in Case.objects.filter(organisation_id=organisation_id).select_related(
                "client"
            )
        }
        self.seen: dict[str, int] = {}  # a key already met in this file → its row
        # New clients, written together by ``create_pending`` (one bulk service call).
        self.pending: list[tuple[RowResult, dict[str, Any]]] = []


def _value(row: list[Any], columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    return None if index is None else row[index]


def _yes_no(value: Any, key: str, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = reader.text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Refused([(key, _("Write kyllä or ei."))])


def _date(value: Any, key: str) -> dt.date | None:
    try:
        day = reader.date(value)
    except (ValueError, TypeError):
        raise Refused([(key, _("Not a date: write it as 13.3.2026."))]) from None
    if day is not None and not in_date_range(day):
        raise Refused([(key, _("The date is outside 1900–2100."))])
    return day


def _identity_code(row: list[Any], columns: dict[str, int]) -> str:
    raw = reader.text(_value(row, columns, "identity_code"))
    if not raw:
        raise Refused([("identity_code", _("The identity code is missing."))])
    try:
        return validate_identity_code(raw)
    except ValidationError as exc:
        raise Refused([("identity_code", exc.messages[0])]) from None


def _once(context: Context, key: str, number: int, column: str, message: str) -> None:
    if key in context.seen:
        raise Refused([(column, message % {"row": context.seen[key]})])
    context.seen[key] = number


def _service_problems(exc: ValidationError, keys: dict[str, str]) -> list[tuple[str, str]]:
    problems = []
    items = exc.error_dict.items() if hasattr(exc, "error_dict") else [("", exc.error_list)]
    for key, errors in items:
        if key.startswith("/events/"):  # an event before the (new) decision date
            column = "received"
        else:
            column = keys.get(key, key.strip("/").split("/")[-1] if key else "")
        for error in errors:
            problems.extend((column, message) for message in error.messages)
    return problems


# --- clients ----------------------------------------------------------------------------


def client_row(context: Context, row: list[Any], columns: dict[str, int], number: int) -> RowResult:
    code = _identity_code(row, columns)
    _once(context, code, number, "identity_code", _("The same identity code is on row %(row)d."))
    wanted: dict[str, Any] = {}
    for key in ("first_name", "last_name", "phone", "email", "address"):
        if key in columns:
            wanted[key] = reader.text(_value(row, columns, key))
    if "language" in columns:
        language = reader.text(_value(row, columns, "language")).lower() or "fi"
        if language not in LANGUAGES:
            raise Refused([("language", _("Write fi or sv."))])
        wanted["language"] = LANGUAGES[language]
    if "responsible_coach" in columns:
        name = reader.text(_value(row, columns, "responsible_coach"))
        coach = context.coaches.get(name) if name else None
        if name and coach is None:
            raise Refused(
                [("responsible_coach", _("No coach of your organisation has this user name."))]
            )
        wanted["responsible_coach"] = coach
    if "team" in columns:
        name = reader.text(_value(row, columns, "team"))
        team = context.teams.get(name) if name else None
        if name and team is None:
            raise Refused([("team", _("Your organisation has no team of this name."))])
        wanted["team"] = team
    existing = context.clients.get(crypto.identity_code_hmac(code))
    label = f"{wanted.get('first_name', '')} {wanted.get('last_name', '')}".strip()
    keys = {"__all__": "identity_code"}
    if existing is None:  # created with the file's other new clients at the end
        result = RowResult(number, CREATE, label)
        context.pending.append((result, {"identity_code": code, **wanted}))
        return result
    if existing.pk not in context.editable:
        raise Refused(
            [
                (
                    "identity_code",
                    _("This person is a client outside your teams: you cannot change them."),
                )
            ]
        )
    label = label or existing.full_name
    changed = [key for key, value in wanted.items() if getattr(existing, key) != value]
    if not changed:
        return RowResult(number, UNCHANGED, label)
    try:
        client_service.update_client(context.actor, existing, **{k: wanted[k] for k in changed})
    except ValidationError as exc:
        raise Refused(_service_problems(exc, keys)) from None
    return RowResult(number, UPDATE, label, changed=changed)


def create_pending(context: Context, columns: dict[str, int], cell: Any) -> None:
    """Write the file's new clients with ``clients.service.create_clients`` (the same
    checks as one at a time, one insert); a refused one becomes a refused row."""
    if not context.pending:
        return
    try:
        created = client_service.create_clients(
            context.actor, [entry for _row, entry in context.pending]
        )
    except client_service.ClientsRefused as exc:
        for index, problems in exc.errors.items():
            row = context.pending[index][0]
            row.outcome = REFUSED
            row.problems = [
                (cell(columns, key, row.number), message)
                for key, messages in problems.items()
                for message in messages
            ]
        return
    for client in created:
        context.clients[client.identity_code_hmac] = client


# --- decisions --------------------------------------------------------------------------

DECISION_POINTERS = {
    "/id": "case_number",
    "/service": "service",
    "/decision/received": "received",
    "/decision/given": "given",
    "/decision/granted_days": "granted_days",
    "/decision/medical_statement_b": "medical_statement_b",
    "/client/applies_allowance": "applies_allowance",
    "/client/in_working_life_at_start": "in_working_life_at_start",
}


def _decision(row: list[Any], columns: dict[str, int]) -> dict[str, Any]:
    service = reader.text(_value(row, columns, "service")).upper()
    if service not in Service.values:
        raise Refused([("service", _("Write one of TK, TV, TEAK-TK, TEAK-TV, TEAK-YHD, TAITO."))])
    received = _date(_value(row, columns, "received"), "received")
    if received is None:
        raise Refused([("received", _("The date the decision was received is missing."))])
    if received > timezone.localdate():
        raise Refused([("received", _("The decision cannot be received in the future."))])
    days_text = reader.text(_value(row, columns, "granted_days"))
    granted_days = None
    if days_text:
        if not days_text.isdigit():
            raise Refused([("granted_days", _("Write a whole number of days."))])
        granted_days = int(days_text)
    statement = _date(_value(row, columns, "medical_statement_b"), "medical_statement_b")
    if statement is not None and statement > received:
        raise Refused(
            [(
                "medical_statement_b",
                _("The medical statement B (%(statement)s) is dated after the decision was "
                  "received (%(received)s).")
                % {"statement": finnish_date(statement), "received": finnish_date(received)},
            )]
        )  # fmt: skip
    decision: dict[str, Any] = {}
    if "given" in columns:  # a file without the column leaves a stored given date alone
        given = _date(_value(row, columns, "given"), "given")
        if given is not None and given > received:
            raise Refused(
                [(
                    "given",
                    _("The decision is given (%(given)s) after it was received "
                      "(%(received)s): check the dates.")
                    % {"given": finnish_date(given), "received": finnish_date(received)},
                )]
            )  # fmt: skip
        decision["given"] = given
    return {
        **decision,
        "service": service,
        "received": received,
        "granted_days": granted_days,
        "first_decision": _yes_no(_value(row, columns, "first_decision"), "first_decision", True),
        "medical_statement_b": statement,
        "applies_allowance": _yes_no(
            _value(row, columns, "applies_allowance"), "applies_allowance", True
        ),
        "in_working_life_at_start": _yes_no(
            _value(row, columns, "in_working_life_at_start"), "in_working_life_at_start", False
        ),
    }


def decision_row(
    context: Context, row: list[Any], columns: dict[str, int], number: int
) -> RowResult:
    number_text = reader.text(_value(row, columns, "case_number"))
    if not number_text:
        raise Refused([("case_number", _("The case number is missing."))])
    _once(context, number_text, number, "case_number", _("The same case number is on row %(row)d."))
    code = _identity_code(row, columns)
    client = context.clients.get(crypto.identity_code_hmac(code))
    if client is None or client.pk not in context.editable:
        raise Refused(
            [("identity_code",
              _("None of your clients has this identity code: import the clients first."))]
        )  # fmt: skip
    decision = _decision(row, columns)
    shown = [("given", finnish_date(decision["given"]))] if decision.get("given") else []
    existing = context.cases.get(number_text)
    if existing is not None:
        if existing.client_id != client.pk:
            raise Refused(
                [("case_number", _("A case with this number belongs to another client."))]
            )
        stored = {
            "service": existing.service,
            "received": existing.received,
            "given": existing.given,
            "granted_days": existing.granted_days,
            "first_decision": existing.first_decision,
            "medical_statement_b": existing.medical_statement_b,
            "applies_allowance": existing.applies_allowance,
            "in_working_life_at_start": existing.in_working_life_at_start,
        }
        changed = [key for key, value in decision.items() if stored[key] != value]
        if not changed:
            return RowResult(number, UNCHANGED, number_text, shown=shown)
        if "service" in changed:
            raise Refused(
                [("service", _("The service of a stored case cannot change: a new service "
                               "is a new decision and a new case number."))]
            )  # fmt: skip
        try:
            case_service.update_decision(
                context.actor, existing, existing.version, **{k: decision[k] for k in changed}
            )
        except ValidationError as exc:
            raise Refused(_service_problems(exc, DECISION_POINTERS)) from None
        return RowResult(number, UPDATE, number_text, changed=changed, shown=shown)
    try:
        case = case_service.create_case(
            context.actor, context.organisation, client, external_id=number_text, **decision
        )
    except ValidationError as exc:
        raise Refused(_service_problems(exc, DECISION_POINTERS)) from None
    context.cases[number_text] = case
    return RowResult(number, CREATE, number_text, shown=shown)


HANDLERS = {"clients": client_row, "decisions": decision_row}
