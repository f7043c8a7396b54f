"""What is refused at entry, before the engine ever sees it, and the shape of a change.

A ``Change`` adds, corrects (replaces) and removes events of one case. For validation the
case's events are laid out as the kept events first, then the changed and new ones
(``Change.proposed``), so a service error's pointer ``/events/N`` with N ≥ ``offset``
names the N-offset-th proposed event: the form that made it knows which field that is.

The consistency checks are those the engine would only report afterwards: nothing before
the decision was received, pauses do not overlap, one rehabilitation day a date, no
rehabilitation day inside an absence or a pause (DAYS.ON_PAUSE). Entry adds its own:
nothing that has not happened yet (a rehabilitation day ahead, an absence ahead unless it
is a planned absence, a meeting ahead: that is a planned meeting, a vocational plan, an
invitation letter or another step of the process dated ahead), one end, and no phase
start removed or moved while meetings recorded in that phase depend on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from luotsi.rules.calendar import finnish_date

SPAN_TYPES = frozenset({"absence", "pause", "flex", "workplace", "no_interpreter"})
# Steps of the process recorded once they have happened (issue 15): dated ahead, each would
# clear its finding (PLAN.VOCATIONAL, TEAK.INVITATION, ...) before it took place.
HAPPENED_TYPES = frozenset(
    {"vocational_plan", "invitation_letter", "light_approach", "step_skipped", "cannot_commit"}
)
# Events a document or billing makes: corrected there (a new version), not here.
DOCUMENT_TYPES = frozenset({"certificate", "feedback", "invoice_line"})
# Phases that start with a ``phase`` event (meetings may name them).
STARTED_PHASES = frozenset({"workplace", "start", "practice", "deepening", "final", "followup"})


def error(pointer: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({pointer: [ValidationError(message, code=code)]})


def first_day(event: dict[str, Any]) -> dt.date:
    key = "from" if event["type"] in SPAN_TYPES else "date"
    return dt.date.fromisoformat(event[key])


def span(event: dict[str, Any]) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(event["from"])
    end = dt.date.fromisoformat(event["to"]) if event.get("to") else dt.date.max
    return start, end


def _dates(days: list[dt.date]) -> str:
    return ", ".join(finnish_date(day) for day in sorted(days))


@dataclass
class Change:
    """One change of a case: events added, events corrected (``CaseEvent`` id → the event
    as it should be) and events removed (ids). ``planned_absence``: an absence ahead is a
    plan the coach confirmed (annual leave agreed in advance)."""

    add: list[dict[str, Any]] = field(default_factory=list)
    replace: dict[int, dict[str, Any]] = field(default_factory=dict)
    remove: list[int] = field(default_factory=list)
    reason: str = ""
    planned_absence: bool = False

    @property
    def proposed(self) -> list[dict[str, Any]]:
        """The events this change writes: corrections first, then the new ones."""
        return [*self.replace.values(), *self.add]

    def touched(self) -> set[int]:
        return {*self.replace, *self.remove}

    def with_added(self, events: list[dict[str, Any]]) -> Change:
        return Change(
            add=[*self.add, *events],
            replace=dict(self.replace),
            remove=list(self.remove),
            reason=self.reason,
            planned_absence=self.planned_absence,
        )

    def digest(self, version: int) -> str:
        """What a confirmation must match: the version and exactly this change."""
        text = json.dumps(
            [version, self.add, sorted(self.replace.items()), sorted(self.remove)],
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def check_consistency(
    events: list[dict[str, Any]], received: dt.date | None = None, stored: int = 0
) -> None:
    """Refuse, at the field, what the engine would only report afterwards.

    When a rehabilitation day and an absence or pause meet, the later of the two in the
    list is named (the one being entered), with the other's dates in the message."""
    if received is not None:
        for i, event in enumerate(events):
            if first_day(event) < received:
                key = "from" if event["type"] in SPAN_TYPES else "date"
                raise error(
                    f"/events/{i}/{key}",
                    _("This is before the decision was received (%(date)s).")
                    % {"date": finnish_date(received)},
                    "before_decision",
                )
    seen_days: set[str] = set()
    for i, event in enumerate(events):
        if event["type"] == "rehab_day":
            if event["date"] in seen_days:
                raise error(
                    f"/events/{i}/date",
                    _("A rehabilitation day is already recorded on %(date)s.")
                    % {"date": finnish_date(dt.date.fromisoformat(event["date"]))},
                    "duplicate_day",
                )
            seen_days.add(event["date"])
    pauses = [(i, span(e)) for i, e in enumerate(events) if e["type"] == "pause"]
    for n, (i, (start, end)) in enumerate(pauses):
        for _j, (other_start, other_end) in pauses[:n]:
            if start <= other_end and other_start <= end:
                raise error(
                    f"/events/{i}/from",
                    _("This pause overlaps the pause from %(date)s.")
                    % {"date": finnish_date(other_start)},
                    "overlap",
                )
    _check_days_in_spans(events, stored)


