"""Evaluate a jobseeker file on a date: every employment-area rule, findings and counters."""

from __future__ import annotations

from datetime import date

from luotsi.rules.findings import Evaluation

from . import consult, kela, koto, kuty, referral, unemployed, youth
from .core import Ctx, RuleFunc
from .schema import FORMAT, JobseekerFile

# The employment-area rules in the order their findings are listed.
RULE_SET: tuple[RuleFunc, ...] = (
    unemployed.unemployed_rule,
    referral.referral_rule,
    referral.plan_rule,
    youth.youth_route_rule,
    kuty.kuty_plan,
    koto.koto_plan,
    kela.kela_eligibility,
    consult.consult_consent,
)


def evaluate_jobseeker(file: JobseekerFile, on: date) -> Evaluation:
    """The findings and counters of one jobseeker's plans on ``on`` (events after it ignored
    only where the rule says so: a plan's dates are the plan, not events)."""
    ctx = Ctx(file, on)
    for func in RULE_SET:
        func(ctx)
    return Evaluation(
        case=file.jobseeker.id,
        service=FORMAT,
        on=on,
        findings=ctx.findings,
        counters=ctx.counters,
    )
