"""The staff register's rules: TEAM.MIN_COACHES, STAFF.FIRST_AID, STAFF.TRAINING,
STAFF.WORK_PAIR.

Pure functions over a snapshot of the register (``Register``) and an evaluation date.
Every rule looks at each working day (Mon–Fri, not a Finnish public holiday) from the
evaluation date to ``staff_lookahead_days`` ahead, counts who is available that day
(absences counted) and reports each run of days below the minimum as one finding: a
``violation`` when the run has begun on the evaluation date, ``due`` (due on its first
day) when it lies ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from luotsi.rules import calendar as cal
from luotsi.rules.findings import Finding, Severity
from luotsi.rules.params import ParamValue, param

COACH = "coach"
FIRST_AID = "first_aid"
TEAM_SERVICES = frozenset({"TK", "TV"})

SOURCES = {
    "TEAM.MIN_COACHES": "001 Loma-ajan ohjeistus; 000 Loma-ajan ohjeistus",
    "STAFF.FIRST_AID": "001 Tarkastettavat asiat (asiakasturvallisuus: ensiapuvalmius); "
    "001 TEAK auditointihavainnot (EA-koulutuksen puutteet)",
    "STAFF.TRAINING": "001 Tarkastettavat asiat (henkilöstö: koulutukset)",
    "STAFF.WORK_PAIR": "001 TEAK auditointihavainnot (Työparin puuttuminen)",
}


@dataclass(frozen=True, slots=True)
class Absence:
    """A member is away (holiday, sickness, training) from ``start`` to ``end`` inclusive."""

    start: dt.date
    end: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Training:
    """A completed training; ``valid_until`` None: it does not expire."""

    kind: str
    name: str
    completed_on: dt.date
    valid_until: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.completed_on <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True, slots=True)
class Member:
    """One staff member as the rules see them (offices and teams by name)."""

    name: str
    roles: frozenset[str] = frozenset()
    services: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    absences: tuple[Absence, ...] = ()
    trainings: tuple[Training, ...] = ()
    active_from: dt.date | None = None
    active_until: dt.date | None = None

    def available_on(self, day: dt.date) -> bool:
        if self.active_from is not None and day < self.active_from:
            return False
        if self.active_until is not None and day > self.active_until:
            return False
        return not any(a.covers(day) for a in self.absences)

    def has_valid(self, kind: str, day: dt.date) -> bool:
        return any(t.kind == kind and t.valid_on(day) for t in self.trainings)


@dataclass(frozen=True, slots=True)
class Register:
    """An organisation's staff register on one day: members, teams and offices."""

    members: tuple[Member, ...] = ()
    teams: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()


def first_aid_valid_until(completed_on: dt.date) -> dt.date:
    """The last day a first-aid training completed on ``completed_on`` is valid."""
    years = param("first_aid_valid_years", completed_on).value
    return cal.add_months(completed_on, 12 * years) - dt.timedelta(days=1)


def working_days(on: dt.date) -> list[dt.date]:
    """The working days the staff rules look at from ``on``."""
    horizon = param("staff_lookahead_days", on).value
    days = (on + dt.timedelta(days=i) for i in range(horizon + 1))
    return [d for d in days if cal.is_working_day(d)]


def _runs(
    days: Iterable[dt.date], short: Callable[[dt.date], int | None]
) -> Iterator[tuple[dt.date, dt.date, int]]:
    """Maximal runs of consecutive (working) days on which ``short`` gives a count: the
    first day, the last day and the smallest count of the run."""
    start: dt.date | None = None
    last: dt.date | None = None
    lowest = 0
    for day in days:
        count = short(day)
        if count is None:
            if start is not None and last is not None:
                yield start, last, lowest
            start = None
            continue
        if start is None:
            start, lowest = day, count
        lowest = min(lowest, count)
        last = day
    if start is not None and last is not None:
        yield start, last, lowest


def _gap(
    rule: str,
    key: str,
    on: dt.date,
    start: dt.date,
    end: dt.date,
    params: list[ParamValue],
    **args: object,
) -> Finding:
    begun = start <= on
    return Finding(
        rule=rule,
        severity="violation" if begun else "due",
        key=key,
        source=SOURCES[rule],
        due=None if begun else start,
        date=start,
        args=tuple(sorted({"start": start.isoformat(), "end": end.isoformat(), **args}.items())),
        params=tuple(params),
    )