def _check_days_in_spans(events: list[dict[str, Any]], stored: int = 0) -> None:
    """``stored``: the first ``stored`` events are already recorded. A day inside a pause
    or an absence that are both among them (recorded before this check existed) does not
    block a change that touches neither: the engine keeps reporting it (DAYS.ON_PAUSE)."""
    days = [
        (i, dt.date.fromisoformat(e["date"]))
        for i, e in enumerate(events)
        if e["type"] == "rehab_day"
    ]
    for s, event in enumerate(events):
        if event["type"] not in ("absence", "pause"):
            continue
        start, end = span(event)
        inside = [
            (i, day) for i, day in days if start <= day <= end and (i >= stored or s >= stored)
        ]
        if not inside:
            continue
        later = [(i, day) for i, day in inside if i > s]
        if later:  # the day is the one being entered: name the day
            i, _day = later[0]
            message = (
                _("A rehabilitation day cannot fall inside an absence (%(start)s–%(end)s).")
                if event["type"] == "absence"
                else _("A rehabilitation day cannot fall inside a pause (%(start)s–%(end)s).")
            )
            raise error(
                f"/events/{i}/date",
                message
                % {
                    "start": finnish_date(start),
                    "end": "" if end == dt.date.max else finnish_date(end),
                },
                "on_absence" if event["type"] == "absence" else "on_pause",
            )
        message = (
            _(
                "Rehabilitation days are recorded inside this absence (%(dates)s). Remove "
                "them with it, or correct the dates."
            )
            if event["type"] == "absence"
            else _(
                "Rehabilitation days are recorded inside this pause (%(dates)s). Remove "
                "them with it, or correct the dates."
            )
        )
        raise error(
            f"/events/{s}/from",
            message % {"dates": _dates([day for _i, day in inside])},
            "days_inside",
        )


def check_entry(
    kept: list[dict[str, Any]],
    removed: list[dict[str, Any]],
    change: Change,
    today: dt.date,
) -> None:
    """Entry's own checks of a change (not of an imported file); pointers as
    ``check_consistency`` (the proposed events after the ``kept`` ones)."""
    offset = len(kept)
    for n, event in enumerate(change.proposed):
        i = offset + n
        kind = event["type"]
        if kind == "rehab_day" and first_day(event) > today:
            raise error(
                f"/events/{i}/date",
                _("This day is still ahead: record it once it has taken place."),
                "future",
            )
        if kind == "absence" and first_day(event) > today and not change.planned_absence:
            raise error(
                f"/events/{i}/from",
                _(
                    "This absence has not started yet: record it once it starts, or say "
                    "that it is a planned absence."
                ),
                "future",
            )
        if kind in HAPPENED_TYPES and first_day(event) > today:
            raise error(
                f"/events/{i}/date",
                _("This date is still ahead: record it once it has happened."),
                "future",
            )
        if kind == "meeting" and first_day(event) > today:
            raise error(
                f"/events/{i}/date",
                _("A meeting ahead is planned, not held: mark it held once it has taken place."),
                "future",
            )
    ends = [e for e in [*kept, *change.proposed] if e["type"] == "end"]
    if len(ends) > 1:
        index = offset + next(n for n, e in enumerate(change.proposed) if e["type"] == "end")
        raise error(
            f"/events/{index}/date",
            _("The case already ends on %(date)s: correct that end instead.")
            % {"date": finnish_date(first_day(ends[0]))},
            "second_end",
        )
    _check_phase_dependants(kept, removed, change)


def _check_phase_dependants(
    kept: list[dict[str, Any]], removed: list[dict[str, Any]], change: Change
) -> None:
    """A phase start that is removed or moved later leaves no meeting recorded in that
    phase before the phase starts."""
    offset = len(kept)
    everything = [*kept, *change.proposed]
    changed = [e for e in removed if e["type"] == "phase"]
    for event in change.proposed:
        if event["type"] == "phase" and event.get("phase") in STARTED_PHASES:
            changed.append(event)
    for event in changed:
        phase = event.get("phase")
        if phase not in STARTED_PHASES:
            continue
        starts = [
            first_day(e) for e in everything if e["type"] == "phase" and e.get("phase") == phase
        ]
        first = min(starts) if starts else None
        early = [
            first_day(e)
            for e in everything
            if e["type"] == "meeting"
            and e.get("phase") == phase
            and (first is None or first_day(e) < first)
        ]
        if not early:
            continue
        proposed = [n for n, e in enumerate(change.proposed) if e is event]
        pointer = f"/events/{offset + proposed[0]}/date" if proposed else "/remove"
        raise error(
            pointer,
            _(
                "Meetings on %(dates)s are recorded in this phase, so the phase must start "
                "by then. Correct those meetings first."
            )
            % {"dates": _dates(early)},
            "phase_in_use",
        )
