"""What the API's operations take and give, beyond the case file itself.

Responses are plain dicts validated by these models. The case file and its events are
``luotsi.rules.schema`` (the ``luotsi-case/1`` pydantic models): the OpenAPI document
takes their JSON Schema from there, so the format has one definition.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["violation", "due", "action", "warning", "info"]
Language = Literal["fi", "sv"]


class Schema(BaseModel):
    """Plain pydantic (not ``ninja.Schema``, whose attribute resolution for ORM objects
    costs a few milliseconds a response: the operations return dicts)."""


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ClientOut(Schema):
    id: int
    first_name: str
    last_name: str
    identity_code: str = Field(description="Full identity code (henkilötunnus)")
    birth_date: dt.date
    language: Language
    phone: str
    email: str
    address: str
    responsible_coach: str | None = Field(description="The coach's user name")
    team: str | None = Field(description="The team's name")


class ClientListItem(Schema):
    id: int
    first_name: str
    last_name: str
    masked_identity_code: str = Field(description="020490-**** — lists never show the full code")
    responsible_coach: str | None
    team: str | None


class ClientPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ClientListItem]


class ClientIn(_Strict):
    identity_code: str = Field(min_length=1, max_length=20)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    language: Language = "fi"
    phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=254)
    address: str = Field(default="", max_length=1000)
    responsible_coach: str | None = Field(default=None, description="A coach's user name")
    team: str | None = Field(default=None, description="A team's name")


class ClientPatch(_Strict):
    identity_code: str | None = Field(default=None, min_length=1, max_length=20)
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)
    language: Language | None = None
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=1000)
    responsible_coach: str | None = None
    team: str | None = None


class CaseSummary(Schema):
    id: int
    number: str = Field(description="The case number (the case file's id)")
    service: str
    received: dt.date
    version: int
    evaluated_on: dt.date | None


class FindingOut(Schema):
    rule: str
    severity: Severity
    due: dt.date | None
    date: dt.date | None
    message: str
    source: str


class StoredFinding(FindingOut):
    evaluated_on: dt.date


class EventOut(Schema):
    id: int = Field(description="The stored event's id (for PUT and DELETE)")
    event: dict[str, Any] = Field(description="The event in luotsi-case/1 form")


class Agreement(_Strict):
    """Kela agreed to the deviation: one kela_agreement event per violated rule is saved."""

    date: dt.date
    reference: str = Field(min_length=1, max_length=500)


class EventChange(_Strict):
    """An event to add (POST) or the corrected event (PUT), in luotsi-case/1 form."""

    event: dict[str, Any] = Field(
        description="One event of luotsi-case/1 (see the CaseFile schema's events)"
    )
    reason: str = Field(default="", max_length=500, description="Why it is corrected")
    planned_absence: bool = Field(
        default=False, description="An absence ahead is a plan (annual leave agreed)"
    )
    agreement: Agreement | None = None


class PreviewOut(Schema):
    on: dt.date = Field(description="The evaluation date of the preview")
    planned: bool = Field(description="The change reaches past today")
    appeared: list[FindingOut]
    disappeared: list[FindingOut]
    new_violations: list[FindingOut]
    needs_agreement: bool
    blocked: bool = Field(
        description="Would be refused: a planned new violation without Kela's agreement"
    )
    removed_events: list[int]
    stale_documents: list[int] = Field(description="Final certificates whose period it touches")
    version: int = Field(description="The case version the preview was made against")


class ChangeResult(Schema):
    version: int
    events: list[EventOut] = Field(description="The events added or corrected")
    findings: list[StoredFinding]


class DueRow(Schema):
    rule: str
    severity: Severity
    group: str | None = Field(description="late, kela, this_week, later, risk (info: none)")
    due: dt.date | None
    date: dt.date | None
    deadline: dt.date | None = Field(
        description="the due date, or the deadline a violation broke (missed or met late)"
    )
    message: str
    source: str
    case_id: int
    case_number: str
    service: str
    client_id: int
    client_name: str
    responsible_coach: str | None


class DuePage(Schema):
    count: int
    page: int
    pages: int
    results: list[DueRow]


class DocumentOut(Schema):
    id: int
    case_id: int
    kind: str
    language: str
    status: Literal["draft", "final"]
    version: int
    period_from: dt.date | None
    period_to: dt.date | None
    replaces: int | None
    created_at: dt.datetime
    finalised_at: dt.datetime | None
    sha256: str
    pdf: str | None = Field(description="The PDF's address (final documents)")


class CheckOut(Schema):
    case: str
    service: str
    on: dt.date
    findings: list[FindingOut]
    counters: dict[str, Any]
