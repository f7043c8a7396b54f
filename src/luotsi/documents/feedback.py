"""The feedback report (kuntoutuspalaute, the structure of Kela's form KU148): seeds 001
(KU148, audit findings: GAS and KU5 attachments), 003 and 004 (recipients, consent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from luotsi.documents.build import (
    Row,
    Section,
    _parties,
    _require_parties,
    _texts,
    flex_detail,
    meeting_row,
)
from luotsi.documents.days import case_end, realised_days
from luotsi.documents.i18n import (
    GAS_LEVEL_NAMES,
    GAS_LEVELS,
    REASONS,
    STRINGS,
    fmt_date,
    fmt_level,
    fmt_span,
)
from luotsi.rules import Case
from luotsi.rules.model import Absence, End, Flex, KelaNotice, Meeting, Pause, Phase, Workplace
from luotsi.rules.params import param

# The parts of a report the coach writes (the keys of ``texts``), in the order printed.
FEEDBACK_TEXTS = ("goals", "plan", "network_work", "recommendations", "interruption_reason")

# KU148 sections a final report may not leave empty (the keys of ``texts``); the short
# report of an interrupted service also states why it was interrupted. The goals are
# satisfied by GAS rows or the text.
REQUIRED_SECTIONS = ("goals", "plan", "recommendations")
REQUIRED_SECTIONS_SHORT = ("goals", "interruption_reason")


@dataclass(frozen=True)
class GasGoal:
    """One goal on the GAS scale (goal attainment scaling): the goal, its indicator, what
    each of the five levels −2…+2 means, the timetable, and the level reached at the end
    (None until assessed)."""

    goal: str
    indicator: str = ""
    levels: dict[int, str] = field(default_factory=dict)
    timetable: str = ""
    reached: int | None = None


@dataclass(frozen=True)
class Recipient:
    """A party the report is sent to besides the client and Kela, and the consent it rests
    on: ``kind`` ``treating_party`` or ``network``, ``given`` and ``scope`` of the consent."""

    kind: str
    name: str
    given: dt.date
    scope: str


def missing_sections(
    case: Case, texts: dict[str, str] | None, goals: list[GasGoal] | None = None
) -> list[str]:
    """The required KU148 sections (keys of :data:`FEEDBACK_TEXTS`) that are still empty."""
    texts = _texts(texts, FEEDBACK_TEXTS)
    ends = [e for e in case.events if isinstance(e, End)]
    interrupted = bool(ends) and max(ends, key=lambda e: e.date).reason == "interrupted"
    required = REQUIRED_SECTIONS_SHORT if interrupted else REQUIRED_SECTIONS
    return [key for key in required if not texts[key] and not (key == "goals" and goals)]


def _gas(goals: list[GasGoal], lang: str) -> list[dict[str, Any]]:
    s = STRINGS[lang]
    printed = []
    for number, goal in enumerate(goals, start=1):
        printed.append(
            {
                "title": s["gas_goal"].format(n=number),
                "goal": goal.goal,
                "indicator": goal.indicator,
                "timetable": goal.timetable,
                "reached": fmt_level(goal.reached) if goal.reached is not None else "",
                "levels": [
                    {
                        "level": fmt_level(level),
                        "name": GAS_LEVEL_NAMES[lang][level],
                        "text": goal.levels.get(level, ""),
                        "reached": goal.reached == level,
                    }
                    for level in reversed(GAS_LEVELS)
                ],
            }
        )
    return printed


def _recipients(case: Case, lang: str, extra: list[Recipient]) -> list[Row]:
    """The client and Kela always (004), others only with the consent each rests on."""
    s = STRINGS[lang]
    rows = [
        Row(s["the_client"].format(name=case.client.name or ""), s["client_basis"]),
        Row(s["kela"], s["kela_basis"]),
    ]
    for r in extra:
        named = "treating_party_named" if r.kind == "treating_party" else "network_named"
        rows.append(
            Row(
                s[named].format(name=r.name),
                s["consent_basis"].format(given=fmt_date(r.given), scope=r.scope),
            )
        )
    return rows


def feedback_context(
    case: Case,
    lang: str,
    texts: dict[str, str] | None = None,
    draft: bool = True,
    goals: list[GasGoal] | None = None,
    recipients: list[Recipient] | None = None,
    author: str | None = None,
    issued: dt.date | None = None,
    attachments: list[str] | None = None,
) -> dict[str, Any]:
    """The feedback report (kuntoutuspalaute, the structure of Kela's form KU148).

    ``texts`` holds the coach's parts (:data:`FEEDBACK_TEXTS`); an empty part prints the
    instruction to fill it in a ``draft``. ``goals`` are the case's GAS rows, printed with
    their five levels and the level reached; ``recipients`` the parties besides the client
    and Kela with the consent each rests on. ``author`` and ``issued`` (default today) go
    in the signature block. Days inside a pause are not counted (DAYS.ON_PAUSE); an open
    span of an ended case ends at the case's end. ``attachments`` (``GAS``, ``KU5``): those
    the coach recorded as sent; None: the GAS form when there are goals or the service is
    TEAK, and KU5 for TEAK (FEEDBACK.ATTACHMENTS).
    """
    doc = "feedback report"
    _require_parties(case, doc)
    s = STRINGS[lang]
    goals = goals or []
    issued = issued or dt.date.today()
    end_date = case_end(case)
    ends = [e for e in case.events if isinstance(e, End)]
    end = max(ends, key=lambda e: e.date) if ends else None
    interrupted = end is not None and end.reason == "interrupted"
    work_starts = [e.date for e in case.events if isinstance(e, Phase) and e.phase == "workplace"]
    work_start = min(work_starts) if work_starts else None

    def span(start: dt.date, to: dt.date | None) -> str:
        return fmt_span(start, to or end_date, lang)

    meetings = sorted((e for e in case.events if isinstance(e, Meeting)), key=lambda e: e.date)
    workplace_events = [e for e in case.events if isinstance(e, Workplace)]
    days = realised_days(case)
    independent = sum(1 for d in days if d.independent)
    workplaces = [Row(span(e.from_, e.to), e.employer or "") for e in workplace_events]
    network = [meeting_row(m, lang, workplace_events) for m in meetings if m.kind == "network"]
    sickness = [
        Row(
            span(e.from_, e.to),
            s["n_days"].format(n=((e.to or end_date or e.from_) - e.from_).days + 1),
            REASONS[lang]["sickness"],
        )
        for e in case.events
        if isinstance(e, Absence)
        and e.reason == "sickness"
        and (work_start is None or e.from_ < work_start)
    ]
    absences = [
        Row(span(e.from_, e.to), "", REASONS[lang][e.reason] if e.reason else "–")
        for e in case.events
        if isinstance(e, Absence)
    ]
    pauses = [
        Row(span(e.from_, e.to), "", REASONS[lang][e.reason] if e.reason else "–")
        for e in case.events
        if isinstance(e, Pause)
    ]
    flex = [
        Row(span(e.from_, e.to), flex_detail(e, lang), REASONS[lang][e.reason] if e.reason else "–")
        for e in case.events
        if isinstance(e, Flex)
    ]
    notices = [
        Row(fmt_date(e.date), e.topic or "") for e in case.events if isinstance(e, KelaNotice)
    ]
    too_many = ""
    if case.service.startswith("TEAK"):
        most = param("independent_max_days", end_date or issued).value
        if independent > most:
            too_many = s["independent_too_many"].format(n=independent, max=most)
    if attachments is None:  # not recorded by the coach: the attachments the report needs
        attachments = []
        if goals or case.service.startswith("TEAK"):
            attachments.append("GAS")
        if case.service.startswith("TEAK"):
            attachments.append("KU5")
    labels = {"GAS": s["attachment_gas"], "KU5": s["attachment_ku5"]}
    attachment_rows = [labels[a] for a in attachments if a in labels]
    meeting_cols = (s["date"], s["meeting"], s["place"])
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
        "independent_count": independent,
        "independent_too_many": too_many,
        "gas": _gas(goals, lang),
        "attachments": attachment_rows,
        "author": (author or "").strip(),
        "issued": fmt_date(issued),
        "sections": {
            "recipients": Section(
                s["recipients"],
                _recipients(case, lang, recipients or []),
                columns=(s["recipient"], s["basis"], ""),
            ),
            "meetings": Section(
                s["meetings"],
                [meeting_row(m, lang, workplace_events) for m in meetings],
                columns=meeting_cols,
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
            "absences": Section(s["absences"], absences, columns=reason_cols),
            "pauses": Section(s["pauses"], pauses, columns=reason_cols),
            "flex": Section(
                s["flex"], flex, columns=(s["from_to"], s["extent"], s["justification"])
            ),
            "notices": Section(s["notices"], notices, columns=(s["date"], s["topic"], "")),
        },
    }
