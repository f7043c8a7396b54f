"""The rehabilitation process as Kela needs to hear of it (all services, seeds 000, 001, 004):
PROCESS.STEP_SKIPPED, CLIENT.CANNOT_COMMIT, PLAN.VOCATIONAL, DEADLINE.INTERPRETER."""

from __future__ import annotations

from luotsi.rules.context import Ctx
from luotsi.rules.registry import rule


@rule("PROCESS.STEP_SKIPPED", "004 Kuntoutuksen toteutus")
def step_skipped(ctx: Ctx) -> None:
    """A process step left undone because of the client's situation is reported to Kela."""
    for event in ctx.skipped_steps:
        if ctx.notified(event.date):
            continue
        key = "PROCESS.STEP_SKIPPED.notify" if event.reason else "PROCESS.STEP_SKIPPED.no_reason"
        ctx.add(
            "action", key, date=event.date, events=[event],
            params=[ctx.p("kela_notice_advance_days")], step=event.step or "–",
            reason=event.reason or "",
        )  # fmt: skip


@rule("CLIENT.CANNOT_COMMIT", "004 Kuntoutuksen toteutus; 004 Kuntoutuksen aloitus")
def cannot_commit(ctx: Ctx) -> None:
    """When the client cannot commit to the service as described, the provider contacts Kela."""
    for event in ctx.cannot_commit:
        if not ctx.notified(event.date):
            ctx.add(
                "action", "CLIENT.CANNOT_COMMIT.contact", date=event.date, events=[event],
                params=[ctx.p("kela_notice_advance_days")], reason=event.reason or "–",
            )  # fmt: skip


@rule("PLAN.VOCATIONAL", "000 Työkokeilun tavoitteet 1/2; 001 TEAK auditointihavainnot")
def vocational_plan(ctx: Ctx) -> None:
    """The client makes a concrete vocational plan with the coach before the end, and the
    feedback report states it."""
    plans = ctx.vocational_plans
    if ctx.feedbacks:
        stating = [f for f in ctx.feedbacks if f.states_vocational_plan is not None]
        if stating and stating[-1].states_vocational_plan is False:
            last = stating[-1]
            key = "PLAN.VOCATIONAL.not_in_feedback" if plans else "PLAN.VOCATIONAL.missing"
            ctx.add("violation", key, date=last.date, events=[last])
            return
        if stating:  # the report states the plan: it was made
            return
    if plans:
        return
    if ctx.end is not None:
        if ctx.completed:  # an interrupted service may end before a plan could be made
            ctx.add("warning", "PLAN.VOCATIONAL.not_recorded", date=ctx.end.date, events=[ctx.end])
        return
    deadline = ctx.total_deadline
    if deadline is None:
        return
    remind = ctx.p("vocational_plan_remind_days")
    if (deadline - ctx.on).days <= remind.value:
        ctx.add(
            "due", "PLAN.VOCATIONAL.due", due=deadline, params=[remind, ctx.p("total_months")],
            deadline=deadline,
        )  # fmt: skip


@rule("DEADLINE.INTERPRETER", "001 Tulkkaus")
def interpreter(ctx: Ctx) -> None:
    """With no interpreter available the service description's deadlines may flex."""
    for span in ctx.no_interpreter:
        ctx.add(
            "info", "DEADLINE.INTERPRETER.open" if span.open else "DEADLINE.INTERPRETER.period",
            date=span.start, events=[span], start=span.start, end=span.end,
        )  # fmt: skip
