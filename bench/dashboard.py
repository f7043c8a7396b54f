"""Benchmark: the coach dashboard and the organisation-wide due list on PostgreSQL.

    python bench/dashboard.py [--requests 50] [--rebuild] [--database-url URL]

Also times the team lead's page (``clients:team``, a team of 10 coaches and 500 clients)
and the quality manager's figures (``clients:quality``, the whole organisation), whole
requests only.

Builds (once; ``--rebuild`` starts over) in a separate PostgreSQL database — ``luotsi_bench``
on 127.0.0.1, created when missing; ``--database-url`` or a PostgreSQL ``DATABASE_URL``
overrides it — one organisation with 200 coaches in 20 teams, 50 clients and one active
case each (10,000 cases) and a realistic spread of stored findings (``CaseFinding`` rows
inserted in bulk; the engine is not run). Then times, through Django's test client (the
whole request: middleware, session, policy, queries, template, access log), the coach
dashboard of one coach and the first page of the due list of the quality manager; the
views' data functions (``coach_rows``, ``due_rows``: the one query that fetches the rows,
compiled once per user and language by ``luotsi.dashboards.prepared``), called in this
process, both as a repeated request finds them and with the compiled queries forgotten
before each call (``compiling``: the policy's queryset built and compiled, as on a user's
first request to a server process); and the hand-written SQL
(``connection.cursor()``) that fetches the same rows (checked first). Prints p50 and p95 of
each, the load average and the ratios data fetch ÷ SQL and whole request ÷ SQL. Not a
test: nothing is asserted (exit status 1 if the rows differ); exit status 2 when
PostgreSQL cannot be reached (0 with ``--skip-unreachable``, as ``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/luotsi_bench"
ORGANISATION = ("Benchmark Kuntoutus Oy", "7654321-0")
COACHES, CLIENTS_PER_COACH, TEAMS = 200, 50, 20

# (rule, severity, due offset range in days or None, share). About 4.5 findings a case.
FINDING_KINDS = [
    ("CERT.MISSING", "due", (0, 14), 0.9),
    ("START.DEADLINE", "due", (-3, 14), 0.15),
    ("PHASE1.DEADLINE", "due", (-2, 30), 0.35),
    ("WORKPLACE.FIRST_MEETING", "due", (0, 3), 0.1),
    ("FEEDBACK.DEADLINE", "due", (-5, 14), 0.2),
    ("CERT.MISSING", "violation", None, 0.35),
    ("WORKPLACE.WEEKLY", "violation", None, 0.3),
    ("DAY.LENGTH", "violation", None, 0.15),
    ("KELA.NOTIFY", "action", None, 0.2),
    ("CERT.STALE", "action", None, 0.1),
    ("TOTAL.AT_RISK", "warning", None, 0.3),
    ("PAUSE.NO_TASKS", "warning", None, 0.1),
    ("MEETING.MAX", "info", None, 0.5),
    ("DAYS.ON_ABSENCE", "info", None, 0.3),
]


def database_url(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("DATABASE_URL", "")
    return env if env.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


def ensure_database(url: str, rebuild: bool) -> None:
    """Create the database when missing (drop it first with ``rebuild``)."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    maintenance = f"{base}/postgres".replace("postgres://", "postgresql://", 1)
    with psycopg.connect(maintenance, connect_timeout=5) as conn:
        conn.autocommit = True
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "luotsi.conf.settings.ci"  # no debug, test keys
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_managers(org: Any, seed: int = 20261206) -> None:
    """A team lead of the first team (10 coaches, 500 clients) and an acknowledgement of
    about one violation in fifty (so the pages' NOT EXISTS has rows to look at). Made
    once, also in a database built before they existed."""
    from luotsi.accounts.models import Role, RoleAssignment, User
    from luotsi.cases.models import CaseFinding
    from luotsi.dashboards.models import FindingAcknowledgement
    from luotsi.organisations.models import Team

    lead, created = User.objects.get_or_create(
        username="lead",
        defaults={"first_name": "Tiimin", "last_name": "Vetäjä", "organisation": org},
    )
    if created:
        RoleAssignment.objects.create(user=lead, role=Role.TEAM_LEAD)
        lead.teams.add(Team.objects.filter(organisation=org).order_by("pk").first())
    if FindingAcknowledgement.objects.filter(organisation=org).exists():
        return
    rng = random.Random(seed)
    no_date = dt.date(1900, 1, 1)
    seen = set()
    rows = []
    for case_id, rule, date, due, coach_id in CaseFinding.objects.filter(
        case__organisation=org, severity="violation"
    ).values_list("case_id", "rule", "date", "due", "case__client__responsible_coach_id"):
        key = (case_id, rule, date or no_date, due or no_date)
        if key in seen or rng.random() >= 0.02:
            continue
        seen.add(key)
        rows.append(
            FindingAcknowledgement(
                organisation=org, case_id=case_id, rule=rule, finding_date=key[2],
                finding_due=key[3], note="Ilmoitettu Kelalle.", by_id=coach_id,
                by_name="Valmentaja",
            )
        )  # fmt: skip
    FindingAcknowledgement.objects.bulk_create(rows, batch_size=2000)


