"""KELA.ELIGIBILITY: the hand-off to vocational rehabilitation and who is responsible."""

from __future__ import annotations

from datetime import date

from luotsi.rules.findings import Severity
from luotsi.rules.params import ParamValue, param

from .core import Ctx, age_on, rule
from .schema import VocationalRehabilitation

SOURCE = "002 KELA yhteistyö, ammatillinen kuntoutus"


def taito_age(on: date) -> ParamValue:
    """Taito's age limits: the rehabilitation rules' own parameter (one number, one place)."""
    return param("taito_age", on)


def taito_age_ok(birth_date: date, applied_on: date) -> bool:
    """Taito is for 18–64-year-olds (here: the age on the application date)."""
    limits = taito_age(applied_on).value
    return bool(limits["min"] <= age_on(birth_date, applied_on) <= limits["max"])


def eligibility_problems(rehab: VocationalRehabilitation, birth_date: date) -> tuple[str, ...]:
    """What KELA.ELIGIBILITY refuses in a referral as recorded (empty: nothing)."""
    problems: list[str] = []
    if rehab.applied_on is not None and rehab.responsible is None:
        problems.append("responsible_missing")
    if rehab.responsible == "kela" and not rehab.criteria:
        problems.append("no_criterion")
    if (
        rehab.service == "taito"
        and rehab.applied_on is not None
        and not taito_age_ok(birth_date, rehab.applied_on)
    ):
        problems.append("taito_age")
    return tuple(problems)


@rule("KELA.ELIGIBILITY", SOURCE)
def kela_eligibility(ctx: Ctx) -> None:
    """Before referring, the officer records who is responsible and which Kela criterion applies."""
    rehab = ctx.file.vocational_rehabilitation
    if rehab is None:
        return
    birth = ctx.file.jobseeker.birth_date
    applied = rehab.applied_on or ctx.on
    for problem in eligibility_problems(rehab, birth):
        severity: Severity = "warning" if problem == "no_criterion" else "violation"
        used = [taito_age(applied)] if problem == "taito_age" else []
        ctx.add(severity, f"KELA.ELIGIBILITY.{problem}", date=rehab.applied_on, params=used,
                age=age_on(birth, applied))  # fmt: skip
    if rehab.responsible == "unclear" and rehab.service != "akse":
        ctx.add("action", "KELA.ELIGIBILITY.consider_akse", date=rehab.applied_on)
    ctx.counters["rehabilitation_decision"] = rehab.decision
