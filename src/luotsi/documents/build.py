"""From a case to the plain context a document template needs (no Django, no rendering).

Every builder refuses with :class:`DocumentRefused` when a field the document must state is
missing; the refusal names the field as a JSON pointer into the case file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from luotsi.documents.i18n import (
    MEETING_KINDS,
    MODES,
    SERVICES,
    STRINGS,
    fmt_date,
    fmt_hours,
    fmt_number,
)
from luotsi.rules import Case
from luotsi.rules.model import (
    Certificate,
    Flex,
    Meeting,
    Phase,
    RehabDay,
    Workplace,
)

# The parts of the follow-up report the coach writes (the keys of ``texts``), in order.
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
    """One line of a document table: when, what, and an optional reason or detail;
    ``sort_key`` (the row's first date) orders rows of different kinds."""

    when: str
    what: str = ""
    detail: str = ""
    sort_key: dt.date = dt.date.min


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


def _employer_on(day: dt.date, workplaces: Sequence[Workplace]) -> str | None:
    """The employer of the workplace in use on ``day`` (the latest started), if any."""
    found = [w for w in workplaces if w.from_ <= day and (w.to is None or day <= w.to)]
    return max(found, key=lambda w: w.from_).employer if found else None


def meeting_row(m: Meeting, lang: str, workplaces: Sequence[Workplace] = ()) -> Row:
    """A meeting: date, kind and mode, and where it was: the office, or for a workplace
    visit the workplace (its employer on that day)."""
    s = STRINGS[lang]
    what = f"{MEETING_KINDS[lang][m.kind]}, {MODES[lang][m.mode]}"
    if m.minutes:
        what += f", {m.minutes} min"
    place = m.office or ""
    if not place and (m.place == "workplace" or m.kind == "workplace_visit"):
        employer = _employer_on(m.date, workplaces)
        place = (
            s["at_workplace"].format(employer=employer) if employer else s["at_workplace_unnamed"]
        )
    return Row(fmt_date(m.date), what, place, sort_key=m.date)


def day_row(d: RehabDay, lang: str) -> Row:
    """A rehabilitation day: its hours (one format: 6 h, 6,5 h), remote or independent."""
    s = STRINGS[lang]
    parts = [fmt_hours(d.hours, lang)]
    if d.remote:
        parts.append(s["remote"])
    if d.independent:
        parts.append(s["independent"])
    return Row(fmt_date(d.date), ", ".join(parts), sort_key=d.date)


def flex_detail(f: Flex, lang: str) -> str:
    s = STRINGS[lang]
    parts = []
    if f.days_per_week is not None:
        parts.append(f"{f.days_per_week} {s['days_per_week']}")
    if f.hours_per_day is not None:
        parts.append(f"{fmt_number(f.hours_per_day, lang)} {s['hours_per_day']}")
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


def _texts(texts: dict[str, str] | None, keys: tuple[str, ...]) -> dict[str, str]:
    """The coach's text for each part, stripped; an unknown key is a programming error."""
    texts = texts or {}
    unknown = set(texts) - set(keys)
    if unknown:
        raise ValueError(f"unknown text parts: {sorted(unknown)}")
    return {key: str(texts.get(key) or "").strip() for key in keys}


def followup_context(
    case: Case,
    lang: str,
    texts: dict[str, str] | None = None,
    draft: bool = True,
    author: str | None = None,
    issued: dt.date | None = None,
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
        "author": (author or "").strip(),
        "issued": fmt_date(issued or dt.date.today()),
    }