def _message(rule: str, lang: str, n: int) -> str:
    words = {
        "fi": "Asiakkaan kuntoutuksessa on avoin asia, joka hoidetaan palvelukuvauksen mukaan",
        "sv": "Klientens rehabilitering har en öppen fråga som sköts enligt tjänstebeskrivningen",
        "en": "The client's rehabilitation has an open matter to handle as the description says",
    }[lang]
    return f"{rule}: {words} (kohta {n})."


def build(today: dt.date, seed: int = 20261123) -> None:
    """The organisation, staff, clients, cases and findings, inserted in bulk."""
    from django.db import transaction

    from luotsi.accounts.models import Role, RoleAssignment, User
    from luotsi.cases.models import Case, CaseFinding
    from luotsi.clients.models import Client
    from luotsi.demo.identity import make_identity_code
    from luotsi.organisations.models import Organisation, Team

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        org = Organisation.objects.create(name=ORGANISATION[0], business_id=ORGANISATION[1])
        teams = Team.objects.bulk_create(
            Team(organisation=org, name=f"Tiimi {n + 1}") for n in range(TEAMS)
        )
        coaches = User.objects.bulk_create(
            User(
                username=f"coach{n:03d}",
                first_name="Valmentaja",
                last_name=f"{n:03d}",
                organisation=org,
                password="!",  # noqa: S106 - an unusable password (force_login only)
            )
            for n in range(COACHES)
        )
        quality = User.objects.create(
            username="quality", first_name="Laatu", last_name="Päällikkö", organisation=org
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=c, role=Role.COACH) for c in coaches]
            + [RoleAssignment(user=quality, role=Role.QUALITY_MANAGER)]
        )
        through = User.teams.through
        through.objects.bulk_create(
            through(user_id=c.pk, team_id=teams[n % TEAMS].pk) for n, c in enumerate(coaches)
        )
        clients = []
        for n in range(COACHES * CLIENTS_PER_COACH):
            coach_index = n // CLIENTS_PER_COACH
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=n // 100)
            client = Client(
                organisation=org,
                first_name=f"Etunimi{n}",
                last_name=f"Sukunimi{n:05d}",
                birth_date=birth,
                responsible_coach=coaches[coach_index],
                team=teams[coach_index % TEAMS],
            )
            client.set_identity_code(make_identity_code(birth, 900 + n % 100))
            clients.append(client)
        Client.objects.bulk_create(clients, batch_size=2000)
        services = ["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"]
        cases = Case.objects.bulk_create(
            (
                Case(
                    organisation=org,
                    client=client,
                    service=services[n % len(services)],
                    external_id=f"B-{n:05d}",
                    received=today - dt.timedelta(days=rng.randrange(10, 300)),
                    evaluated_on=today,
                )
                for n, client in enumerate(clients)
            ),
            batch_size=2000,
        )
        findings = []
        for case in cases:
            for rule, severity, due_range, share in FINDING_KINDS:
                if rng.random() >= share:
                    continue
                due = today + dt.timedelta(days=rng.randint(*due_range)) if due_range else None
                happened = today - dt.timedelta(days=rng.randrange(1, 60))
                findings.append(
                    CaseFinding(
                        case=case,
                        rule=rule,
                        severity=severity,
                        due=due,
                        date=None if due else happened,
                        deadline=due,
                        message_fi=_message(rule, "fi", len(findings)),
                        message_sv=_message(rule, "sv", len(findings)),
                        message_en=_message(rule, "en", len(findings)),
                        source="000 Tapaamisten toteutus",
                        evaluated_on=today,
                    )
                )
        CaseFinding.objects.bulk_create(findings, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built: {len(coaches)} coaches, {len(clients)} clients, {len(cases)} cases, "
        f"{len(findings)} findings in {time.perf_counter() - started:.1f} s"
    )


