"""The case-file format ``luotsi-case/1`` as pydantic models: the reference definition.

See ``shared/contract/case-file.md``. Unknown fields are rejected, every optional field has
the contract's default, and events are a discriminated union on ``type``.

These models are the source of the JSON Schema (``luotsi schema``) and of every error
message; they decide what a valid case file is. The engine works on the msgspec structs of
``luotsi.rules.model``, which decode valid files directly and leave everything else here.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from stdnum.fi import hetu, ytunnus

from luotsi.rules.calendar import DATE_MAX, DATE_MIN, in_date_range
from luotsi.rules.reading import without_bom
from luotsi.rules.text import CASE_FILE_TEXT_MAX, invisible_character

FORMAT = "luotsi-case/1"

Service = Literal["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"]
MeetingPhase = Literal[
    "planning", "job_search", "workplace", "start", "practice", "deepening", "final", "followup"
]
PhaseName = MeetingPhase
MeetingKind = Literal[
    "individual", "workplace_visit", "network", "final_discussion", "phone_contact"
]
Mode = Literal["face_to_face", "video", "phone"]
Place = Literal["provider_office", "workplace", "network_premises", "other"]


def date_range_problem(value: dt.date) -> str:
    """The message for a date outside Luotsi's one date range (``calendar.DATE_MIN`` …
    ``DATE_MAX``); the msgspec structs raise the same."""
    return f"date {value.isoformat()} is outside {DATE_MIN.isoformat()} … {DATE_MAX.isoformat()}"


def text_problem(value: str) -> str | None:
    """What is wrong with a string of a case file, if anything (the structs say the same)."""
    if len(value) > CASE_FILE_TEXT_MAX:
        return f"text longer than {CASE_FILE_TEXT_MAX} characters"
    invisible = invisible_character(value)
    if invisible is not None:
        return f"text holds an invisible control character ({invisible})"
    return None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("*", mode="after")
    @classmethod
    def _in_range(cls, value: Any) -> Any:
        """Every date of every model (fields added later too) lies in the date range, so
        the rules' date arithmetic never meets year 1 or year 9999; every text is visible
        and bounded (``luotsi.rules.text``)."""
        if isinstance(value, dt.date) and not in_date_range(value):
            raise ValueError(date_range_problem(value))
        for text in (
            (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
        ):
            problem = text_problem(text) if isinstance(text, str) else None
            if problem is not None:
                raise ValueError(problem)
        return value


class _Span(_Model):
    """A span event: ``from`` and an optional (open) ``to``, both inclusive."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None

    @model_validator(mode="after")
    def _check_order(self) -> _Span:
        if self.to is not None and self.to < self.from_:
            raise ValueError(
                f'"to" {self.to.isoformat()} is before "from" {self.from_.isoformat()}'
            )
        return self


class Precontact(_Model):
    type: Literal["precontact"]
    date: dt.date
    mode: Mode = "phone"


class Meeting(_Model):
    type: Literal["meeting"]
    date: dt.date
    phase: MeetingPhase | None = None
    kind: MeetingKind = "individual"
    mode: Mode = "face_to_face"
    place: Place | None = None
    office: str | None = None
    minutes: int | None = Field(default=None, ge=0)
    employer_present: bool = False


class Phase(_Model):
    type: Literal["phase"]
    date: dt.date
    phase: PhaseName | None = None


class RehabDay(_Model):
    type: Literal["rehab_day"]
    date: dt.date
    hours: float = Field(default=6, ge=0, le=24)
    workplace_hours: float = Field(default=5, ge=0, le=24)
    paid_work: bool = False
    independent: bool = False
    planned_in_advance: bool = True
    coach_contact: bool = True
    group: bool = False
    remote: bool = False
    client_worked: bool = False
    # Travel to and from the day's rehabilitation, in minutes (ALLOWANCE.WORK: "at least
    # 4 hours with travel"); absent when not recorded.
    travel_minutes: int | None = Field(default=None, ge=0, le=1440)


class Absence(_Span):
    type: Literal["absence"]
    reason: Literal["sickness", "annual_leave", "other"] | None = None
    could_participate_remotely: bool = False


PauseReason = Literal[
    "employer_delay",
    "workplace_closed",
    "awaiting_employer_replies",
    "employment_ended",
    "client_own",
]


class Pause(_Span):
    type: Literal["pause"]
    reason: PauseReason | None = None
    interim_tasks: bool = False


class Flex(_Span):
    type: Literal["flex"]
    days_per_week: int | None = Field(default=None, ge=0, le=7)
    hours_per_day: float | None = Field(default=None, ge=0, le=24)
    reason: Literal["capacity", "client", "workplace"] | None = None


