"""Demo clients and their cases: every service in every state, dated relative to today.

``demo_clients(today)`` is deterministic for a given ``today`` and ``seed``: the people
(names, identity codes, coaches) depend on the seed only, so loading the demo on another
day finds the same clients; the case events are placed relative to ``today`` so that
"late" and "due this week" stay true whenever the demo is loaded.

Every case is a valid ``luotsi-case/1`` dict. States (``STATES``):

- ``starting``: decision received, rehabilitation not started yet (in some cases the
  advance contact made, where the first meeting is agreed).
- ``on_time``: in the middle of rehabilitation, nothing overdue.
- ``late``: a deadline missed (the variant is named in ``DemoClient.note``).
- ``paused``: a pause (jaksotus) in force today.
- ``interrupted``: ended early; the reason is in the Kela notice.
- ``completed``: ended, the feedback report sent.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from luotsi.rules import calendar as cal
from luotsi.rules import evaluate, parse_case
from luotsi.rules.params import param

from .identity import make_identity_code

STATES = ("starting", "on_time", "late", "paused", "interrupted", "completed")
SEED = 2026

# The demo organisation's contract offices, as the case-file format names them.
OFFICES = {"Porin tiimi": "Pori, Yrjönkatu 1", "Rauman tiimi": "Rauma, Kauppakatu 5"}
COACHES = {
    "aino.koskinen": ("Aino Koskinen", "+358 40 710 2231", "Porin tiimi"),
    "mikko.lehtonen": ("Mikko Lehtonen", "+358 40 710 2232", "Porin tiimi"),
    "sanna.makela": ("Sanna Mäkelä", "+358 40 710 2233", "Rauman tiimi"),
    "jussi.heikkinen": ("Jussi Heikkinen", "+358 40 710 2234", "Rauman tiimi"),
}

# (service, state, variant): 60 cases. TEAK has every state for each of its three kinds.
PLAN: list[tuple[str, str, str]] = [
    ("TK", "starting", "decision"),
    ("TK", "starting", "precontact"),
    ("TK", "on_time", "planning"),
    ("TK", "on_time", "workplace"),
    ("TK", "on_time", "workplace_flex"),
    ("TK", "late", "start"),
    ("TK", "late", "phase1"),
    ("TK", "late", "feedback"),
    ("TK", "late", "certificate"),
    ("TK", "paused", "workplace_closed"),
    ("TK", "paused", "stale_certificate"),
    ("TK", "interrupted", "recent"),
    ("TK", "interrupted", "reported"),
    ("TK", "completed", "recent"),
    ("TK", "completed", "done"),
    ("TV", "starting", "decision"),
    ("TV", "starting", "precontact"),
    ("TV", "on_time", "job_search"),
    ("TV", "on_time", "workplace"),
    ("TV", "on_time", "workplace_flex"),
    ("TV", "late", "start"),
    ("TV", "late", "phase1"),
    ("TV", "late", "feedback"),
    ("TV", "late", "certificate"),
    ("TV", "paused", "employer_delay"),
    ("TV", "paused", "unreported"),
    ("TV", "interrupted", "recent"),
    ("TV", "interrupted", "reported"),
    ("TV", "completed", "recent"),
    ("TV", "completed", "done"),
]
LATE_TEAK = {"TEAK-TK": "start", "TEAK-TV": "feedback", "TEAK-YHD": "precontact"}
for _kind in ("TEAK-TK", "TEAK-TV", "TEAK-YHD"):
    PLAN += [
        (_kind, "starting", "precontact"),
        (_kind, "on_time", "workplace"),
        (_kind, "late", LATE_TEAK[_kind]),
        (_kind, "paused", "employer_delay"),
        (_kind, "interrupted", "reported"),
        (_kind, "completed", "done"),
    ]
PLAN += [
    ("TAITO", "starting", "decision"),
    ("TAITO", "starting", "precontact"),
    ("TAITO", "on_time", "group"),
    ("TAITO", "on_time", "practice"),
    ("TAITO", "late", "followup"),
    ("TAITO", "late", "feedback"),
    ("TAITO", "paused", "employer_delay"),
    ("TAITO", "interrupted", "reported"),
    ("TAITO", "completed", "followup_due"),
    ("TAITO", "completed", "done"),
    ("TAITO", "on_time", "practice"),
    ("TAITO", "completed", "recent"),
]

# The eight clients of the first demo keep their names and identity codes.
FIRST_CLIENTS = [
    ("Matti", "Virtanen", dt.date(1988, 4, 2), 913, "fi"),
    ("Liisa", "Nieminen", dt.date(1975, 11, 23), 928, "fi"),
    ("Juha", "Mäkinen", dt.date(1993, 7, 9), 931, "fi"),
    ("Kaisa", "Hämäläinen", dt.date(2001, 2, 17), 946, "fi"),
    ("Anders", "Lindholm", dt.date(1969, 9, 30), 952, "sv"),
    ("Tiina", "Salminen", dt.date(1984, 12, 5), 967, "fi"),
    ("Pekka", "Laine", dt.date(1979, 5, 14), 974, "fi"),
    ("Emma", "Koivisto", dt.date(1998, 8, 26), 989, "fi"),
]
FINNISH_FIRST = [
    "Antti", "Elina", "Jari", "Johanna", "Kari", "Katja", "Lauri", "Minna", "Niko", "Outi",
    "Petri", "Riikka", "Sami", "Satu", "Tero", "Tuula", "Ville", "Hanna", "Eero", "Noora",
    "Janne", "Marjut", "Harri", "Paula", "Teemu", "Anu", "Markku", "Sirpa", "Joonas", "Heidi",
    "Aleksi", "Sari", "Mervi", "Olli", "Inka", "Raimo", "Laura", "Tommi",
]  # fmt: skip
FINNISH_LAST = [
    "Korhonen", "Järvinen", "Heinonen", "Lehtinen", "Saarinen", "Niemi", "Kinnunen",
    "Turunen", "Salonen", "Rantanen", "Laaksonen", "Karjalainen", "Jokinen", "Lahtinen",
    "Koskinen", "Peltonen", "Hiltunen", "Vainio", "Aaltonen", "Leino", "Mattila", "Suominen",
    "Seppälä", "Heikkilä", "Kallio", "Nurmi", "Lindroos", "Ojala", "Rinne", "Manninen",
    "Hakala", "Väisänen", "Tuominen", "Kivelä", "Laitinen", "Sjöblom", "Grönroos", "Eskola",
]  # fmt: skip
SWEDISH = [
    ("Johan", "Nyström"), ("Maria", "Lindqvist"), ("Erik", "Holmberg"), ("Karin", "Sundström"),
    ("Mikael", "Westerlund"), ("Ulla", "Björkman"), ("Fredrik", "Åberg"),
]  # fmt: skip
STREETS = {
    "Porin tiimi": [
        ("Itäpuisto", "28100 Pori"), ("Antinkatu", "28100 Pori"), ("Isolinnankatu", "28100 Pori"),
        ("Satakunnankatu", "28130 Pori"), ("Mikonkatu", "28100 Pori"),
        ("Herralahdenkatu", "28130 Pori"),
    ],
    "Rauman tiimi": [
        ("Kuninkaankatu", "26100 Rauma"), ("Nortamonkatu", "26100 Rauma"),
        ("Savilankatu", "26100 Rauma"), ("Pohjoiskatu", "26100 Rauma"),
        ("Hakunintie", "26200 Rauma"), ("Lensunkatu", "26100 Rauma"),
    ],
}  # fmt: skip
EMPLOYERS = [
    ("Porin Puutyö Oy", "open_market"), ("Satakunnan Kiinteistöhuolto Oy", "open_market"),
    ("Rauman Telakkapalvelu Oy", "open_market"), ("Kauppa Lähimarket Oy", "open_market"),
    ("Porin Seudun Kierrätys ry", "organisation_paid_work_prospect"),
    ("Länsirannikon Logistiikka Oy", "open_market"), ("Kahvila Kultainen Kuppi", "open_market"),
    ("Rauman Autokorjaamo Oy", "open_market"),
]  # fmt: skip
INTERRUPTION_REASONS = [
    "Kuntoutus keskeytyy: terveydentila heikentynyt, kuntoutus ei ole nyt tarkoituksenmukaista.",
    "Kuntoutus keskeytyy: asiakas sai vakituisen työpaikan.",
    "Kuntoutus keskeytyy: sopivaa työkokeilupaikkaa ei löytynyt.",
    "Kuntoutus keskeytyy: asiakas aloittaa ammatillisen koulutuksen.",
]


def days_target(service: str, received: dt.date) -> int | None:
    """The rehabilitation days a demo decision grants (``decision.granted_days``) and the
    demo realises: the ``granted_days`` parameter in force on ``received``. Its TEAK-TK
    value is not yet known (null), so a TEAK-TK decision grants what a TEAK-TV one does;
    Taito has no granted days."""
    if service == "TAITO":
        return None
    days = param("granted_days", received, service).value
    if days is None and service == "TEAK-TK":
        days = param("granted_days", received, "TEAK-TV").value
    return int(days) if days is not None else None


@dataclass
class DemoClient:
    first_name: str
    last_name: str
    birth_date: dt.date
    individual_number: int
    language: str
    coach: str
    team: str
    address: str
    service: str
    state: str
    note: str
    case: dict[str, Any] = field(repr=False)

    @property
    def identity_code(self) -> str:
        return make_identity_code(self.birth_date, self.individual_number)

    @property
    def case_id(self) -> str:
        return str(self.case["id"])


def _people(rng: random.Random) -> Iterator[tuple[str, str, dt.date, int, str]]:
    """Names and identity codes: the first demo's eight, then seeded Finnish and Swedish."""
    used = {(born, number) for _f, _l, born, number, _lang in FIRST_CLIENTS}
    names = {(first, last) for first, last, _b, _n, _lang in FIRST_CLIENTS}
    yield from FIRST_CLIENTS
    swedish = list(SWEDISH)
    index = 0
    while True:
        born = dt.date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        number = rng.randint(900, 999)
        if (born, number) in used:
            continue
        if index % 7 == 3 and swedish:
            name, language = swedish.pop(0), "sv"
        else:
            name, language = (rng.choice(FINNISH_FIRST), rng.choice(FINNISH_LAST)), "fi"
            if name in names:
                continue
        used.add((born, number))
        names.add(name)
        index += 1
        yield name[0], name[1], born, number, language