def timed(func: Callable[[], Any], count: int, warmup: int = 5) -> tuple[float, float, float]:
    """p50 and p95 wall time, and p50 CPU time of this process (the Django side without
    PostgreSQL's own work), in milliseconds. CPU time tells less about a busy machine's
    neighbours than wall time does."""
    for _ in range(warmup):
        func()
    wall, cpu = [], []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    ordered = sorted(wall)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, statistics.median(cpu)


# The hand-written SQL that fetches the same rows as the views' data functions
# (``dashboards.views.coach_rows`` and ``due_rows``): the same columns in the same order,
# the message in the UI language only. tests/dashboards/test_raw_sql.py checks that both
# return the same rows, so the benchmark compares like with like.
_ROW_SQL = """
SELECT f.rule, f.severity, f.due, f.date, f.deadline, f.{message}, f.source,
       c.id, c.external_id, c.service, cl.id, cl.first_name, cl.last_name{extra}
  FROM cases_casefinding f
  JOIN cases_case c ON c.id = f.case_id
  JOIN clients_client cl ON cl.id = c.client_id{join}
 WHERE c.organisation_id = %s AND cl.organisation_id = %s{where}
   AND f.severity IN ('violation', 'due', 'action', 'warning')
   AND NOT (f.severity = 'violation' AND EXISTS (
       SELECT 1 FROM dashboards_findingacknowledgement a
        WHERE a.case_id = f.case_id AND a.rule = f.rule
          AND a.finding_date = COALESCE(f.date, '1900-01-01')
          AND a.finding_due = COALESCE(f.due, '1900-01-01')))
 ORDER BY f.due ASC NULLS LAST, f.date ASC NULLS LAST, f.id
"""
_MESSAGE = {"fi": "message_fi", "sv": "message_sv", "en": "message_en"}


def coach_sql(lang: str) -> str:
    """A coach's own clients' shown findings (the coach's week)."""
    return _ROW_SQL.format(
        message=_MESSAGE[lang],
        extra=", f.evaluated_on",
        join="",
        where=" AND cl.responsible_coach_id = %s",
    )


def due_sql(lang: str) -> str:
    """The first page (50) of the organisation's shown findings (a quality manager's due
    list), with the responsible coach's names."""
    return (
        _ROW_SQL.format(
            message=_MESSAGE[lang],
            extra=", u.first_name, u.last_name, u.username",
            join="\n  LEFT JOIN accounts_user u ON u.id = cl.responsible_coach_id",
            where="",
        )
        + " LIMIT 50"
    )


def coach_sql_rows(connection: Any, organisation_id: int, coach_id: int, lang: str) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(coach_sql(lang), [organisation_id, organisation_id, coach_id])
        return cursor.fetchall()


