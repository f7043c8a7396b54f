"""The jobseeker file format ``luotsi-jobseeker/1`` as pydantic models (docs/employment.md).

One file holds one jobseeker of an employment area and the plans made with them: the
situation (UNEMPLOYED), the multi-sector service-need assessment (TYM.REFERRAL), the
multi-sector employment plan (TYM.PLAN), activation plans with rehabilitative work activity
(KUTY.PLAN_CONTENT), the integration plans (KOTO.PLAN), consultations (CONSULT.CONSENT)
and the hand-off to Kela's vocational rehabilitation (KELA.ELIGIBILITY). Unknown fields are
rejected; every error names the file and the JSON pointer of the first bad field.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from luotsi.rules.calendar import DATE_MAX, DATE_MIN

FORMAT = "luotsi-jobseeker/1"

Unit = Literal["initial", "adults", "youth", "integration"]
Party = Literal["employment_authority", "wellbeing_county", "kela"]
PARTIES: tuple[Party, ...] = ("employment_authority", "wellbeing_county", "kela")
Responsible = Literal["kela", "pension_institution", "employment_authority", "unclear"]
KelaCriterion = Literal[
    "illness_weakens_capacity",
    "young_illness_hinders",
    "young_partially_able_at_risk",
    "partially_able_adult",
    "educated_cannot_work",
    "uneducated_illness_hinders",
    "pension_institution_rejected",
    "kela_purchased_service",
]
KELA_CRITERIA: tuple[KelaCriterion, ...] = (
    "illness_weakens_capacity",
    "young_illness_hinders",
    "young_partially_able_at_risk",
    "partially_able_adult",
    "educated_cannot_work",
    "uneducated_illness_hinders",
    "pension_institution_rejected",
    "kela_purchased_service",
)
RehabService = Literal["taito", "akse", "work_trial", "other"]
Decision = Literal["pending", "granted", "denied"]
Date = dt.date


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _dates_in_range(self) -> _Model:
        for name, value in self:
            if isinstance(value, dt.date) and not DATE_MIN <= value <= DATE_MAX:
                raise ValueError(
                    f'"{name}" {value.isoformat()} is outside {DATE_MIN.isoformat()}'
                    f"…{DATE_MAX.isoformat()}"
                )
        return self


class Jobseeker(_Model):
    id: str = Field(min_length=1, max_length=100)
    birth_date: Date
    unit: Unit = "initial"
    job_search_start: Date
    moved_to_unit_on: Date | None = None
    employment_condition_met: bool = False
    residence_permit: bool | None = None


class Situation(_Model):
    """The facts of the definition of an unemployed person (380/2023 3 § 4)."""

    employed: bool = False
    fully_laid_off: bool = False
    weekly_hours: float | None = Field(default=None, ge=0, le=168)
    minimum_weekly_hours: float | None = Field(default=None, ge=0, le=168)
    business_days_continuous: int = Field(default=0, ge=0)
    business_benefit_entitled: bool = False
    full_time_student: bool = False
    studies_benefit_entitled: bool = False


class Assessment(_Model):
    """The multi-sector service-need assessment (TYM.REFERRAL)."""

    date: Date
    participants: tuple[Party, ...] = ("employment_authority",)
    capacity_limits: bool | None = None
    life_management: bool | None = None
    multi_sector_support: bool | None = None
    consultation_only: bool = False
    public_services_suffice: bool | None = None
    long_term_or_intensive: bool | None = None
    unemployed_months: int | None = Field(default=None, ge=0)
    labour_market_subsidy_days: int | None = Field(default=None, ge=0)
    decision: Literal["refer", "do_not_refer"] | None = None


class PartyServices(_Model):
    party: Party
    services: tuple[str, ...] = ()


class Review(_Model):
    due: Date
    done: Date | None = None


class TymPlan(_Model):
    """The multi-sector employment plan (TYM.PLAN)."""

    date: Date
    parties: tuple[PartyServices, ...] = ()
    reviews: tuple[Review, ...] = ()
    ended: Date | None = None


class ActivationPlan(_Model):
    """An activation plan with rehabilitative work activity: the six items of the law."""

    id: str = Field(min_length=1, max_length=100)
    made: Date
    goal: str = ""
    description: str = ""
    place: str = ""
    hours_per_day: float | None = Field(default=None, gt=0, le=24)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    start: Date | None = None
    end: Date | None = None
    support: str = ""
    other_services: str = ""
    evaluate_by: Date | None = None
    evaluated_on: Date | None = None

    @model_validator(mode="after")
    def _check_order(self) -> ActivationPlan:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                f'"end" {self.end.isoformat()} is before "start" {self.start.isoformat()}'
            )
        return self


class IntegrationPeriod(_Model):
    from_: Date = Field(alias="from")
    to: Date

    @model_validator(mode="after")
    def _check_order(self) -> IntegrationPeriod:
        if self.to < self.from_:
            raise ValueError(
                f'"to" {self.to.isoformat()} is before "from" {self.from_.isoformat()}'
            )
        return self


class Integration(_Model):
    """The integration plans (KOTO.PLAN)."""

    initial_assessment: Date | None = None
    plans: tuple[IntegrationPeriod, ...] = ()
    extension_reason: str = ""


class Consultation(_Model):
    """A multi-party consultation ("Rukkanen") about the jobseeker (CONSULT.CONSENT)."""

    date: Date
    agreed_on: Date | None = None
    agreed_parties: tuple[str, ...] = ()
    parties: tuple[str, ...] = Field(min_length=1)
    gone_through_on: Date | None = None


class VocationalRehabilitation(_Model):
    """The hand-off to vocational rehabilitation (KELA.ELIGIBILITY)."""

    responsible: Responsible | None = None
    criteria: tuple[KelaCriterion, ...] = ()
    service: RehabService = "taito"
    applied_on: Date | None = None
    decision: Decision = "pending"
    decided_on: Date | None = None
    starts_on: Date | None = None


class JobseekerFile(_Model):
    format: Literal["luotsi-jobseeker/1"]
    jobseeker: Jobseeker
    situation: Situation | None = None
    assessment: Assessment | None = None
    tym_plan: TymPlan | None = None
    activation_plans: tuple[ActivationPlan, ...] = ()
    integration: Integration | None = None
    consultations: tuple[Consultation, ...] = ()
    vocational_rehabilitation: VocationalRehabilitation | None = None


class JobseekerFileError(ValueError):
    """A file that is not valid ``luotsi-jobseeker/1``: names the file and the JSON pointer."""

    def __init__(self, source: str, pointer: str, problem: str) -> None:
        self.source = source
        self.pointer = pointer
        self.problem = problem
        super().__init__(f"{source}: {pointer or '/'}: {problem}")


def _pointer(loc: tuple[int | str, ...]) -> str:
    parts = [str(item).replace("~", "~0").replace("/", "~1") for item in loc]
    return "/" + "/".join(parts) if parts else ""


def _problem(error: Any) -> str:
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if error["type"] in ("missing", "extra_forbidden") or "input" not in error:
        return message
    return f"{message} (got {json.dumps(error['input'], default=str)[:80]})"


def parse_jobseeker(
    data: bytes | str | dict[str, Any], source: str = "<jobseeker>"
) -> JobseekerFile:
    """Parse and validate a jobseeker file (``JobseekerFileError`` when it is not valid)."""
    try:
        if isinstance(data, dict):
            return JobseekerFile.model_validate(data)
        return JobseekerFile.model_validate_json(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        if error["type"] == "json_invalid":
            loc = ()
        # the alias of IntegrationPeriod.from_ is what the file says
        loc = tuple("from" if item == "from_" else item for item in loc)
        raise JobseekerFileError(source, _pointer(loc), _problem(error)) from None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``luotsi-jobseeker/1``."""
    return JobseekerFile.model_json_schema(by_alias=True)