class Workplace(_Span):
    type: Literal["workplace"]
    employer: str | None = None
    kind: (
        Literal[
            "open_market", "organisation_paid_work_prospect", "organisation", "provider_premises"
        ]
        | None
    ) = None
    provider_is_employer: bool = False
    paid: bool = False


class Certificate(_Model):
    type: Literal["certificate"]
    date: dt.date
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    author_name: str | None = None
    author_phone: str | None = None
    states_reasons: bool = True
    includes_future: bool = False

    @model_validator(mode="after")
    def _check_order(self) -> Certificate:
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError(
                f'"to" {self.to.isoformat()} is before "from" {self.from_.isoformat()}'
            )
        return self


FeedbackAttachment = Literal["GAS", "KU5"]


class Feedback(_Model):
    type: Literal["feedback"]
    date: dt.date
    kind: Literal["full", "short", "followup"] | None = None
    mentions_sickness_extension: bool = False
    # FEEDBACK.ATTACHMENTS (TEAK): the attachments sent with the report; absent when not
    # recorded. PLAN.VOCATIONAL: whether the report states the client's vocational plan.
    attachments: tuple[FeedbackAttachment, ...] | None = None
    states_vocational_plan: bool | None = None


class KelaNotice(_Model):
    type: Literal["kela_notice"]
    date: dt.date
    topic: str | None = None


class KelaAgreement(_Model):
    type: Literal["kela_agreement"]
    date: dt.date
    rule: str | None = None
    reason: str | None = None


class InvoiceLine(_Model):
    type: Literal["invoice_line"]
    date: dt.date
    price_type: int | None = None
    quantity: float = 1


class End(_Model):
    type: Literal["end"]
    date: dt.date
    reason: Literal["completed", "interrupted"] | None = None


class NoInterpreter(_Span):
    """DEADLINE.INTERPRETER: no interpreter was available from ``from`` to ``to``."""

    type: Literal["no_interpreter"]
    note: str | None = None


class VocationalPlan(_Model):
    """PLAN.VOCATIONAL: the client made the vocational plan with the coach on ``date``."""

    type: Literal["vocational_plan"]
    date: dt.date
    summary: str | None = None


class InvitationLetter(_Model):
    """TEAK.INVITATION: the invitation letter (kutsukirje) was sent on ``date``."""

    type: Literal["invitation_letter"]
    date: dt.date


class LightApproach(_Model):
    """TEAK.LIGHT: the lighter rehabilitative approach was chosen on ``date``."""

    type: Literal["light_approach"]
    date: dt.date
    reason: str | None = None


class StepSkipped(_Model):
    """PROCESS.STEP_SKIPPED: a process step did not happen because of the client's situation."""

    type: Literal["step_skipped"]
    date: dt.date
    step: str | None = None
    reason: str | None = None


class CannotCommit(_Model):
    """CLIENT.CANNOT_COMMIT: it turned out the client cannot commit to the service."""

    type: Literal["cannot_commit"]
    date: dt.date
    reason: str | None = None


Event = Annotated[
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
    | CannotCommit,
    Field(discriminator="type"),
]
SpanEvent = Absence | Pause | Flex | Workplace | NoInterpreter
EVENT_TYPES = frozenset(
    [
        *("precontact", "meeting", "phase", "rehab_day", "absence", "pause", "flex"),
        *("workplace", "certificate", "feedback", "kela_notice", "kela_agreement"),
        *("invoice_line", "end", "no_interpreter", "vocational_plan", "invitation_letter"),
        *("light_approach", "step_skipped", "cannot_commit"),
    ]
)


# The identity-code and business-ID checks (``stdnum``, pure Python) are the only Python
# run per case while validating; a provider's files repeat the same few values, so each
# distinct value is checked once (bounded caches; the result depends on the value only).
@lru_cache(maxsize=8192)
def _hetu_valid(value: str) -> bool:
    return bool(hetu.is_valid(value, allow_temporary=True))


@lru_cache(maxsize=1024)
def _ytunnus_valid(value: str) -> bool:
    return bool(ytunnus.is_valid(value))


class Decision(_Model):
    received: dt.date
    # The date the decision was given (made) by Kela; the waiting time of the allowance
    # runs from it (ALLOWANCE.WAIT_INTERIM). Absent: ``received`` is used.
    given: dt.date | None = None
    granted_days: int | None = Field(default=None, ge=0)
    first_decision: bool = True
    medical_statement_b: dt.date | bool | None = None


