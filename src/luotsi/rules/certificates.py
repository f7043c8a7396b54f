"""Participation certificates and notifying Kela: CERT.*, KELA.NOTIFY."""

from __future__ import annotations

from datetime import date
from itertools import compress
from operator import attrgetter
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules.context import PHASED, Ctx
from luotsi.rules.model import Certificate
from luotsi.rules.registry import rule
from luotsi.rules.spans import joined_cover, unique_sorted

_WORKED = attrgetter("client_worked")
# Work-trial services: a paid work trial is a change Kela must hear of.
_WORK_TRIAL = frozenset(("TK", "TEAK-TK"))


def _period(cert: Certificate) -> tuple[date, date]:
    start = cert.from_ or cert.date
    return start, cert.to or max(start, cert.date)


@rule("CERT.MISSING", "000 Osallistumistodistuksen laatiminen; 001 Osallistumistodistus")
def cert_missing(ctx: Ctx) -> None:
    """Every realised day and meeting is covered by a participation certificate (allowance)."""
    if not ctx.case.client.applies_allowance:
        return
    grace = ctx.p("certificate_grace_days")
    periods = sorted(_period(c) for c in ctx.certificates)
    covered = joined_cover(periods)
    found: list[date] = []
    for dates in (ctx.day_dates, ctx.meeting_dates):  # both sorted
        previous = 0
        for low, high, _ in covered.ranges(dates):  # the days between are not covered
            found += dates[previous:low]
            previous = high
        found += dates[previous:]
    if not found:
        return
    uncovered = unique_sorted(found)
    overdue = [d for d in uncovered if ctx.on > cal.add_days(d, grace.value)]
    pending = [d for d in uncovered if ctx.on <= cal.add_days(d, grace.value)]
    if overdue:
        ctx.add(
            "violation", "CERT.MISSING.overdue", date=overdue[0], params=[grace],
            count=len(overdue), first=overdue[0],
        )  # fmt: skip
    if pending:
        ctx.add(
            "due", "CERT.MISSING.due", due=cal.add_days(pending[0], grace.value),
            date=pending[0], params=[grace], count=len(pending), first=pending[0],
        )  # fmt: skip


@rule("CERT.AUTHOR", "000 Osallistumistodistuksen laatiminen")
def cert_author(ctx: Ctx) -> None:
    """The certificate names its author and the author's phone number."""
    for cert in ctx.certificates:
        if not cert.author_name or not cert.author_phone:
            ctx.add("violation", "CERT.AUTHOR.missing", date=cert.date, events=[cert])


@rule("CERT.REASONS", "004 Mitkä asiat hankaloittavat; Kuntoutusraha, Teak ja joustot")
def cert_reasons(ctx: Ctx) -> None:
    """The certificate states the reason for every pause and absence and justifies flexibility."""
    spans: list[Any] = [*ctx.pauses, *ctx.absences, *ctx.flexes]
    for cert in ctx.certificates:
        if cert.states_reasons:
            continue
        start, end = _period(cert)
        inside = [s for s in spans if s.start <= end and s.end >= start]
        if inside:
            ctx.add(
                "violation", "CERT.REASONS.missing", date=cert.date, events=[cert, inside[0]],
            )  # fmt: skip


@rule("CERT.STALE", "000 Muutoksista ilmoittaminen 2/2; 001 Sairastuminen")
def cert_stale(ctx: Ctx) -> None:
    """When facts in a certified period change, a new certificate is made."""
    if not ctx.certificates:
        return
    changes: list[tuple[date, Any, bool]] = [(s.start, s, False) for s in ctx.absences]
    changes += [(s.start, s, False) for s in ctx.pauses]
    changes += [(s.start, s, False) for s in ctx.flexes]
    if ctx.end is not None:
        changes.append((ctx.end.date, ctx.end, True))
    # Each certificate's period and date read once, not once per change.
    certs = [(cert, *_period(cert), cert.date) for cert in ctx.certificates]
    for when, event, is_end in changes:
        older = []
        newer = False
        for cert, start, end, made in certs:
            touches = end > when if is_end else start <= when <= end
            if not touches:
                continue
            if made >= when:
                newer = True
            else:
                older.append(cert)
        if older and not newer:
            ctx.add(
                "action", "CERT.STALE.reissue", date=when, events=[event, older[0]],
                certificate=older[0].date,
            )  # fmt: skip


@rule("KELA.NOTIFY", "000 Muutoksista ilmoittaminen 1/2, 2/2; 004 Kuntoutuksen toteutus")
def kela_notify(ctx: Ctx) -> None:
    """Changes affecting the rehabilitation are reported to Kela without delay."""
    triggers: list[tuple[date, str, Any]] = []
    if ctx.interrupted and ctx.end is not None:
        triggers.append((ctx.end.date, "interruption", ctx.end))
    triggers += [(s.start, "pause", s) for s in ctx.pauses]
    long = ctx.p("kela_notify_sickness_days")
    triggers += [
        (s.start, "sickness", s)
        for s in ctx.absences
        if s.event.reason == "sickness" and s.days > long.value
    ]
    # Only the phased services have a phase-1 deadline: the others skip computing it.
    deadline = ctx.extended_phase1_deadline if ctx.service in PHASED else None
    start = ctx.workplace_start
    if (
        deadline is not None
        and ctx.on > deadline
        and (start is None or start > deadline)
        and (ctx.ended is None or ctx.ended > deadline)
    ):
        triggers.append((cal.add_days(deadline, 1), "workplace_phase", None))
    # 004 Kuntoutuksen toteutus: Kela hears nothing of these unless told.
    worked = next(compress(ctx.days, map(_WORKED, ctx.days)), None)
    if worked is not None:
        triggers.append((worked.date, "other_work", worked))
    if ctx.service in _WORK_TRIAL:
        triggers += [(w.start, "paid_work_trial", w) for w in ctx.workplaces if w.event.paid]
    for when, topic, event in sorted(triggers, key=lambda t: (t[0], t[1])):
        if not ctx.notified(when):
            ctx.add(
                "action", f"KELA.NOTIFY.{topic}", date=when,
                events=[event] if event is not None else [],
                params=[long, ctx.p("kela_notice_advance_days")],
            )  # fmt: skip
