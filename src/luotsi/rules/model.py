"""The case-file format ``luotsi-case/1`` as the engine reads it: msgspec structs.

The pydantic models of ``luotsi.rules.schema`` define the format (JSON Schema, error
messages, what is valid): they are the one definition. These structs are derived from
them field for field — same names, aliases, defaults, types, vocabularies and bounds;
the tests (``tests/rules/test_fast_model.py``) derive each struct field's type from its
pydantic field and fail on any difference — and are what :func:`parse_case` returns:
decoding a file straight into them costs about as much as ``json.loads``, and reading a
field of a struct is a plain slot read (a pydantic model routes every attribute read
through its ``__getattr__`` hook).

:func:`parse_case` decodes with msgspec first; when msgspec refuses anything, the pydantic
models decide: they raise the error (``CaseFileError``) or accept what msgspec is stricter
about (``"6"`` for a number, ``"from_"`` for ``"from"``, ...), and their result becomes
structs. So a file is valid exactly when the pydantic models accept it, and both give the
same values (``tests/rules/test_fast_model.py``).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable
from functools import cache
from itertools import compress
from operator import attrgetter, lt
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from pydantic import BaseModel

from luotsi.rules import reading, schema
from luotsi.rules.calendar import DATE_MAX, DATE_MIN
from luotsi.rules.schema import (
    EVENT_TYPES,
    FORMAT,
    CaseFileError,
    FeedbackAttachment,
    MeetingKind,
    MeetingPhase,
    Mode,
    PauseReason,
    PhaseName,
    Place,
    Service,
    _hetu_valid,
    _ytunnus_valid,
    date_range_problem,
    json_schema,
    text_problem,
)
from luotsi.rules.text import CASE_FILE_TEXT_MAX, invisible_character

__all__ = [
    "EVENT_TYPES",
    "FORMAT",
    "Absence",
    "CannotCommit",
    "Case",
    "CaseFileError",
    "Certificate",
    "Client",
    "Contract",
    "Decision",
    "End",
    "Event",
    "Feedback",
    "Flex",
    "InvitationLetter",
    "InvoiceLine",
    "KelaAgreement",
    "KelaNotice",
    "LightApproach",
    "Meeting",
    "MeetingKind",
    "MeetingPhase",
    "Mode",
    "NoInterpreter",
    "Pause",
    "PauseReason",
    "Phase",
    "PhaseName",
    "Place",
    "Precontact",
    "RehabDay",
    "Service",
    "SpanEvent",
    "StepSkipped",
    "VocationalPlan",
    "Workplace",
    "json_schema",
    "parse_case",
]

Hours = Annotated[float, msgspec.Meta(ge=0, le=24)]
NonNegative = Annotated[int, msgspec.Meta(ge=0)]


# Events and the parts of a case hold only dates, strings, numbers and tuples of strings:
# they cannot be part of a reference cycle, so the garbage collector need not track them.
# (``frozen=True`` is inherited; it is repeated on each class for type checkers.)
class _Base(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """The structs' common configuration (no checks of its own)."""


class _Struct(_Base, frozen=True):
    """A part of a case (decision, client, contract), checked as it is built."""

    def __post_init__(self) -> None:
        _check_fields(self)


def _check_fields(struct: msgspec.Struct) -> None:
    """Every date field (fields added later too) lies in the date range and every text is
    visible and bounded, as the pydantic models require (they then name the field). A
    subclass's own ``__post_init__`` calls this first."""
    dates, texts = _checked_fields(type(struct))
    for name in dates:
        value = getattr(struct, name)
        if isinstance(value, dt.date) and not DATE_MIN <= value <= DATE_MAX:
            raise ValueError(date_range_problem(value))
    for name in texts:
        value = getattr(struct, name)
        for text in (value,) if isinstance(value, str) else value or ():
            problem = text_problem(text)
            if problem is not None:
                raise ValueError(problem)