def demo_clients(today: dt.date, seed: int = SEED) -> list[DemoClient]:
    """The demo's clients, each with one case, for loading on ``today``."""
    people_rng = random.Random(seed)
    people = _people(people_rng)
    coaches = list(COACHES)
    counters: dict[str, int] = {}
    clients = []
    for index, (service, state, variant) in enumerate(PLAN):
        first, last, born, number, language = next(people)
        coach = coaches[index % len(coaches)]
        team = COACHES[coach][2]
        street, town = STREETS[team][index % len(STREETS[team])]
        counters[service] = counters.get(service, 0) + 1
        case_id = f"DEMO-{service}-{counters[service]:02d}"
        case = _build(
            today, f"{seed}:{case_id}", case_id, service, state, variant,
            coach=coach, office=OFFICES[team], employer=EMPLOYERS[index % len(EMPLOYERS)],
        )  # fmt: skip
        clients.append(
            DemoClient(
                first_name=first,
                last_name=last,
                birth_date=born,
                individual_number=number,
                language=language,
                coach=coach,
                team=team,
                address=f"{street} {3 + index % 29}, {town}",
                service=service,
                state=state,
                note=variant,
                case=case,
            )
        )
    return clients


# Shifts (days) tried in turn until a case shows its state on ``today``: public holidays
# and weekends move the dates, so a fixed span does not always end where it should.
SHIFTS = (0, 7, -7, 14, -14, 21, -21, 28, -28, 42, -42, 56)


