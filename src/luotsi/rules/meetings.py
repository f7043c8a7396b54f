"""Meetings (TK, TV): MEETING.*, FINAL.DISCUSSION, NETWORK.*."""

from __future__ import annotations

from collections import Counter

from luotsi.rules import calendar as cal
from luotsi.rules.context import Ctx
from luotsi.rules.model import Meeting
from luotsi.rules.registry import rule


@rule("MEETING.OFFICE", "000, 001 Tapaamisten toteutus")
def meeting_office(ctx: Ctx) -> None:
    """A face-to-face meeting at the provider's office is at an office named in the contract."""
    offices = set(ctx.case.contract.offices)
    unknown = None
    for meeting in ctx.meetings:
        if meeting.place != "provider_office" or meeting.mode != "face_to_face":
            continue
        if meeting.office is None or not offices:
            unknown = unknown or meeting
        elif meeting.office not in offices:
            ctx.add(
                "violation",
                "MEETING.OFFICE.unknown_office",
                date=meeting.date,
                events=[meeting],
                office=meeting.office,
            )
    if unknown is not None:
        ctx.add("info", "MEETING.OFFICE.cannot_determine", date=unknown.date, events=[unknown])


@rule("MEETING.MAX", "000 Tapaamisten toteutus; kela.fi job coaching page (2025)")
def meeting_max(ctx: Ctx) -> None:
    """Meeting counts (in all, per phase) and the video share never exceed the maxima."""
    total = ctx.p("meeting_max_total")
    meetings = ctx.meetings
    if total.value is not None and len(meetings) > total.value:
        extra = meetings[total.value]
        ctx.add(
            "violation",
            "MEETING.MAX.total",
            date=extra.date,
            events=[extra],
            params=[total],
            count=len(meetings),
            maximum=total.value,
        )
    per_phase = ctx.p("meeting_max_per_phase")
    limits = per_phase.value or {}
    if any(v is not None for v in limits.values()):
        by_phase: dict[str, list[Meeting]] = {}
        for meeting in meetings:
            by_phase.setdefault(ctx.meeting_phase(meeting), []).append(meeting)
        for phase, maximum in sorted(limits.items()):
            held = by_phase.get(phase, [])
            if maximum is not None and len(held) > maximum:
                ctx.add(
                    "violation",
                    "MEETING.MAX.phase",
                    date=held[maximum].date,
                    events=[held[maximum]],
                    params=[per_phase],
                    phase=phase,
                    count=len(held),
                    maximum=maximum,
                )
    share = ctx.p("video_share_max")
    if share.value is not None and meetings:
        modes = Counter(m.mode for m in meetings)
        if modes["video"] / len(meetings) > share.value:
            ctx.add(
                "violation",
                "MEETING.MAX.video",
                params=[share],
                count=modes["video"],
                total=len(meetings),
                share=share.value,
            )


@rule("FINAL.DISCUSSION", "000 Kysymykset 3/3; 001 Tapaamisten toteutus")
def final_discussion(ctx: Ctx) -> None:
    """The last workplace meeting is a 60-minute face-to-face final discussion at the workplace."""
    if not ctx.completed or ctx.end is None:
        return
    finals = [m for m in ctx.meetings if m.kind == "final_discussion"]
    if not finals:
        ctx.add("violation", "FINAL.DISCUSSION.missing", date=ctx.end.date, events=[ctx.end])
        return
    final = finals[-1]
    minutes = ctx.p("final_discussion_minutes")
    problems: list[str] = []
    if final.mode != "face_to_face":
        problems.append("mode")
    if final.minutes is not None and final.minutes < minutes.value:
        problems.append("minutes")
    if final.place not in ("workplace", "provider_office"):
        problems.append("place")
    if ctx.service == "TK" and not final.employer_present:
        problems.append("employer")
    later = [
        m
        for m in ctx.meetings
        if m.date > final.date
        and ctx.meeting_phase(m) == "workplace"
        and m.kind not in ("network", "phone_contact")
    ]
    if later:
        problems.append("not_last")
    for problem in problems:
        ctx.add(
            "violation",
            f"FINAL.DISCUSSION.{problem}",
            date=final.date,
            events=[final],
            params=[minutes] if problem == "minutes" else [],
            minutes=final.minutes,
            required=minutes.value,
        )
    if final.minutes is None:
        ctx.add("info", "FINAL.DISCUSSION.minutes_unknown", date=final.date, events=[final])


@rule("NETWORK.AT_END", "000 Verkostotyö")
def network_at_end(ctx: Ctx) -> None:
    """A network meeting is held before the service ends (completed)."""
    if not ctx.completed or ctx.end is None:
        return
    end = ctx.end.date
    if not any(m.kind == "network" and m.date <= end for m in ctx.meetings):
        ctx.add("violation", "NETWORK.AT_END.missing", date=end, events=[ctx.end])


@rule("NETWORK.AT_INTERRUPTION", "000 Verkostotyö")
def network_at_interruption(ctx: Ctx) -> None:
    """When the service is interrupted, a network meeting is arranged (within 14 days)."""
    if not ctx.interrupted or ctx.end is None:
        return
    days = ctx.p("network_interruption_days")
    end = ctx.end.date
    earliest = cal.add_days(end, -days.value)
    met = next((m.date for m in ctx.meetings if m.kind == "network" and m.date >= earliest), None)
    ctx.deadline(
        cal.add_days(end, days.value),
        met,
        "NETWORK.AT_INTERRUPTION",
        trigger=end,
        events=[ctx.end],
        params=[days],
    )


_PHASE1 = frozenset(("planning", "job_search"))


@rule("MEETING.NOT_MOVED", "000 Tapaamisten toteutus; 000 Kysymykset 2/3")
def meeting_not_moved(ctx: Ctx) -> None:
    """Unused planning/job-search meetings are never moved to the end for another purpose."""
    start = ctx.workplace_start
    if start is None:
        return
    ended = [w for w in ctx.workplaces if not w.open]
    for m in ctx.meetings:
        if m.phase not in _PHASE1 or m.date < start:
            continue
        # TK, a work trial ended early: the unused job-search meetings serve the new search.
        if (
            m.phase == "job_search"
            and any(w.end < m.date for w in ended)
            and not any(w.covers(m.date) for w in ctx.workplaces)
        ):
            continue
        ctx.add(
            "violation", "MEETING.NOT_MOVED.moved", date=m.date, events=[m], phase=m.phase,
            start=start,
        )  # fmt: skip


@rule("BILLING.NETWORK_INCLUDED", "000 Verkostotyö")
def network_included(ctx: Ctx) -> None:
    """Network work is included in the price: it is never billed as a separate unit."""
    if not ctx.invoices:
        return
    network = {m.date for m in ctx.meetings if m.kind == "network"}
    if not network:
        return
    other = {m.date for m in ctx.meetings if m.kind != "network"}
    other.update(ctx.day_dates, (p.date for p in ctx.precontacts))
    for line in ctx.invoices:
        if line.date in network and line.date not in other:
            ctx.add(
                "violation", "BILLING.NETWORK_INCLUDED.billed", date=line.date, events=[line],
                day=line.date,
            )  # fmt: skip