def _holds(hint: Any, kind: type) -> bool:
    """Whether a field of type ``hint`` may hold a ``kind`` or a tuple of them."""
    return any(
        candidate is kind
        or (typing.get_origin(candidate) is tuple and typing.get_args(candidate)[:1] == (kind,))
        for candidate in (hint, *typing.get_args(hint))
    )


@cache
def _checked_fields(cls: type[msgspec.Struct]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the fields of ``cls`` that may hold a date, and those holding text."""
    hints = typing.get_type_hints(cls)
    fields = cls.__struct_fields__
    return (
        tuple(name for name in fields if _holds(hints[name], dt.date)),
        tuple(name for name in fields if _holds(hints[name], str)),
    )


class _EventChecks(typing.NamedTuple):
    """What the checks of an event class read, as C getters (see :func:`_check_events`)."""

    dates: tuple[Callable[[Any], Any], ...]  # fields holding only a date (or None)
    texts: tuple[Callable[[Any], Any], ...]  # fields holding only a string (or None)
    other: tuple[str, ...]  # fields holding a date or a text among other types, or tuples
    order: tuple[Callable[[Any], Any], Callable[[Any], Any]] | None  # (from, to)


_EVENT_CHECKS: dict[type, _EventChecks] = {}


def _event_checks(cls: type[msgspec.Struct]) -> _EventChecks:
    """The checks of event class ``cls`` (kept in ``_EVENT_CHECKS``)."""
    hints = typing.get_type_hints(cls)
    dates, texts = _checked_fields(cls)

    def only(name: str, kind: type) -> bool:
        return all(
            arg in (kind, type(None)) for arg in (typing.get_args(hints[name]) or (hints[name],))
        )

    fields = cls.__struct_fields__
    checks = _EVENT_CHECKS[cls] = _EventChecks(
        dates=tuple(attrgetter(name) for name in dates if only(name, dt.date)),
        texts=tuple(attrgetter(name) for name in texts if only(name, str)),
        other=tuple(
            name for name in (*dates, *texts) if not only(name, dt.date) and not only(name, str)
        ),
        order=(attrgetter("from_"), attrgetter("to")) if {"from_", "to"} <= set(fields) else None,
    )
    return checks


def _by_class(events: tuple[Any, ...]) -> dict[type, list[Any]]:
    """The events grouped by class, each group in file order."""
    groups: dict[type, list[Any]] = {}
    for event in events:
        group = groups.get(type(event))
        if group is None:
            groups[type(event)] = [event]
        else:
            group.append(event)
    return groups


def _check_events(events: tuple[Any, ...]) -> dict[type, list[Any]]:
    """The checks of every event of a case at once, as :func:`_check_fields` and
    the pydantic models make them of one model: every date in the date range, every text
    visible and bounded, no ``to`` before its ``from``.

    An event has no ``__post_init__``: a case has about a hundred events, and a Python call
    for each cost more than decoding the file. Here the events are grouped by class in one
    pass, and each field is read for a whole group by a C getter (``map``); the dates are
    compared by their minimum and maximum and the texts by their longest and one search of
    all of them. Which value is wrong does not matter: :func:`parse_case` then lets the
    pydantic models name it. Returns the groups (the case keeps them for the engine)."""
    groups = _by_class(events)
    dates: list[Any] = []
    texts: list[Any] = []
    for cls, group in groups.items():
        checks = _EVENT_CHECKS.get(cls) or _event_checks(cls)
        for getter in checks.dates:
            dates += map(getter, group)
        for getter in checks.texts:
            texts += map(getter, group)
        for event in group if checks.other else ():
            _check_fields(event)
        if checks.order is not None:  # ``to`` before ``from``, where both are given
            start, end = checks.order
            starts, ends = list(map(start, group)), list(map(end, group))
            if None in starts or None in ends:
                given = list(map(all, zip(starts, ends, strict=True)))  # dates are true
                starts, ends = list(compress(starts, given)), list(compress(ends, given))
            if any(map(lt, ends, starts)):
                raise ValueError('"to" is before "from"')
    dates = list(filter(None, dates))
    if dates and (min(dates) < DATE_MIN or max(dates) > DATE_MAX):
        raise ValueError(date_range_problem(min(dates) if min(dates) < DATE_MIN else max(dates)))
    texts = list(filter(None, texts))
    # Joined by a space (printable, not refused): one C test of them all.
    if texts and (
        max(map(len, texts)) > CASE_FILE_TEXT_MAX or invisible_character(" ".join(texts))
    ):
        raise ValueError(next(filter(None, map(text_problem, texts))))
    return groups


class _Event(_Base, tag_field="type", frozen=True):
    """An event; ``type`` (the union's tag) is a class attribute of each event class.

    Events are checked when their case is built (:func:`_check_events`), not one by one."""


class _Span(_Event, frozen=True):
    """A span event: ``from`` and an optional (open) ``to``, both inclusive."""

    from_: dt.date = msgspec.field(name="from")
    to: dt.date | None = None


class Precontact(_Event, tag="precontact", frozen=True):
    type: ClassVar[Literal["precontact"]] = "precontact"
    date: dt.date
    mode: Mode = "phone"


class Meeting(_Event, tag="meeting", frozen=True):
    type: ClassVar[Literal["meeting"]] = "meeting"
    date: dt.date
    phase: MeetingPhase | None = None
    kind: MeetingKind = "individual"
    mode: Mode = "face_to_face"
    place: Place | None = None
    office: str | None = None
    minutes: NonNegative | None = None
    employer_present: bool = False


class Phase(_Event, tag="phase", frozen=True):
    type: ClassVar[Literal["phase"]] = "phase"
    date: dt.date
    phase: PhaseName | None = None


class RehabDay(_Event, tag="rehab_day", frozen=True):
    type: ClassVar[Literal["rehab_day"]] = "rehab_day"
    date: dt.date
    hours: Hours = 6
    workplace_hours: Hours = 5
    paid_work: bool = False
    independent: bool = False
    planned_in_advance: bool = True
    coach_contact: bool = True
    group: bool = False
    remote: bool = False
    client_worked: bool = False
    travel_minutes: Annotated[int, msgspec.Meta(ge=0, le=1440)] | None = None


class Absence(_Span, tag="absence", frozen=True):
    type: ClassVar[Literal["absence"]] = "absence"
    reason: Literal["sickness", "annual_leave", "other"] | None = None
    could_participate_remotely: bool = False


class Pause(_Span, tag="pause", frozen=True):
    type: ClassVar[Literal["pause"]] = "pause"
    reason: PauseReason | None = None
    interim_tasks: bool = False


class Flex(_Span, tag="flex", frozen=True):
    type: ClassVar[Literal["flex"]] = "flex"
    days_per_week: Annotated[int, msgspec.Meta(ge=0, le=7)] | None = None
    hours_per_day: Hours | None = None
    reason: Literal["capacity", "client", "workplace"] | None = None


class Workplace(_Span, tag="workplace", frozen=True):
    type: ClassVar[Literal["workplace"]] = "workplace"
    employer: str | None = None
    kind: (
        Literal[
            "open_market", "organisation_paid_work_prospect", "organisation", "provider_premises"
        ]
        | None
    ) = None
    provider_is_employer: bool = False
    paid: bool = False


class Certificate(_Event, tag="certificate", frozen=True):
    type: ClassVar[Literal["certificate"]] = "certificate"
    date: dt.date
    from_: dt.date | None = msgspec.field(default=None, name="from")
    to: dt.date | None = None
    author_name: str | None = None
    author_phone: str | None = None
    states_reasons: bool = True
    includes_future: bool = False


class Feedback(_Event, tag="feedback", frozen=True):
    type: ClassVar[Literal["feedback"]] = "feedback"
    date: dt.date
    kind: Literal["full", "short", "followup"] | None = None
    mentions_sickness_extension: bool = False
    attachments: tuple[FeedbackAttachment, ...] | None = None
    states_vocational_plan: bool | None = None


class KelaNotice(_Event, tag="kela_notice", frozen=True):
    type: ClassVar[Literal["kela_notice"]] = "kela_notice"
    date: dt.date
    topic: str | None = None


class KelaAgreement(_Event, tag="kela_agreement", frozen=True):
    type: ClassVar[Literal["kela_agreement"]] = "kela_agreement"
    date: dt.date
    rule: str | None = None
    reason: str | None = None


class InvoiceLine(_Event, tag="invoice_line", frozen=True):
    type: ClassVar[Literal["invoice_line"]] = "invoice_line"
    date: dt.date
    price_type: int | None = None
    quantity: float = 1


class End(_Event, tag="end", frozen=True):
    type: ClassVar[Literal["end"]] = "end"
    date: dt.date
    reason: Literal["completed", "interrupted"] | None = None


class NoInterpreter(_Span, tag="no_interpreter", frozen=True):
    type: ClassVar[Literal["no_interpreter"]] = "no_interpreter"
    note: str | None = None


class VocationalPlan(_Event, tag="vocational_plan", frozen=True):
    type: ClassVar[Literal["vocational_plan"]] = "vocational_plan"
    date: dt.date
    summary: str | None = None


class InvitationLetter(_Event, tag="invitation_letter", frozen=True):
    type: ClassVar[Literal["invitation_letter"]] = "invitation_letter"
    date: dt.date


class LightApproach(_Event, tag="light_approach", frozen=True):
    type: ClassVar[Literal["light_approach"]] = "light_approach"
    date: dt.date
    reason: str | None = None


class StepSkipped(_Event, tag="step_skipped", frozen=True):
    type: ClassVar[Literal["step_skipped"]] = "step_skipped"
    date: dt.date
    step: str | None = None
    reason: str | None = None


class CannotCommit(_Event, tag="cannot_commit", frozen=True):
    type: ClassVar[Literal["cannot_commit"]] = "cannot_commit"
    date: dt.date
    reason: str | None = None


Event = (
    Precontact
    | Meeting
    | Phase
    | RehabDay
    | Absence
    | Pause
    | Flex
    | Workplace
    | Certificate
    | Feedback
    | KelaNotice
    | KelaAgreement
    | InvoiceLine
    | End
    | NoInterpreter
    | VocationalPlan
    | InvitationLetter
    | LightApproach
    | StepSkipped
    | CannotCommit
)
SpanEvent = Absence | Pause | Flex | Workplace | NoInterpreter


class Decision(_Struct, frozen=True):
    received: dt.date
    given: dt.date | None = None
    granted_days: NonNegative | None = None
    first_decision: bool = True
    medical_statement_b: dt.date | bool | None = None


class Client(_Struct, frozen=True):
    name: str | None = None
    identity_code: str | None = None
    language: Literal["fi", "sv"] = "fi"
    birth_date: dt.date | None = None
    applies_allowance: bool = True
    in_working_life_at_start: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.identity_code is not None and not _hetu_valid(self.identity_code):
            raise ValueError(f'invalid identity code "{self.identity_code}"')


class Contract(_Struct, frozen=True):
    provider: str | None = None
    business_id: str | None = None
    offices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.business_id is not None and not _ytunnus_valid(self.business_id):
            raise ValueError(f'invalid business ID "{self.business_id}"')


class Case(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, dict=True):
    """One client's rehabilitation under one decision (``luotsi-case/1``).

    A parsed case keeps its source (the JSON or dict it was parsed from, outside the
    fields: equality and hashing ignore it) for :meth:`to_json_dict`.
    """

    format: Literal["luotsi-case/1"]
    id: Annotated[str, msgspec.Meta(min_length=1)]
    service: Service
    decision: Decision
    client: Client = Client()
    contract: Contract = Contract()
    events: tuple[Event, ...]

    def __post_init__(self) -> None:
        _check_fields(self)
        self.__dict__["_by_class"] = _check_events(self.events)

    def events_by_class(self) -> dict[type, list[Any]]:
        """The events grouped by class, each group in file order: shared by every
        evaluation of the case, so it must not be changed."""
        groups = self.__dict__.get("_by_class")
        if groups is None:
            groups = self.__dict__["_by_class"] = _by_class(self.events)
        return groups

    def to_json_dict(self) -> dict[str, Any]:
        """The case as contract JSON (fields given or set explicitly; aliases such as ``from``).

        The fields given are those of the source the case was parsed from; a case built
        directly has all its fields set.
        """
        source = self.__dict__.get("_source")
        if source is None:
            source = msgspec.to_builtins(self)
        return schema.validate(source).to_json_dict()


_DECODER = msgspec.json.Decoder(Case)
# msgspec's errors, and what a ``__post_init__`` check raises; anything else is a bug.
_REFUSED = (msgspec.MsgspecError, ValueError, TypeError)


def parse_case(data: bytes | str | dict[str, Any], source: str = "<case>") -> Case:
    """Parse and validate a case file (JSON bytes/str or an already decoded dict).

    Raises :class:`CaseFileError` (from the pydantic models) when the file is not valid.
    A dict passed in is kept by the case (for :meth:`Case.to_json_dict`): do not change it.
    """
    if not isinstance(data, dict):
        data = reading.without_bom(data)
    try:
        case = _convert_dict(data) if isinstance(data, dict) else _DECODER.decode(data)
    except (*_REFUSED, RecursionError):  # msgspec recurses when it skips a deep value
        _refuse_deep_nesting(data, source)
        case = _from_model(schema.validate(data, source))
    case.__dict__["_source"] = data
    return case


def _refuse_deep_nesting(data: bytes | str | dict[str, Any], source: str) -> None:
    """Nesting no case file has is refused before a recursive parser meets it."""
    if isinstance(data, dict):
        pointer = reading.too_deep_in_value(data)
    else:
        pointer = reading.too_deep_in_json(data)
    if pointer is not None:
        raise CaseFileError(source, pointer, f"nested deeper than {reading.MAX_DEPTH} levels")


def _convert_dict(data: dict[str, Any]) -> Case:
    """A decoded dict as structs. A Python string can hold what is not Unicode text (a lone
    surrogate such as ``"\\ud800"``, which ``json.loads`` makes of that escape); the pydantic
    models refuse it and ``msgspec.convert`` does not, so the structs are encoded as UTF-8
    once to find it (``UnicodeEncodeError``, a ``ValueError``: the models then decide)."""
    case = msgspec.convert(data, Case)
    msgspec.json.encode(case)
    return case


# The pydantic model classes and the struct each becomes.
_STRUCTS: dict[type[BaseModel], type[msgspec.Struct]] = {
    getattr(schema, cls.__name__): cls
    for cls in (
        *(Precontact, Meeting, Phase, RehabDay, Absence, Pause, Flex, Workplace),
        *(Certificate, Feedback, KelaNotice, KelaAgreement, InvoiceLine, End),
        *(NoInterpreter, VocationalPlan, InvitationLetter, LightApproach, StepSkipped),
        CannotCommit,
        *(Decision, Client, Contract, Case),
    )
}


def _from_model(model: schema.Case) -> Case:
    """The structs of a case the pydantic models accepted, with the very same values."""
    case = _convert(model)
    assert isinstance(case, Case)
    return case


def _convert(value: Any) -> Any:
    if isinstance(value, BaseModel):
        cls = _STRUCTS[type(value)]
        return cls(**{name: _convert(getattr(value, name)) for name in cls.__struct_fields__})
    if type(value) is tuple:
        return tuple([_convert(item) for item in value])
    return value
