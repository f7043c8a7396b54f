"""The demo's workspace records: planned meetings (one of them passed without being
marked: MEETING.UNMARKED), notes, a correction with its reason and an agreement with Kela,
all made through the services as the responsible coach would, so the case pages, the case
history and the dashboard show them on first start. Only for cases loaded just now."""

from __future__ import annotations

import datetime as dt

from luotsi.cases import planning, service
from luotsi.cases.checks import Change
from luotsi.cases.models import Case


def _office(case: Case) -> str:
    """The office of the client's team (the contract's address)."""
    team = case.client.team
    office = team.office if team is not None else None
    return office.contract_address if office is not None else ""


def _planned(case: Case, day: dt.date, hour: int, today: dt.date, **fields: str) -> None:
    case.refresh_from_db()
    place = fields.get("place", "provider_office")
    planning.plan_meeting(
        case.client.responsible_coach,
        case,
        case.version,
        date=day,
        start=dt.time(hour, 0),
        minutes=60,
        mode=fields.get("mode", "face_to_face"),
        kind=fields.get("kind", "individual"),
        place=place,
        office=_office(case) if place == "provider_office" else "",
        phase=fields.get("phase", ""),
        today=today,
    )


def add_workspace_records(cases: dict[str, Case], today: dt.date) -> None:
    """Planned meetings, notes, a correction and an agreement on a few demo cases."""
    first = cases.get("DEMO-TK-01")
    if first is not None:
        _planned(first, today + dt.timedelta(days=2), 10, today, phase="planning")
        planning.add_note(
            first.client.responsible_coach,
            first,
            "Asiakas toivoo aamupäivän tapaamisia. Tulkkia ei tarvita.",
        )
        service.recompute_findings(first, today)
    planning_case = cases.get("DEMO-TK-03")
    if planning_case is not None:
        # Agreed a week ago for two days ago, and not marked held or cancelled since.
        _planned(
            planning_case,
            today - dt.timedelta(days=2),
            13,
            today - dt.timedelta(days=7),
            phase="planning",
        )
        _planned(planning_case, today + dt.timedelta(days=6), 9, today, mode="video", place="")
        service.recompute_findings(planning_case, today)
    workplace_case = cases.get("DEMO-TK-04")
    if workplace_case is not None:
        coach = workplace_case.client.responsible_coach
        meeting = workplace_case.events.filter(type="meeting").order_by("date").first()
        if meeting is not None:
            planning.add_note(
                coach,
                workplace_case,
                "Työpaikkakäynnillä sovittiin työtehtävien porrastuksesta ohjaajan kanssa.",
                meeting=meeting,
            )
        day = workplace_case.events.filter(type="rehab_day").order_by("-date").first()
        if day is not None:
            corrected = {**day.data, "hours": 7, "workplace_hours": 6}
            workplace_case.refresh_from_db()
            service.apply_change(
                coach,
                workplace_case,
                Change(
                    replace={day.pk: corrected},
                    reason="Asiakas jäi työpaikalle tuntia pidempään; kirjattu ensin väärin.",
                ),
                workplace_case.version,
                on=today,
            )
    paused = cases.get("DEMO-TK-10")
    if paused is not None:
        pause = paused.events.filter(type="pause").order_by("-from_date").first()
        if pause is not None and pause.from_date is not None:
            agreement = {
                "type": "kela_agreement",
                "date": (pause.from_date + dt.timedelta(days=1)).isoformat(),
                "rule": "PAUSE.TOO_LONG",
                "reason": "Kela hyväksyi puhelimessa pidemmän tauon (viite 2026-118).",
            }
            service.apply_change(
                paused.client.responsible_coach,
                paused,
                Change(add=[agreement]),
                paused.version,
                on=today,
            )
