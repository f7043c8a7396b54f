"""TEAK (first rules only). The rest of TEAK is reported as ENGINE.NOT_IMPLEMENTED."""

from __future__ import annotations

from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule


@rule("INDEPENDENT.TOO_MANY", "004 Itsenäisesti toteutettavat kuntoutuspäivät")
def independent_too_many(ctx: Ctx) -> None:
    """TEAK-TV: at most 10 independent rehabilitation days."""
    maximum = ctx.p("independent_max_days")
    independent = [d for d in ctx.days if d.independent]
    if len(independent) > maximum.value:
        extra = independent[maximum.value]
        ctx.add(
            "violation", "INDEPENDENT.TOO_MANY.many", date=extra.date, events=[extra],
            params=[maximum], count=len(independent), maximum=maximum.value,
        )  # fmt: skip


@rule("ENGINE.NOT_IMPLEMENTED", "luotsi")
def not_implemented(ctx: Ctx) -> None:
    """The engine has no (complete) rule set for this service: the rest was not checked."""
    ctx.add("info", "ENGINE.NOT_IMPLEMENTED.service", service=ctx.service)