class Client(_Model):
    name: str | None = None
    identity_code: str | None = None
    language: Literal["fi", "sv"] = "fi"
    birth_date: dt.date | None = None
    applies_allowance: bool = True
    in_working_life_at_start: bool = False

    @field_validator("identity_code")
    @classmethod
    def _valid_hetu(cls, value: str | None) -> str | None:
        if value is not None and not _hetu_valid(value):
            raise ValueError(f'invalid identity code "{value}"')
        return value


class Contract(_Model):
    provider: str | None = None
    business_id: str | None = None
    offices: tuple[str, ...] = ()

    @field_validator("business_id")
    @classmethod
    def _valid_ytunnus(cls, value: str | None) -> str | None:
        if value is not None and not _ytunnus_valid(value):
            raise ValueError(f'invalid business ID "{value}"')
        return value


class Case(_Model):
    """One client's rehabilitation under one decision (``luotsi-case/1``)."""

    format: Literal["luotsi-case/1"]
    id: str = Field(min_length=1)
    service: Service
    decision: Decision
    client: Client = Client()
    contract: Contract = Contract()
    events: tuple[Event, ...]

    def to_json_dict(self) -> dict[str, Any]:
        """The case as contract JSON (fields given or set explicitly; aliases such as ``from``)."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data


class CaseFileError(ValueError):
    """A case file that is not valid ``luotsi-case/1``: names the file and the JSON pointer."""

    def __init__(self, source: str, pointer: str, problem: str) -> None:
        self.source = source
        self.pointer = pointer
        self.problem = problem
        super().__init__(f"{source}: {pointer or '/'}: {problem}")


_CASE_ADAPTER: TypeAdapter[Case] = TypeAdapter(Case)


def validate(data: bytes | str | dict[str, Any], source: str = "<case>") -> Case:
    """Parse and validate a case file with the pydantic models (``CaseFileError`` if invalid).
    A UTF-8 byte-order mark before the JSON is dropped."""
    if not isinstance(data, dict):
        data = without_bom(data)
    try:
        if isinstance(data, dict):
            return Case.model_validate(data)
        return Case.model_validate_json(data)
    except ValidationError as exc:
        raw: Any = data
        if not isinstance(data, dict):
            try:
                raw = json.loads(data)
            except ValueError:
                raw = None
        raise _to_case_file_error(exc, raw, source) from None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(loc: tuple[int | str, ...], raw: Any) -> str:
    """Turn a pydantic error location into a JSON pointer into the input document.

    Discriminated unions add the tag (``meeting``) to the location; it is not in the input,
    so it is skipped by walking the input alongside.
    """
    parts: list[str] = []
    node = raw
    for item in loc:
        if isinstance(node, dict):
            if isinstance(item, str) and item not in node and node.get("type") == item:
                continue  # the union tag
            parts.append(_escape(str(item)))
            node = node.get(item) if isinstance(item, str) else None
        elif isinstance(node, list) and isinstance(item, int):
            parts.append(str(item))
            node = node[item] if 0 <= item < len(node) else None
        else:
            if isinstance(item, str) and item in EVENT_TYPES:
                continue
            parts.append(_escape(str(item)))
            node = None
    return "/" + "/".join(parts) if parts else ""


def _to_case_file_error(exc: ValidationError, raw: Any, source: str) -> CaseFileError:
    errors = exc.errors(include_url=False)
    if raw is None:
        first_json = next((e for e in errors if e["type"] == "json_invalid"), None)
        if first_json is not None:
            return CaseFileError(source, "", f"not valid JSON ({first_json['msg']})")
    err = errors[0]
    loc = tuple(err["loc"])
    pointer = _pointer(loc, raw)
    kind = err["type"]
    value = err.get("input")
    if kind.startswith("date_") or kind == "date_type":
        problem = f"invalid date {json.dumps(value, ensure_ascii=False, default=str)}"
    elif kind == "missing":
        problem = "required field is missing"
    elif kind == "extra_forbidden":
        problem = "unknown field"
    elif kind == "union_tag_invalid":
        tag = value.get("type") if isinstance(value, dict) else value
        problem = f"unknown event type {json.dumps(tag, ensure_ascii=False, default=str)}"
        pointer = pointer + "/type"
    elif kind == "union_tag_not_found":
        problem = 'event has no "type"'
    elif kind == "value_error":
        problem = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    else:
        shown = json.dumps(value, ensure_ascii=False, default=str)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        problem = f"{err['msg']} (got {shown})"
    return CaseFileError(source, pointer, problem)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``luotsi-case/1``, generated from the models."""
    schema = _CASE_ADAPTER.json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://luotsi.example/schema/luotsi-case-1.json"
    schema["title"] = "luotsi-case/1"
    return schema