def _build(
    today: dt.date, seed: str, case_id: str, service: str, state: str, variant: str, **kw: Any
) -> dict[str, Any]:
    case: dict[str, Any] = {}
    for shift in SHIFTS:
        builder = _Builder(today=today, rng=random.Random(seed), service=service, shift=shift, **kw)
        case = builder.build(case_id, state, variant)
        if shows_state(case, state, today):
            return case
    raise RuntimeError(f"{case_id}: no dates show the state {state} on {today}")


# Rules whose violation means a deadline was missed: what makes a case "late".
DEADLINE_RULES = frozenset(
    {"START.DEADLINE", "PRECONTACT.DEADLINE", "PHASE1.DEADLINE", "FEEDBACK.DEADLINE",
     "CERT.MISSING", "TAITO.FOLLOWUP"}
)  # fmt: skip


def shows_state(case: dict[str, Any], state: str, today: dt.date) -> bool:
    """Whether ``case`` is in ``state`` on ``today`` (the definitions in the module doc)."""
    events = case["events"]
    end = next((e for e in events if e["type"] == "end"), None)
    findings = evaluate(parse_case(case), today).findings
    severities = {f.severity for f in findings}
    if state in ("starting", "on_time", "paused") and end is not None:
        return False
    if state == "starting":
        return not any(e["type"] in ("meeting", "rehab_day") for e in events)
    if state == "on_time":
        return "violation" not in severities and any(e["type"] == "meeting" for e in events)
    if state == "paused":
        return any(
            e["type"] == "pause" and e["from"] <= today.isoformat() <= e.get("to", "9999")
            for e in events
        )
    if state == "late":
        return any(f.severity == "violation" and f.rule in DEADLINE_RULES for f in findings)
    if state == "interrupted":
        return end is not None and end["reason"] == "interrupted"
    if state == "completed":
        feedback = any(e["type"] == "feedback" and e.get("kind") != "followup" for e in events)
        return (
            end is not None
            and end["reason"] == "completed"
            and feedback
            and "violation" not in severities
        )
    raise ValueError(f"unknown state {state!r}; one of {', '.join(STATES)}")


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _next_working_day(day: dt.date) -> dt.date:
    while not cal.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _previous_working_day(day: dt.date) -> dt.date:
    while not cal.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _group_monday(day: dt.date, weeks: int, first_weekday: int) -> dt.date:
    """The first Monday after ``day`` from which ``weeks`` weeks of four consecutive group
    days (from ``first_weekday``) fall on no public holiday."""
    monday = _monday_after(day)
    while any(
        not cal.is_working_day(monday + dt.timedelta(weeks=w, days=first_weekday + d))
        for w in range(weeks)
        for d in range(4)
    ):
        monday += dt.timedelta(weeks=1)
    return monday


def _monday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday())


