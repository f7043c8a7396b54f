"""From a case to the plain context a document template needs (no Django, no rendering).

Every builder refuses with :class:`DocumentRefused` when a field the document must state is
missing; the refusal names the field as a JSON pointer into the case file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from luotsi.documents.i18n import (
    MEETING_KINDS,
    MODES,
    REASONS,
    SERVICES,
    STRINGS,
    fmt_date,
    fmt_span,
)
from luotsi.rules import Case
from luotsi.rules.model import (
    Absence,
    Certificate,
    End,
    Flex,
    KelaNotice,
    Meeting,
    Pause,
    Phase,
    RehabDay,
    Workplace,
)

# The parts of a report the coach writes (the keys of ``texts``), in the order printed.
FEEDBACK_TEXTS = ("goals", "plan", "network_work", "recommendations")
FOLLOWUP_TEXTS = ("situation", "plan_progress", "further_support")

MESSAGES = {
    "missing": "{what}: required field is missing",
    "no_allowance": (
        "the client does not apply for the rehabilitation allowance "
        "(client.applies_allowance is false): no participation certificate is made"
    ),
    "no_reason": "{what} {span} has no reason",
}


class DocumentRefused(ValueError):
    """A document that cannot be made: ``pointer`` is the missing field in the case file.

    ``problem`` is the developer's and the command line's text (English, may name a CLI
    option); ``code`` is ``"missing"`` when a required field is simply empty, so the web UI
    can say so in the user's language without ``problem``."""

    def __init__(self, pointer: str, problem: str, code: str = "invalid") -> None:
        self.pointer = pointer
        self.problem = problem
        self.code = code
        super().__init__(f"{pointer}: {problem}")


@dataclass
class Row:
    """One line of a document table: when, what, and an optional reason or detail."""

    when: str
    what: str = ""
    detail: str = ""


@dataclass
class Section:
    """A titled table; ``columns`` label when/what/detail, and an empty label drops it."""

    title: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    empty: str = ""
    columns: tuple[str, str, str] = ("", "", "")

    @property
    def visible(self) -> list[tuple[str, str]]:
        return [
            (label, attr)
            for label, attr in zip(self.columns, ("when", "what", "detail"), strict=True)
            if label
        ]