def min_coaches(register: Register, on: dt.date) -> list[Finding]:
    """TEAM.MIN_COACHES: every team serving TK or TV has at least ``team_min_coaches``
    coaches available on every working day (absences counted)."""
    minimum = param("team_min_coaches", on)
    days = working_days(on)
    findings: list[Finding] = []
    for team in register.teams:
        members = [m for m in register.members if team in m.teams]
        if not any(m.services & TEAM_SERVICES for m in members):
            continue  # not a TK/TV team
        coaches = [m for m in members if COACH in m.roles and m.services & TEAM_SERVICES]

        def short(day: dt.date, coaches: list[Member] = coaches) -> int | None:
            count = sum(1 for m in coaches if m.available_on(day))
            return count if count < minimum.value else None

        for start, end, lowest in _runs(days, short):
            findings.append(
                _gap(
                    "TEAM.MIN_COACHES",
                    "TEAM.MIN_COACHES.short",
                    on,
                    start,
                    end,
                    [minimum],
                    team=team,
                    count=lowest,
                    minimum=minimum.value,
                )
            )
    return findings


def first_aid(register: Register, on: dt.date) -> list[Finding]:
    """STAFF.FIRST_AID: at every office, on every opening (working) day, someone working
    there and present has a valid first-aid training."""
    days = working_days(on)
    validity = param("first_aid_valid_years", on)
    findings: list[Finding] = []
    for office in register.offices:
        staff = [m for m in register.members if office in m.offices]

        def short(day: dt.date, staff: list[Member] = staff) -> int | None:
            ready = any(m.available_on(day) and m.has_valid(FIRST_AID, day) for m in staff)
            return None if ready else 0

        for start, end, _lowest in _runs(days, short):
            findings.append(
                _gap(
                    "STAFF.FIRST_AID",
                    "STAFF.FIRST_AID.missing",
                    on,
                    start,
                    end,
                    [validity],
                    office=office,
                )
            )
    return findings


def training_due(register: Register, on: dt.date) -> list[Finding]:
    """STAFF.TRAINING: each member's latest training of each kind that expires within
    ``training_due_days`` is due (on its last valid day); one that has expired is a
    warning (readiness itself is STAFF.FIRST_AID's)."""
    window = param("training_due_days", on)
    findings: list[Finding] = []
    for member in register.members:
        latest: dict[str, Training] = {}
        for training in member.trainings:
            held = latest.get(training.kind)
            if held is None or training.completed_on > held.completed_on:
                latest[training.kind] = training
        for training in latest.values():
            until = training.valid_until
            if until is None:
                continue
            args = {"member": member.name, "training": training.name, "expires": until.isoformat()}
            severity: Severity
            if until < on:
                severity, key, due = "warning", "STAFF.TRAINING.expired", None
            elif (until - on).days <= window.value:
                severity, key, due = "due", "STAFF.TRAINING.expiring", until
            else:
                continue
            findings.append(
                Finding(
                    rule="STAFF.TRAINING",
                    severity=severity,
                    key=key,
                    source=SOURCES["STAFF.TRAINING"],
                    due=due,
                    date=until,
                    args=tuple(sorted(args.items())),
                    params=(window,),
                )
            )
    return findings


def work_pair(register: Register, on: dt.date) -> list[Finding]:
    """STAFF.WORK_PAIR: for each service that needs a work pair, every office where it is
    delivered has at least two of its staff available on every working day."""
    setting = param("work_pair_services", on)
    minimum = int(setting.value["minimum"])
    days = working_days(on)
    findings: list[Finding] = []
    for service in setting.value["services"]:
        for office in register.offices:
            staff = [m for m in register.members if service in m.services and office in m.offices]
            if not staff:
                continue  # the service is not delivered at this office

            def short(day: dt.date, staff: list[Member] = staff) -> int | None:
                count = sum(1 for m in staff if m.available_on(day))
                return count if count < minimum else None

            for start, end, lowest in _runs(days, short):
                findings.append(
                    _gap(
                        "STAFF.WORK_PAIR",
                        "STAFF.WORK_PAIR.missing",
                        on,
                        start,
                        end,
                        [setting],
                        service=service,
                        office=office,
                        count=lowest,
                        minimum=minimum,
                    )
                )
    return findings


@dataclass(slots=True)
class StaffEvaluation:
    on: dt.date
    findings: list[Finding] = field(default_factory=list)


STAFF_RULES = (min_coaches, first_aid, training_due, work_pair)


def evaluate_staff(register: Register, on: dt.date) -> StaffEvaluation:
    """Every staff rule's findings on ``on``."""
    result = StaffEvaluation(on=on)
    for rule in STAFF_RULES:
        result.findings.extend(rule(register, on))
    return result