@dataclass
class _Builder:
    """Builds one case's events; ``stop`` is the last day anything has happened."""

    today: dt.date
    rng: random.Random
    service: str
    coach: str
    office: str
    employer: tuple[str, str]
    shift: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)

    # --- helpers ----------------------------------------------------------------------

    @property
    def teak(self) -> bool:
        return self.service.startswith("TEAK")

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def meeting(self, day: dt.date, phase: str, **fields: Any) -> None:
        event: dict[str, Any] = {"type": "meeting", "date": _iso(day), "phase": phase}
        event.setdefault("kind", "individual")
        event.update(fields)
        event.setdefault("mode", "face_to_face")
        if event["mode"] == "face_to_face" and "place" not in event:
            event["place"] = "provider_office"
        if event.get("place") == "provider_office" and event["mode"] == "face_to_face":
            event["office"] = self.office
        event.setdefault("minutes", 60)
        self.events.append(event)

    def ongoing_certificates(self, start: dt.date) -> None:
        """Monthly certificates, then one for the current month up to a few days ago."""
        covered = self.certificates(start, self.today - dt.timedelta(days=2))
        until = self.today - dt.timedelta(days=self.rng.randint(2, 5))
        if until > covered:
            self.last_certificate(covered + dt.timedelta(days=1), until, until + dt.timedelta(1))

    def certificates(self, start: dt.date, stop: dt.date, *, made_after: int = 2) -> dt.date:
        """Monthly participation certificates for ``start``..``stop``, each made a few days
        after its period ends (none for a period that ends after ``stop``); returns the last
        day covered."""
        name, phone, _team = COACHES[self.coach]
        period_start = start
        while True:
            period_end = cal.add_months(period_start, 1) - dt.timedelta(days=1)
            if period_end > stop:
                return period_start - dt.timedelta(days=1)
            self.events.append(
                {
                    "type": "certificate",
                    "date": _iso(min(period_end + dt.timedelta(days=made_after), self.today)),
                    "from": _iso(period_start),
                    "to": _iso(period_end),
                    "author_name": name,
                    "author_phone": phone,
                }
            )
            period_start = period_end + dt.timedelta(days=1)

    def last_certificate(self, start: dt.date, end: dt.date, made: dt.date) -> None:
        name, phone, _team = COACHES[self.coach]
        self.events.append(
            {"type": "certificate", "date": _iso(made), "from": _iso(start), "to": _iso(end),
             "author_name": name, "author_phone": phone}
        )  # fmt: skip

    def rehab_days(
        self,
        start: dt.date,
        count: int,
        stop: dt.date,
        *,
        per_week: int = 5,
        sick_at: int | None = None,
        skip: tuple[dt.date, dt.date] | None = None,
        **fields: Any,
    ) -> tuple[dt.date, int]:
        """Up to ``count`` rehabilitation days on working days from ``start`` until
        ``stop``; returns the last day and how many were made. ``sick_at``: a sickness
        absence of a few days instead of the ``sick_at``-th day; ``skip``: a pause."""
        day, made, last, week_count, week = start, 0, start, 0, cal.week_monday(start)
        paid = self.service == "TV"
        while made < count and day <= stop:
            if cal.week_monday(day) != week:
                week, week_count = cal.week_monday(day), 0
            if skip and skip[0] <= day <= skip[1]:
                day += dt.timedelta(days=1)
                continue
            if cal.is_working_day(day) and week_count < per_week:
                if sick_at is not None and made == sick_at:
                    length = self.rng.randint(2, 4)
                    reasons = ["sickness", "sickness", "other"]
                    if self.service == "TV":
                        reasons.append("annual_leave")
                    self.events.append(
                        {"type": "absence", "from": _iso(day),
                         "to": _iso(day + dt.timedelta(days=length - 1)),
                         "reason": self.rng.choice(reasons)}
                    )  # fmt: skip
                    sick_at = None
                    day += dt.timedelta(days=length)
                    continue
                hours = self.rng.choice([6, 6, 6.5, 7])
                event: dict[str, Any] = {
                    "type": "rehab_day", "date": _iso(day), "hours": hours,
                    "workplace_hours": hours - 1,
                }  # fmt: skip
                if paid:
                    event["paid_work"] = True
                event.update(fields)
                self.events.append(event)
                made += 1
                week_count += 1
                last = day
            day += dt.timedelta(days=1)
        return last, made

    def workplace_meetings(self, start: dt.date, stop: dt.date, every: int = 1) -> None:
        """A workplace visit in every ``every``-th week with rehabilitation days (TK: the
        first within 3 days of the start, never two video calls in a row)."""
        days = sorted(
            dt.date.fromisoformat(e["date"])
            for e in self.events
            if e["type"] == "rehab_day" and start <= dt.date.fromisoformat(e["date"]) <= stop
        )
        weeks: dict[dt.date, dt.date] = {}
        for day in days:
            weeks.setdefault(cal.week_monday(day), day)
        video = False
        for number, day in enumerate(sorted(weeks.values())):
            if number % every:
                continue
            use_video = self.service == "TK" and not video and self.rng.random() < 0.3
            if use_video:
                self.meeting(day, "workplace", kind="workplace_visit", mode="video", minutes=30)
            else:
                self.meeting(
                    day, "workplace", kind="workplace_visit", place="workplace", minutes=45,
                    employer_present=self.rng.random() < 0.5,
                )  # fmt: skip
            video = use_video

    def practice_visits(self, start: dt.date, last: dt.date) -> None:
        """Taito work practice: a phone call every week, 9 visits (4 at the workplace with
        the employer, 1 network negotiation by video, the others at the office)."""
        kinds: list[dict[str, Any]] = [
            {"kind": "workplace_visit", "place": "workplace", "employer_present": True},
            {},
            {"kind": "workplace_visit", "place": "workplace", "employer_present": True},
            {"kind": "network", "mode": "video", "employer_present": True},
            {},
            {"kind": "workplace_visit", "place": "workplace", "employer_present": True},
            {},
            {"kind": "workplace_visit", "place": "workplace", "employer_present": True},
            {},
        ]
        monday = cal.week_monday(start)
        week = 0
        while monday <= last:
            call = _next_working_day(max(monday, start))
            if call <= last:
                self.meeting(call, "practice", kind="phone_contact", mode="phone", minutes=15)
            visit = _next_working_day(monday + dt.timedelta(days=2))
            if week < len(kinds) and start < visit <= last:
                self.meeting(visit, "practice", minutes=60, **kinds[week])
                week += 1
            monday += dt.timedelta(weeks=1)

    def notice(self, day: dt.date, topic: str) -> None:
        self.events.append({"type": "kela_notice", "date": _iso(day), "topic": topic})

    # --- the case ---------------------------------------------------------------------

    def build(self, case_id: str, state: str, variant: str) -> dict[str, Any]:
        if self.service == "TAITO":
            received = self.taito(state, variant)
        elif self.teak:
            received = self.teak_case(state, variant)
        else:
            received = self.phased(state, variant)
        self.round2(case_id, state, variant, received)
        # Kela gave the decision a few days before it arrived (the waiting time runs from it).
        given = received - dt.timedelta(days=2 + sum(map(ord, case_id)) % 5)
        decision: dict[str, Any] = {
            "received": _iso(received),
            "given": _iso(given),
            "first_decision": True,
        }
        granted = days_target(self.service, received)
        if granted is not None:
            decision["granted_days"] = granted
        if self.service == "TAITO":
            decision["medical_statement_b"] = _iso(received - dt.timedelta(days=40))
        self.events.sort(key=lambda e: (e.get("date") or e.get("from"), e["type"]))
        return {
            "format": "luotsi-case/1",
            "id": case_id,
            "service": self.service,
            "decision": decision,
            "events": self.events,
        }

    def round2(self, case_id: str, state: str, variant: str, received: dt.date) -> None:
        """The entries of rules round 2 (issue 15), so a newcomer sees each kind: added
        after the case is built and without the random generator, so every case's other
        events (and its state) stay as they were."""
        events = self.events
        held = sorted(e["date"] for e in events if e["type"] in ("meeting", "rehab_day"))
        first = dt.date.fromisoformat(held[0]) if held else None
        end = next((e for e in events if e["type"] == "end"), None)
        if self.teak and first is not None:  # TEAK.INVITATION: the letter before the start
            contact = min(e["date"] for e in events if e["type"] == "precontact")
            letter = min(dt.date.fromisoformat(contact) + dt.timedelta(days=2), first)
            events.append({"type": "invitation_letter", "date": _iso(letter)})
        if self.service != "TAITO" and end is not None and end["reason"] == "completed":
            made = max(dt.date.fromisoformat(end["date"]) - dt.timedelta(days=7), first or received)
            events.append(
                {"type": "vocational_plan", "date": _iso(made),
                 "summary": "Jatko alalla osa-aikatyönä; haku syksyn koulutukseen."}
            )  # fmt: skip
        for event in events:
            if self.teak and event["type"] == "feedback" and event.get("kind") != "followup":
                event["attachments"] = ["GAS", "KU5"]  # FEEDBACK.ATTACHMENTS
            if event["type"] == "rehab_day" and self.service in ("TK", "TV"):
                event["travel_minutes"] = 20 + 10 * (dt.date.fromisoformat(event["date"]).day % 4)
        days = [e for e in events if e["type"] == "rehab_day"]
        key = (self.service, state, variant)
        if key == ("TK", "starting", "decision"):  # DEADLINE.INTERPRETER
            events.append(
                {"type": "no_interpreter", "from": _iso(received + dt.timedelta(days=1)),
                 "note": "Viittomakielen tulkkia ei saatu tulkkikeskuksesta ennen kuukauden "
                         "loppua."}
            )  # fmt: skip
        elif key == ("TK", "on_time", "workplace") and days:  # PROCESS.STEP_SKIPPED, to report
            events.append(
                {"type": "step_skipped", "date": days[-1]["date"],
                 "step": "Työpaikkakäynti", "reason": "Asiakas sairaalahoidossa koko viikon."}
            )  # fmt: skip
        elif key == ("TV", "on_time", "workplace") and days:  # KELA.NOTIFY other_work
            days[-1]["client_worked"] = True
        elif key == ("TEAK-TV", "on_time", "workplace") and first is not None:  # TEAK.LIGHT
            events.append(
                {"type": "light_approach", "date": _iso(first + dt.timedelta(days=5)),
                 "reason": "Jaksaminen: kevennetty työote kolmeksi viikoksi."}
            )  # fmt: skip
        elif key == ("TEAK-YHD", "interrupted", "reported") and end is not None:
            # CLIENT.CANNOT_COMMIT, reported to Kela with the interruption
            events.append(
                {"type": "cannot_commit",
                 "date": _iso(dt.date.fromisoformat(end["date"]) - dt.timedelta(days=3)),
                 "reason": "Asiakas ei pysty sitoutumaan viiteen päivään viikossa."}
            )  # fmt: skip
        elif key == ("TV", "completed", "done") and len(days) > 20:  # skipped and reported
            day = dt.date.fromisoformat(days[-20]["date"])
            events.append(
                {"type": "step_skipped", "date": _iso(day), "step": "Verkostotapaaminen",
                 "reason": "Työnantajan edustaja ei päässyt; asiakas ei halunnut siirtää."}
            )  # fmt: skip
            self.notice(day + dt.timedelta(days=2), "Verkostotapaaminen jäi toteutumatta.")

    # TK and TV: planning and job search (phase 1), then the workplace phase.

    def phased(self, state: str, variant: str) -> dt.date:
        rng = self.rng
        if state == "starting":
            received = self.ago(rng.randint(8, 11))
            if variant == "precontact":
                self.events.append(
                    {"type": "precontact", "date": _iso(received + dt.timedelta(days=2))}
                )
            return received
        if state == "late" and variant == "start":
            received = self.ago(rng.randint(18, 24))
            self.events.append({"type": "precontact", "date": _iso(received + dt.timedelta(3))})
            return received
        # How long ago the first meeting was, by state.
        span = {
            "on_time": {"planning": 12, "job_search": 20, "workplace": 60,
                        "workplace_flex": 75}.get(variant, 60),
            "late": {"phase1": 40, "feedback": 140, "certificate": 65}.get(variant, 60),
            "paused": 70,
            "interrupted": {"recent": 50, "reported": 95}.get(variant, 60),
            "completed": {"recent": 125, "done": 190}.get(variant, 150),
        }[state]  # fmt: skip
        if self.service == "TV" and state in ("late", "completed"):  # 95 days take longer
            span = {"feedback": 224, "recent": 206, "done": 250}.get(variant, span)
        elif self.service == "TV" and state == "interrupted":
            span += 60
        first = _next_working_day(self.ago(span + self.shift))
        received = first - dt.timedelta(days=rng.randint(5, 11))
        self.events.append({"type": "precontact", "date": _iso(received + dt.timedelta(2))})
        # Phase 1: planning and job search within a month of the first meeting.
        phase1_end = cal.add_months(first, 1)
        day = first
        meetings = [("planning", 90), ("planning", 60), ("job_search", 60), ("job_search", 60)]
        if state == "late" and variant == "phase1":
            meetings.append(("job_search", 60))  # held after the one-month deadline
        stop_phase1 = self.today
        for number, (phase, minutes) in enumerate(meetings):
            if day > stop_phase1:
                break
            mode = "video" if number == 2 and rng.random() < 0.5 else "face_to_face"
            self.meeting(day, phase, mode=mode, minutes=minutes)
            day = _next_working_day(day + dt.timedelta(days=rng.randint(5, 7)))
            if state == "late" and variant == "phase1" and number == 3:
                day = _next_working_day(phase1_end + dt.timedelta(days=3))
        if state == "late" and variant == "phase1":
            # No workplace found: the workplace phase has not started, Kela not yet told.
            self.ongoing_certificates(first)
            return received
        workplace_start = _previous_working_day(phase1_end - dt.timedelta(days=rng.randint(1, 4)))
        if workplace_start > self.today:
            self.ongoing_certificates(first)
            return received
        employer, kind = self.employer
        if self.service == "TV":
            kind = "open_market"
        workplace: dict[str, Any] = {
            "type": "workplace", "from": _iso(workplace_start), "employer": employer,
            "kind": kind,
        }  # fmt: skip
        if self.service == "TV":
            workplace["paid"] = True
        self.events.append(workplace)
        self.events.append({"type": "phase", "date": _iso(workplace_start), "phase": "workplace"})
        target = days_target(self.service, received)
        assert target is not None
        per_week = 5
        if variant == "workplace_flex" or self.service == "TV":
            per_week = 3 if variant == "workplace_flex" else 4
        if variant == "workplace_flex":
            self.events.append(
                {"type": "flex", "from": _iso(workplace_start),
                 "to": _iso(cal.add_months(workplace_start, 2)), "days_per_week": 3,
                 "hours_per_day": 6, "reason": "capacity"}
            )  # fmt: skip
        pause = None
        end_reason = None
        end_day = None
        if state == "paused":
            pause_from = _next_working_day(self.ago(rng.randint(4, 8)))
            pause = (pause_from, pause_from + dt.timedelta(days=rng.randint(13, 20)))
            reason = {"TK": "workplace_closed", "TV": "employer_delay"}[self.service]
            if variant == "stale_certificate":
                reason = "employer_delay"
            self.events.append(
                {"type": "pause", "from": _iso(pause[0]), "to": _iso(pause[1]), "reason": reason}
            )  # fmt: skip
            if variant in ("workplace_closed", "employer_delay"):
                self.notice(pause[0], "Jaksotus: työpaikka ei voi ottaa asiakasta tauon ajaksi.")
        if state == "interrupted":
            end_day = _next_working_day(self.ago(5 if variant == "recent" else 30))
            end_reason = "interrupted"
        stop = end_day or self.today
        if state in ("completed", "late") and variant in ("recent", "done", "feedback"):
            stop = self.today
        last, made = self.rehab_days(
            workplace_start, target, stop - dt.timedelta(days=1), per_week=per_week,
            sick_at=rng.randint(8, 20), skip=pause,
        )  # fmt: skip
        completed = made >= target
        self.workplace_meetings(
            workplace_start, last - dt.timedelta(days=1), every=2 if self.service == "TV" else 1
        )
        if completed:
            end_day = last
            end_reason = "completed"
            self.meeting(
                last - dt.timedelta(days=rng.randint(5, 9)), "workplace", kind="network",
                place="network_premises", minutes=60,
            )  # fmt: skip
            self.meeting(
                last, "workplace", kind="final_discussion", place="workplace", minutes=60,
                employer_present=True,
            )  # fmt: skip
        if end_day is not None and end_reason is not None:
            self.events.append({"type": "end", "date": _iso(end_day), "reason": end_reason})
            self.finish(first, end_day, end_reason, state, variant)
        else:
            if variant == "certificate":  # none for the workplace phase
                phase1_last = workplace_start - dt.timedelta(days=1)
                self.last_certificate(first, phase1_last, workplace_start)
            elif variant == "stale_certificate" and pause is not None:
                # Certified in advance for a period the pause then fell into.
                covered = self.certificates(first, pause[0] - dt.timedelta(days=12))
                made = covered + dt.timedelta(days=1)
                self.last_certificate(made, pause[0] + dt.timedelta(days=20), made)
                self.events[-1]["includes_future"] = True
            else:
                self.ongoing_certificates(first)
        return received

    def finish(
        self, first: dt.date, end_day: dt.date, reason: str, state: str, variant: str
    ) -> None:
        """Certificates to the end, the network meeting, the Kela notice and the feedback."""
        rng = self.rng
        covered = self.certificates(first, end_day)
        last_day = end_day
        network = _next_working_day(end_day + dt.timedelta(days=6))
        phased = not self.teak and self.service != "TAITO"
        if reason == "interrupted" and variant != "recent" and phased:
            last_day = network  # the network meeting after the interruption is certified too
        if covered < last_day:
            made = min(last_day + dt.timedelta(days=2), self.today)
            self.last_certificate(covered + dt.timedelta(days=1), last_day, made)
        if reason == "interrupted":
            topic = INTERRUPTION_REASONS[rng.randrange(len(INTERRUPTION_REASONS))]
            self.notice(end_day, topic)
            if variant == "recent":
                return  # network meeting and short feedback still due
            if phased:
                self.meeting(
                    network, "workplace", kind="network", place="network_premises", minutes=60
                )
            self.events.append(
                {"type": "feedback", "date": _iso(end_day + dt.timedelta(days=10)),
                 "kind": "short"}
            )  # fmt: skip
            return
        if state == "late" and variant == "feedback":
            return  # the feedback report was never sent
        sent = min(end_day + dt.timedelta(days=rng.randint(5, 12)), self.today)
        self.events.append({"type": "feedback", "date": _iso(sent), "kind": "full"})

    # TEAK: advance contact, first day within 28 days, rehabilitation days with meetings.

    def teak_case(self, state: str, variant: str) -> dt.date:
        rng = self.rng
        if state == "starting":
            received = self.ago(rng.randint(9, 12))
            self.events.append(
                {"type": "precontact", "date": _iso(received + dt.timedelta(days=4))}
            )
            return received
        if state == "late" and variant == "precontact":
            received = self.ago(rng.randint(17, 20))  # no advance contact within 14 days
            return received
        if state == "late" and variant == "start":
            received = self.ago(rng.randint(32, 36))
            self.events.append(
                {"type": "precontact", "date": _iso(received + dt.timedelta(days=6))}
            )
            return received
        span = {
            "on_time": 50, "late": 120, "paused": 45, "interrupted": 70, "completed": 175,
        }[state]  # fmt: skip
        if self.service == "TEAK-YHD":
            span = {"on_time": 100, "late": 200, "completed": 260}.get(state, span)
        first = _next_working_day(self.ago(span + self.shift))
        received = first - dt.timedelta(days=rng.randint(14, 24))
        self.events.append({"type": "precontact", "date": _iso(received + dt.timedelta(5))})
        self.meeting(first, "planning", minutes=90)
        employer, kind = self.employer
        workplace_start = _next_working_day(first + dt.timedelta(days=14))
        target = days_target(self.service, received)
        assert target is not None
        pause = None
        end_day = None
        end_reason = None
        if state == "paused":
            pause_from = _next_working_day(self.ago(rng.randint(5, 9)))
            pause = (pause_from, pause_from + dt.timedelta(days=rng.randint(14, 28)))
            self.events.append(
                {"type": "pause", "from": _iso(pause[0]), "to": _iso(pause[1]),
                 "reason": "employer_delay", "interim_tasks": True}
            )  # fmt: skip
            self.notice(pause[0], "Jaksotus: työnantaja siirsi työjakson alkua.")
        if state == "interrupted":
            end_day = _next_working_day(self.ago(25))
            end_reason = "interrupted"
        stop = (end_day or self.today) - dt.timedelta(days=1)
        independent = self.service == "TEAK-TV"
        last, made = self.rehab_days(
            first, min(10, target), min(stop, workplace_start - dt.timedelta(days=1)),
            skip=pause,
        )  # fmt: skip
        if independent:  # a few independent days, planned ahead, the coach in contact
            for event in [e for e in self.events if e["type"] == "rehab_day"][-3:]:
                event["independent"] = True
        if workplace_start <= stop:
            self.events.append(
                {"type": "workplace", "from": _iso(workplace_start), "employer": employer,
                 "kind": kind}
            )  # fmt: skip
            self.events.append(
                {"type": "phase", "date": _iso(workplace_start), "phase": "workplace"}
            )
            last, more = self.rehab_days(
                workplace_start, target - made, stop, skip=pause,
                per_week=4 if self.service == "TEAK-YHD" else 5, sick_at=rng.randint(10, 25),
            )  # fmt: skip
            made += more
            day = workplace_start
            while day <= last:
                mode = "video" if rng.random() < 0.3 else "face_to_face"
                if mode == "video":
                    self.meeting(day, "workplace", mode="video", minutes=45)
                else:
                    self.meeting(
                        day, "workplace", kind="workplace_visit", place="workplace", minutes=45
                    )
                day = _next_working_day(day + dt.timedelta(days=rng.choice([7, 14])))
        if made >= target:
            end_day, end_reason = last, "completed"
            self.meeting(last, "workplace", kind="final_discussion", place="workplace")
        if end_day is not None and end_reason is not None:
            self.events.append({"type": "end", "date": _iso(end_day), "reason": end_reason})
            self.finish(first, end_day, end_reason, state, variant)
        else:
            self.ongoing_certificates(first)
        return received

    # Taito: start visits, a 4+4+4 group period, work practice, final group, follow-ups.

    def taito(self, state: str, variant: str) -> dt.date:
        rng = self.rng
        if state == "starting":
            received = self.ago(rng.randint(5, 12))
            if variant == "precontact":
                self.events.append(
                    {"type": "precontact", "date": _iso(received + dt.timedelta(days=3))}
                )
            return received
        # Days from the start phase to today, by state.
        span = {
            "on_time": {"group": 22, "practice": 75}.get(variant, 75),
            "late": {"followup": 270, "feedback": 150}.get(variant, 200),
            "paused": 70,
            "interrupted": 90,
            "completed": {"followup_due": 170, "done": 330, "recent": 140}.get(variant, 200),
        }[state]  # fmt: skip
        start = _next_working_day(self.ago(span + self.shift))
        received = start - dt.timedelta(days=rng.randint(10, 20))
        self.events.append({"type": "precontact", "date": _iso(received + dt.timedelta(3))})
        self.events.append({"type": "phase", "date": _iso(start), "phase": "start"})
        day = start
        for _ in range(3):
            if day > self.today:
                break
            self.meeting(day, "start", minutes=60)
            day = _next_working_day(day + dt.timedelta(days=rng.randint(2, 4)))
        stop = self.today - dt.timedelta(days=1)
        end_day = None
        if state == "interrupted":
            end_day = _next_working_day(self.ago(20))
            stop = end_day
        first_weekday = rng.choice([0, 1])
        group_monday = _group_monday(day, 3, first_weekday)
        last = start
        for week in range(3):
            for offset in range(4):
                group_day = group_monday + dt.timedelta(weeks=week, days=first_weekday + offset)
                if group_day <= stop:
                    self.events.append(
                        {"type": "rehab_day", "date": _iso(group_day), "group": True,
                         "hours": 6, "workplace_hours": 0}
                    )  # fmt: skip
                    last = group_day
        practice = group_monday + dt.timedelta(weeks=3)
        pause = None
        if practice <= stop:
            employer, kind = self.employer
            self.events.append({"type": "phase", "date": _iso(practice), "phase": "practice"})
            self.events.append(
                {"type": "workplace", "from": _iso(practice), "employer": employer,
                 "kind": kind}
            )  # fmt: skip
            if state == "paused":
                pause_from = _next_working_day(self.ago(rng.randint(4, 7)))
                pause_from = min(max(pause_from, practice + dt.timedelta(days=7)), self.today)
                pause = (pause_from, pause_from + dt.timedelta(days=14))
                self.events.append(
                    {"type": "pause", "from": _iso(pause[0]), "to": _iso(pause[1]),
                     "reason": "employer_delay"}
                )  # fmt: skip
                self.notice(pause[0], "Työharjoittelu tauolla: työpaikan remontti.")
            target = rng.randint(52, 60)
            last, _made = self.rehab_days(practice, target, stop, skip=pause)
            self.practice_visits(practice, last)
        if state == "interrupted":
            assert end_day is not None
            self.events.append({"type": "end", "date": _iso(end_day), "reason": "interrupted"})
            self.finish(start, end_day, "interrupted", state, variant)
            return received
        final = _group_monday(last, 1, first_weekday)
        if (
            state in ("on_time", "paused")
            or practice > stop
            or final + dt.timedelta(days=first_weekday + 3) > stop
        ):
            self.ongoing_certificates(start)
            return received
        monday = cal.week_monday(last) + dt.timedelta(weeks=1)
        while monday < final:  # weeks between practice and a holiday-delayed final group
            self.meeting(
                _next_working_day(monday), "practice", kind="phone_contact", mode="phone",
                minutes=15,
            )  # fmt: skip
            monday += dt.timedelta(weeks=1)
        self.events.append({"type": "phase", "date": _iso(final), "phase": "final"})
        for offset in range(4):
            group_day = final + dt.timedelta(days=first_weekday + offset)
            self.events.append(
                {"type": "rehab_day", "date": _iso(group_day), "group": True, "hours": 6,
                 "workplace_hours": 0}
            )  # fmt: skip
        end = final + dt.timedelta(days=first_weekday + 3)
        self.events.append({"type": "end", "date": _iso(end), "reason": "completed"})
        self.finish(start, end, "completed", state, variant)
        if state == "late" and variant == "followup":
            return received  # no follow-up visit within 3 months of the final group
        first_followup = end + dt.timedelta(days=rng.randint(60, 85))
        if first_followup <= self.today:
            self.meeting(first_followup, "followup", mode="video", minutes=60)
            self.last_certificate(first_followup, first_followup, first_followup)
            second = end + dt.timedelta(days=rng.randint(150, 175))
            if second <= self.today:
                self.meeting(second, "followup", minutes=60)
                self.last_certificate(second, second, second)
                report = second + dt.timedelta(days=rng.randint(4, 10))
                if report <= self.today:
                    self.events.append(
                        {"type": "feedback", "date": _iso(report), "kind": "followup"}
                    )
        return received