def _require(value: Any, pointer: str, document: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DocumentRefused(pointer, f"required for the {document} but missing", code="missing")


def _require_parties(case: Case, document: str) -> None:
    _require(case.client.name, "/client/name", document)
    _require(case.client.identity_code, "/client/identity_code", document)
    _require(case.contract.provider, "/contract/provider", document)
    _require(case.contract.business_id, "/contract/business_id", document)


def _overlaps(start: dt.date, end: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    return start <= hi and (end is None or end >= lo)


def _parties(case: Case, lang: str) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "client_name": case.client.name,
        "identity_code": case.client.identity_code,
        "service": SERVICES[lang][case.service],
        "decision_received": fmt_date(case.decision.received),
        "granted_days": case.decision.granted_days,
        "provider": case.contract.provider,
        "business_id": case.contract.business_id,
        "offices": list(case.contract.offices),
    }


def _meeting_row(m: Meeting, lang: str) -> Row:
    what = f"{MEETING_KINDS[lang][m.kind]}, {MODES[lang][m.mode]}"
    if m.minutes:
        what += f", {m.minutes} min"
    return Row(fmt_date(m.date), what, m.office or "")


def _day_row(d: RehabDay, lang: str) -> Row:
    hours = f"{d.hours:g} h"
    if d.remote:
        hours = f"{hours}, {STRINGS[lang]['remote']}"
    return Row(fmt_date(d.date), hours)


def _flex_detail(f: Flex, lang: str) -> str:
    s = STRINGS[lang]
    parts = []
    if f.days_per_week is not None:
        parts.append(f"{f.days_per_week} {s['days_per_week']}")
    if f.hours_per_day is not None:
        parts.append(f"{f.hours_per_day:g} {s['hours_per_day']}")
    return ", ".join(parts)


def covering_certificate(
    case: Case, start: dt.date, end: dt.date
) -> tuple[int, Certificate] | None:
    """The latest ``certificate`` event whose span covers the whole period, with its index."""
    found = [
        (i, e)
        for i, e in enumerate(case.events)
        if isinstance(e, Certificate)
        and (e.from_ is None or e.from_ <= start)
        and (e.to is None or e.to >= end)
    ]
    found.sort(key=lambda pair: (pair[1].date, pair[0]))
    return found[-1] if found else None


def certificate_context(
    case: Case,
    start: dt.date,
    end: dt.date,
    lang: str,
    author: str | None = None,
    phone: str | None = None,
    issued: dt.date | None = None,
    what_changed: str | None = None,
    version: int | None = None,
    replaces: dt.date | None = None,
) -> dict[str, Any]:
    """The participation certificate (osallistumistodistus) for ``start``–``end``.

    Realised items are those on or before the issue date (``issued``, else the covering
    ``certificate`` event's date, else today); later ones are listed as future periods.
    A new version of an earlier certificate names its ``version``, the issue date of the
    certificate it ``replaces`` and ``what_changed`` (printed under its own heading).
    """
    doc = "participation certificate"
    if not case.client.applies_allowance:
        raise DocumentRefused("/client/applies_allowance", MESSAGES["no_allowance"])
    if end < start:
        raise DocumentRefused("--to", "the end of the period is before its start", code="order")
    _require_parties(case, doc)
    covering = covering_certificate(case, start, end)
    cert = covering[1] if covering else None
    author = author or (cert.author_name if cert else None)
    phone = phone or (cert.author_phone if cert else None)
    if covering is None and not (author and phone):
        raise DocumentRefused(
            "/events",
            "no certificate event covers the period; give the author with --author and --phone",
            code="no_author" if not author else "no_author_phone",
        )
    where = f"/events/{covering[0]}" if covering else "/events"
    _require(author, f"{where}/author_name", doc)
    _require(phone, f"{where}/author_phone", doc)
    issued = issued or (cert.date if cert else None) or dt.date.today()

    s = STRINGS[lang]
    periods: list[Row] = []
    future: list[Row] = []
    meetings: list[Row] = []
    days: list[Row] = []
    remote: list[Row] = []
    absences: list[Row] = []
    pauses: list[Row] = []
    flex: list[Row] = []
    for index, e in enumerate(case.events):
        if isinstance(e, Workplace) and _overlaps(e.from_, e.to, start, end):
            lo = max(e.from_, start)
            hi = end if e.to is None else min(e.to, end)
            name = e.employer or ""
            if lo <= issued:
                periods.append(Row(fmt_span(lo, min(hi, issued), lang), name))
            if hi > issued:
                future.append(Row(fmt_span(max(lo, issued + dt.timedelta(days=1)), hi, lang), name))
        elif isinstance(e, Meeting) and start <= e.date <= end:
            (meetings if e.date <= issued else future).append(_meeting_row(e, lang))
        elif isinstance(e, RehabDay) and start <= e.date <= end:
            if e.date > issued:
                future.append(_day_row(e, lang))
            else:
                (remote if e.remote else days).append(_day_row(e, lang))
        elif isinstance(e, Absence | Pause) and _overlaps(e.from_, e.to, start, end):
            kind = "absence" if isinstance(e, Absence) else "pause"
            span = fmt_span(e.from_, e.to, lang)
            if e.reason is None:
                raise DocumentRefused(
                    f"/events/{index}/reason",
                    MESSAGES["no_reason"].format(what=kind, span=span)
                    + f"; a {doc} states the reason for every {kind}",
                    code="no_reason",
                )
            (absences if kind == "absence" else pauses).append(
                Row(span, "", REASONS[lang][e.reason])
            )
        elif isinstance(e, Flex) and _overlaps(e.from_, e.to, start, end):
            span = fmt_span(e.from_, e.to, lang)
            if e.reason is None:
                raise DocumentRefused(
                    f"/events/{index}/reason",
                    MESSAGES["no_reason"].format(what="flex", span=span)
                    + f"; a {doc} justifies every flexibility",
                    code="no_reason",
                )
            flex.append(Row(span, _flex_detail(e, lang), REASONS[lang][e.reason]))

    meeting_cols = (s["date"], s["meeting"], s["office"])
    reason_cols = (s["from_to"], "", s["reason"])
    return {
        "kind": "certificate",
        "lang": lang,
        "s": s,
        "title": s["certificate_title"],
        **_parties(case, lang),
        "period": fmt_span(start, end, lang),
        "sections": {
            "periods": Section(s["periods"], periods, columns=(s["from_to"], s["workplace"], "")),
            "meetings": Section(s["meetings"], meetings, columns=meeting_cols),
            "days": Section(s["days"], days, columns=(s["date"], s["hours"], "")),
            "remote_days": Section(s["remote_days"], remote, columns=(s["date"], s["hours"], "")),
            "future": Section(
                s["future_periods"],
                future,
                s["future_note"],
                columns=(s["from_to"], s["content"], ""),
            ),
            "absences": Section(s["absences"], absences, columns=reason_cols),
            "pauses": Section(s["pauses"], pauses, columns=reason_cols),
            "flex": Section(
                s["flex"], flex, columns=(s["from_to"], s["extent"], s["justification"])
            ),
        },
        "author": author,
        "phone": phone,
        "issued": fmt_date(issued),
        "version": version,
        "replaces": fmt_date(replaces),
        "what_changed": (what_changed or "").strip(),
    }


def _texts(texts: dict[str, str] | None, keys: tuple[str, ...]) -> dict[str, str]:
    """The coach's text for each part, stripped; an unknown key is a programming error."""
    texts = texts or {}
    unknown = set(texts) - set(keys)
    if unknown:
        raise ValueError(f"unknown text parts: {sorted(unknown)}")
    return {key: str(texts.get(key) or "").strip() for key in keys}


def feedback_context(
    case: Case, lang: str, texts: dict[str, str] | None = None, draft: bool = True
) -> dict[str, Any]:
    """The feedback report (kuntoutuspalaute, the structure of Kela's form KU148).

    ``texts`` holds the coach's parts (:data:`FEEDBACK_TEXTS`); an empty part prints the
    instruction to fill it. A ``draft`` is marked as such.
    """
    doc = "feedback report"
    _require_parties(case, doc)
    s = STRINGS[lang]
    ends = [e for e in case.events if isinstance(e, End)]
    end = max(ends, key=lambda e: e.date) if ends else None
    interrupted = end is not None and end.reason == "interrupted"
    work_starts = [e.date for e in case.events if isinstance(e, Phase) and e.phase == "workplace"]
    work_start = min(work_starts) if work_starts else None

    meetings = sorted((e for e in case.events if isinstance(e, Meeting)), key=lambda e: e.date)
    days = [e for e in case.events if isinstance(e, RehabDay)]
    workplaces = [
        Row(fmt_span(e.from_, e.to, lang), e.employer or "")
        for e in case.events
        if isinstance(e, Workplace)
    ]
    network = [_meeting_row(m, lang) for m in meetings if m.kind == "network"]
    sickness = [
        Row(
            fmt_span(e.from_, e.to, lang),
            s["n_days"].format(n=((e.to or e.from_) - e.from_).days + 1),
            REASONS[lang]["sickness"],
        )
        for e in case.events
        if isinstance(e, Absence)
        and e.reason == "sickness"
        and (work_start is None or e.from_ < work_start)
    ]
    other_absences = [
        Row(fmt_span(e.from_, e.to, lang), "", REASONS[lang][e.reason] if e.reason else "–")
        for e in case.events
        if isinstance(e, Absence)
    ]
    pauses = [
        Row(fmt_span(e.from_, e.to, lang), "", REASONS[lang][e.reason] if e.reason else "–")
        for e in case.events
        if isinstance(e, Pause)
    ]
    notices = [
        Row(fmt_date(e.date), e.topic or "") for e in case.events if isinstance(e, KelaNotice)
    ]
    meeting_cols = (s["date"], s["meeting"], s["office"])
    reason_cols = (s["from_to"], "", s["reason"])
    return {
        "kind": "feedback",
        "lang": lang,
        "s": s,
        "title": s["feedback_title_short"] if interrupted else s["feedback_title"],
        "interrupted": interrupted,
        "draft": draft,
        "texts": _texts(texts, FEEDBACK_TEXTS),
        **_parties(case, lang),
        "end": fmt_date(end.date) if end else "",
        "due": fmt_date(end.date + dt.timedelta(days=14)) if end else "",
        "meeting_count": len(meetings),
        "day_count": len(days),
        "remote_count": sum(1 for d in days if d.remote),
        "independent_count": sum(1 for d in days if d.independent),
        "sections": {
            "meetings": Section(
                s["meetings"], [_meeting_row(m, lang) for m in meetings], columns=meeting_cols
            ),
            "workplaces": Section(
                s["workplaces"], workplaces, columns=(s["from_to"], s["workplace"], "")
            ),
            "network": Section(s["network"], network, columns=meeting_cols),
            "sickness": Section(
                s["sickness_ext"],
                sickness,
                empty=s["sickness_ext_none"],
                columns=(s["from_to"], s["extension"], s["reason"]),
            ),
            "absences": Section(s["absences"], other_absences, columns=reason_cols),
            "pauses": Section(s["pauses"], pauses, columns=reason_cols),
            "notices": Section(s["notices"], notices, columns=(s["date"], s["topic"], "")),
        },
    }


def followup_context(
    case: Case, lang: str, texts: dict[str, str] | None = None, draft: bool = True
) -> dict[str, Any]:
    """The Taito follow-up report (seed 003 Vastaus 10): made after the last follow-up visit.

    Lists the follow-up visits (meetings of phase ``followup`` after the final group period)
    and leaves the client's situation, the progress of the vocational plan and the need for
    further support to the coach (:data:`FOLLOWUP_TEXTS`).
    """
    doc = "Taito follow-up report"
    if case.service != "TAITO":
        raise DocumentRefused("/service", f"a {doc} is made only for Taito (service TAITO)")
    _require_parties(case, doc)
    s = STRINGS[lang]
    final = [e.date for e in case.events if isinstance(e, Phase) and e.phase == "final"]
    final_start = min(final) if final else None
    group_days = sorted(
        e.date
        for e in case.events
        if isinstance(e, RehabDay) and e.group and final_start and e.date >= final_start
    )
    group_end = group_days[-1] if group_days else None
    visits = sorted(
        (
            e
            for e in case.events
            if isinstance(e, Meeting)
            and e.phase == "followup"
            and (group_end is None or e.date > group_end)
        ),
        key=lambda e: e.date,
    )
    if not visits:
        raise DocumentRefused(
            "/events",
            f"no follow-up visit (a meeting with phase followup) yet; a {doc} is made "
            "after the last follow-up visit",
            code="no_followup_visit",
        )
    rows = [Row(fmt_date(v.date), MODES[lang][v.mode], v.office or "") for v in visits]
    return {
        "kind": "taito_followup",
        "lang": lang,
        "s": s,
        "title": s["followup_title"],
        **_parties(case, lang),
        "draft": draft,
        "group_end": fmt_date(group_end),
        "due": fmt_date(visits[-1].date + dt.timedelta(days=14)),
        "sections": {
            "visits": Section(
                s["followup_visits"],
                rows,
                columns=(s["date"], s["followup_mode"], s["office"]),
            ),
        },
        "texts": _texts(texts, FOLLOWUP_TEXTS),
    }
