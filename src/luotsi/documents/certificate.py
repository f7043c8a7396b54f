"""The participation certificate (osallistumistodistus): seeds 000, 001, 003 Vastaus 8, 004."""

from __future__ import annotations

import datetime as dt
from typing import Any

from luotsi.documents.build import (
    MESSAGES,
    DocumentRefused,
    Row,
    Section,
    _overlaps,
    _parties,
    _require,
    _require_parties,
    covering_certificate,
    day_row,
    flex_detail,
    meeting_row,
)
from luotsi.documents.days import ONE_DAY, break_spans, case_end, pause_spans, split
from luotsi.documents.i18n import REASONS, STRINGS, fmt_date, fmt_span
from luotsi.rules import Case
from luotsi.rules.model import Absence, Flex, Meeting, Pause, RehabDay, Workplace


def _periods(
    case: Case, start: dt.date, end: dt.date, issued: dt.date, lang: str
) -> tuple[list[Row], list[Row]]:
    """(realised, future) periods: every workplace span clipped to the certificate's period
    and split at every pause and absence (003 Vastaus 8: each period's start and end)."""
    breaks = break_spans(case)
    ended = case_end(case)
    realised: list[Row] = []
    future: list[Row] = []
    workplaces = sorted((e for e in case.events if isinstance(e, Workplace)), key=lambda e: e.from_)
    for e in workplaces:
        if not _overlaps(e.from_, e.to, start, end):
            continue
        lo = max(e.from_, start)
        hi = min(e.to or ended or end, end)  # an open workplace ends with the case
        if hi < lo:
            continue
        name = e.employer or ""
        for piece_lo, piece_hi in split((lo, hi), breaks):
            if piece_lo <= issued:
                realised.append(Row(fmt_span(piece_lo, min(piece_hi, issued), lang), name))
            if piece_hi > issued:
                future_lo = max(piece_lo, issued + ONE_DAY)
                future.append(Row(fmt_span(future_lo, piece_hi, lang), name))
    return realised, future


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
    on_request: bool = False,
) -> dict[str, Any]:
    """The participation certificate (osallistumistodistus) for ``start``–``end``.

    Realised items are those on or before the issue date (``issued``, else the covering
    ``certificate`` event's date, else today); later ones are listed as future periods.
    Rehabilitation days inside a pause are never printed (DAYS.ON_PAUSE). A new version of
    an earlier certificate names its ``version``, the issue date of the certificate it
    ``replaces`` and ``what_changed`` (printed under its own heading).

    A client who does not apply for the rehabilitation allowance needs no certificate: it is
    refused unless ``on_request`` (the client asked for one), and then it says that it is
    not needed for the allowance.
    """
    doc = "participation certificate"
    if not case.client.applies_allowance and not on_request:
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
    periods, future = _periods(case, start, end, issued, lang)
    ended = case_end(case)
    pauses_at = pause_spans(case)
    workplaces = [e for e in case.events if isinstance(e, Workplace)]
    meetings: list[Row] = []
    days: list[Row] = []
    remote: list[Row] = []
    independent = 0
    absences: list[Row] = []
    pauses: list[Row] = []
    flex: list[Row] = []
    for index, e in enumerate(case.events):
        if isinstance(e, Meeting) and start <= e.date <= end:
            row = meeting_row(e, lang, workplaces)
            (meetings if e.date <= issued else future).append(row)
        elif isinstance(e, RehabDay) and start <= e.date <= end:
            if any(lo <= e.date <= hi for lo, hi in pauses_at):
                continue  # DAYS.ON_PAUSE: a day inside a pause is never printed
            if e.date > issued:
                future.append(day_row(e, lang))
            else:
                (remote if e.remote else days).append(day_row(e, lang))
                independent += e.independent
        elif isinstance(e, Absence | Pause) and _overlaps(e.from_, e.to, start, end):
            kind = "absence" if isinstance(e, Absence) else "pause"
            span = fmt_span(e.from_, e.to or ended, lang)  # an ended case: its real end
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
            span = fmt_span(e.from_, e.to or ended, lang)
            if e.reason is None:
                raise DocumentRefused(
                    f"/events/{index}/reason",
                    MESSAGES["no_reason"].format(what="flex", span=span)
                    + f"; a {doc} justifies every flexibility",
                    code="no_reason",
                )
            flex.append(Row(span, flex_detail(e, lang), REASONS[lang][e.reason]))
    for rows in (days, remote):
        rows.sort(key=lambda r: r.sort_key)
    meetings.sort(key=lambda r: r.sort_key)
    future.sort(key=lambda r: r.sort_key)

    meeting_cols = (s["date"], s["meeting"], s["place"])
    reason_cols = (s["from_to"], "", s["reason"])
    return {
        "kind": "certificate",
        "lang": lang,
        "s": s,
        "title": s["certificate_title"],
        **_parties(case, lang),
        "period": fmt_span(start, end, lang),
        "statement": s["allowance_statement"]
        if case.client.applies_allowance
        else s["on_request_statement"],
        "realised_total": len(days) + len(remote),
        "remote_total": len(remote),
        "independent_total": independent,
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
