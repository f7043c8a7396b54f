"""YOUTH.ROUTE: an under-30 jobseeker's move to the youth team; the youth one-stop (TYM 16 §)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luotsi.rules import calendar as cal

from .core import Ctx, age_on, param, rule
from .schema import JobseekerFile

SOURCE = "002 Nuoren palvelupolku työllisyysalueella; TYM 16 §"


@dataclass(frozen=True, slots=True)
class YouthRoute:
    """When the youth team should take the jobseeker over, and why (None: not on the route)."""

    move_by: date
    reason: str  # "months" (about 5 months of unemployment) or "need" (multi-sector / TYM)


def youth_one_stop(birth_date: date, on: date) -> bool:
    """TYM 16 §: the youth one-stop ("Ohjaamo") serves every under-30, unemployed or not."""
    return bool(age_on(birth_date, on) < param("youth_route", on).value["age_limit"])


def youth_route(file: JobseekerFile, on: date) -> YouthRoute | None:
    """YOUTH.ROUTE: under 30 on the day it falls due, the youth team takes over after about
    5 months of unemployment, or from the day a multi-sector or TYM need is found."""
    js = file.jobseeker
    value = param("youth_route", on).value
    mark = cal.add_months(js.job_search_start, value["months"])
    need = _need_found(file)
    route = (
        YouthRoute(need, "need") if need is not None and need < mark else YouthRoute(mark, "months")
    )
    if age_on(js.birth_date, route.move_by) >= value["age_limit"]:
        return None
    return route


def _need_found(file: JobseekerFile) -> date | None:
    a = file.assessment
    if a is not None and (a.decision == "refer" or file.tym_plan is not None):
        return a.date
    if file.tym_plan is not None:
        return file.tym_plan.date
    return None


@rule("YOUTH.ROUTE", SOURCE)
def youth_route_rule(ctx: Ctx) -> None:
    """An under-30 moves to the youth team at about 5 months, earlier when a need is found."""
    js = ctx.file.jobseeker
    if js.unit in ("youth", "integration"):
        return
    route = youth_route(ctx.file, ctx.on)
    if route is None:
        return
    ctx.counters["youth_route_by"] = route.move_by.isoformat()
    notice = param("youth_notice_days", ctx.on)
    if (route.move_by - ctx.on).days > notice.value:
        return
    used = [param("youth_route", ctx.on), notice]
    ctx.deadline(route.move_by, None, f"YOUTH.ROUTE.{route.reason}", trigger=js.job_search_start,
                 params=used, start=js.job_search_start)  # fmt: skip