def due_sql_rows(connection: Any, organisation_id: int, lang: str) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(due_sql(lang), [organisation_id, organisation_id])
        return cursor.fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--skip-unreachable",
        action="store_true",
        help="exit 0 with a note when PostgreSQL cannot be reached (make bench)",
    )
    args = parser.parse_args(argv)
    url = database_url(args.database_url)
    try:
        ensure_database(url, args.rebuild)
    except Exception as exc:
        print(f"PostgreSQL is not reachable at {url}: {exc}", file=sys.stderr)
        if args.skip_unreachable:
            print("Skipping the dashboard benchmark.", file=sys.stderr)
            return 0
        return 2
    setup_django(url)

    from django.db import connection
    from django.db.models import prefetch_related_objects
    from django.test import Client as HttpClient
    from django.urls import reverse
    from django.utils import timezone

    from luotsi.accounts.models import User
    from luotsi.dashboards import prepared
    from luotsi.dashboards.views import DUE_PAGE_SIZE, coach_rows, due_rows
    from luotsi.organisations.models import Organisation

    today = timezone.localdate()
    if not Organisation.objects.filter(business_id=ORGANISATION[1]).exists():
        build(today)
    org = Organisation.objects.get(business_id=ORGANISATION[1])
    ensure_managers(org)
    coach = User.objects.get(username="coach100")
    quality = User.objects.get(username="quality")
    lead = User.objects.get(username="lead")
    # As the views do: the roles are loaded once per request, before the data query.
    prefetch_related_objects([coach, quality], "role_assignments")
    lang = "fi"  # the default UI language, as the test client's requests get

    http = HttpClient(HTTP_HOST="localhost")
    results: dict[str, tuple[float, float, float]] = {}
    load_before = os.getloadavg()

    def page(user: Any, name: str) -> Callable[[], Any]:
        def get() -> None:
            response = http.get(url)
            assert response.status_code == 200, response.status_code

        http.force_login(user)
        url = reverse(name)
        return get

    coach_count = len(coach_rows(coach, lang))
    checks = [
        (coach_rows(coach, lang), coach_sql_rows(connection, org.pk, coach.pk, lang)),
        (
            list(due_rows(quality, lang)[:DUE_PAGE_SIZE]),
            due_sql_rows(connection, org.pk, lang),
        ),
    ]
    for orm_rows, sql_rows in checks:  # the same rows, or the comparison means nothing
        if [tuple(r) for r in orm_rows] != [tuple(r) for r in sql_rows]:
            print("the data function and the SQL return different rows", file=sys.stderr)
            return 1

    n = args.requests
    results["coach: whole request"] = timed(page(coach, "clients:dashboard"), n)
    results["coach: data fetch"] = timed(lambda: coach_rows(coach, lang), n)
    results["coach: data fetch, compiling"] = timed(
        lambda: (prepared.clear(), coach_rows(coach, lang)), n
    )
    results["coach: hand-written SQL"] = timed(
        lambda: coach_sql_rows(connection, org.pk, coach.pk, lang), n
    )
    results["due list p1: whole request"] = timed(page(quality, "clients:due_list"), n)
    results["due list p1: data fetch"] = timed(
        lambda: list(due_rows(quality, lang)[:DUE_PAGE_SIZE]), n
    )
    results["due list p1: data fetch, compiling"] = timed(
        lambda: (prepared.clear(), list(due_rows(quality, lang)[:DUE_PAGE_SIZE])), n
    )
    results["due list p1: hand-written SQL"] = timed(
        lambda: due_sql_rows(connection, org.pk, lang), n
    )
    # The managers' pages: counted in SQL (no row-level comparison; nothing to compare
    # against but the same aggregate written by hand).
    from luotsi.dashboards.months import last_months
    from luotsi.dashboards.quality import figures
    from luotsi.dashboards.team import caseload

    prefetch_related_objects([lead], "role_assignments")
    results["team lead page: whole request"] = timed(page(lead, "clients:team"), n)
    results["team lead page: data (3 queries)"] = timed(lambda: caseload(lead, today), n)
    results["quality page: whole request"] = timed(page(quality, "clients:quality"), n)
    months = last_months(today)
    results["quality page: data (1 query)"] = timed(
        lambda: figures(quality, ("violation",), months), n
    )

    from luotsi.cases.models import CaseFinding
    from luotsi.dashboards.models import FindingAcknowledgement

    total = CaseFinding.objects.filter(case__organisation=org).count()
    acknowledged = FindingAcknowledgement.objects.filter(organisation=org).count()
    load_after = os.getloadavg()
    print(
        f"PostgreSQL {connection.pg_version}, {n} requests each; the coach has "
        f"{CLIENTS_PER_COACH} cases and {coach_count} findings to show; the organisation has "
        f"{total} stored findings ({acknowledged} violations acknowledged); the team lead's "
        f"team has {COACHES // TEAMS} coaches and {COACHES // TEAMS * CLIENTS_PER_COACH} clients"
    )
    print("targets (p95): coach ≤ 150 ms, team lead ≤ 150 ms, due list and quality ≤ 500 ms")
    print(
        "load average (1/5/15 min): before "
        + "/".join(f"{x:.1f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.1f}" for x in load_after)
    )
    print(f"{'measure':40} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8}")
    for label, (p50, p95, cpu) in results.items():
        print(f"{label:40} {p50:8.2f} {p95:8.2f} {cpu:8.2f}")
    for view in ("coach", "due list p1"):
        sql = results[f"{view}: hand-written SQL"]
        fetch = results[f"{view}: data fetch"]
        cold = results[f"{view}: data fetch, compiling"]
        whole = results[f"{view}: whole request"]
        print(
            f"{view}: data fetch / SQL = {fetch[0] / sql[0]:.2f}× (p50), "
            f"{fetch[1] / sql[1]:.2f}× (p95); compiling first: {cold[0] / sql[0]:.2f}× (p50), "
            f"{cold[1] / sql[1]:.2f}× (p95); whole request / SQL = "
            f"{whole[0] / sql[0]:.1f}× (p50), {whole[1] / sql[1]:.1f}× (p95)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
