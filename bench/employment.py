"""Benchmark: the employment officer's due list ("Ajankohtaiset") at 10,000 jobseekers.

    python bench/employment.py [--requests 50] [--rebuild] [--database-url URL]

Builds (once; ``--rebuild`` starts over) in its own PostgreSQL database —
``luotsi_bench_employment`` on 127.0.0.1, created when missing; ``--database-url`` or a
PostgreSQL ``DATABASE_URL`` overrides it — one employment area with the seed's proportions:
5,000 adults in multi-sector services (34 officers, about 146 each), 3,000 in the youth team
(25 officers, 120 each) and 2,000 in the integration team (16 officers, 125 each), one TYM
plan for every tenth, and a realistic spread of stored findings (``JobseekerFinding`` rows
inserted in bulk; the rules are not run). Then times, through Django's test client (the
whole request: middleware, session, policy, queries, template, access log), the due list
of an adults' officer (their unit's 5,000 jobseekers), of the same list filtered to one
kind of deadline, of the manager (all 10,000) and of the county's TYM worker (the TYM
clients). Prints p50 and p95 of each and the load average. Not a test: nothing is asserted;
exit status 2 when PostgreSQL cannot be reached (0 with ``--skip-unreachable``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard import ensure_database, setup_django, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/luotsi_bench_employment"
AREA = ("Benchmark työllisyysalue", "0204819-8")
# unit kind, name, officers, jobseekers
UNITS = [
    ("adults", "Monialaiset palvelut (yli 30 v)", 34, 5000),
    ("youth", "Nuorten tiimi", 25, 3000),
    ("integration", "Koto-tiimi", 16, 2000),
]
# (rule, severity, due offset range in days or None, share): about 2 findings a jobseeker
FINDING_KINDS = [
    ("TYM.PLAN", "due", (0, 60), 0.1),
    ("TYM.PLAN", "violation", None, 0.03),
    ("KUTY.PLAN_CONTENT", "due", (0, 90), 0.15),
    ("KUTY.PLAN_CONTENT", "action", None, 0.05),
    ("KOTO.PLAN", "due", (0, 90), 0.08),
    ("YOUTH.ROUTE", "due", (0, 30), 0.06),
    ("YOUTH.ROUTE", "violation", None, 0.03),
    ("CONSULT.CONSENT", "due", (0, 14), 0.1),
    ("TYM.REFERRAL", "action", None, 0.05),
    ("KELA.ELIGIBILITY", "action", None, 0.03),
    ("UNEMPLOYED", "warning", None, 0.05),
]


def database_url(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("DATABASE_URL", "")
    return env if env.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


def build(today: dt.date, seed: int = 18) -> None:
    """The area, units, officers, jobseekers, TYM plans and findings, inserted in bulk."""
    from django.db import connection, transaction

    from luotsi.accounts.models import Role, RoleAssignment, User
    from luotsi.clients.models import Client
    from luotsi.demo.identity import make_identity_code
    from luotsi.employment.models import Jobseeker, JobseekerFinding, TymPlan, Unit
    from luotsi.organisations.models import Organisation

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        org = Organisation.objects.create(name=AREA[0], business_id=AREA[1], kind="employment_area")
        manager = User.objects.create(username="manager", last_name="Esihenkilö", organisation=org)
        county = User.objects.create(
            username="county", last_name="Hyvinvointialue", organisation=org
        )
        roles = [
            RoleAssignment(user=manager, role=Role.EMPLOYMENT_MANAGER),
            RoleAssignment(user=county, role=Role.COUNTY_TYM_WORKER),
        ]
        jobseekers = []
        n = 0
        for kind, name, officer_count, count in UNITS:
            unit = Unit.objects.create(organisation=org, name=name, kind=kind)
            officers = User.objects.bulk_create(
                User(
                    username=f"{kind}{i:02d}",
                    first_name="Virkailija",
                    last_name=f"{i:02d}",
                    organisation=org,
                    password="!",  # noqa: S106 - an unusable password (force_login only)
                )
                for i in range(officer_count)
            )
            roles += [RoleAssignment(user=o, role=Role.EMPLOYMENT_OFFICER) for o in officers]
            unit.members.add(*officers)
            clients = []
            for _ in range(count):
                birth = dt.date(1965 if kind != "youth" else 1998, 1, 1) + dt.timedelta(
                    days=n // 90
                )
                client = Client(
                    organisation=org,
                    first_name=f"Etunimi{n}",
                    last_name=f"Sukunimi{n:05d}",
                    birth_date=birth,
                )
                client.set_identity_code(make_identity_code(birth, 900 + n % 90))
                clients.append(client)
                n += 1
            Client.objects.bulk_create(clients, batch_size=2000)
            jobseekers += Jobseeker.objects.bulk_create(
                (
                    Jobseeker(
                        client=c,
                        organisation=org,
                        unit=unit,
                        responsible_officer=officers[i % officer_count],
                        job_search_start=today - dt.timedelta(days=rng.randrange(30, 700)),
                        evaluated_on=today,
                    )
                    for i, c in enumerate(clients)
                ),
                batch_size=2000,
            )
        RoleAssignment.objects.bulk_create(roles)
        TymPlan.objects.bulk_create(
            (
                TymPlan(
                    jobseeker=js,
                    date=today - dt.timedelta(days=rng.randrange(10, 200)),
                    with_county=True,
                    with_kela=i % 3 == 0,
                )
                for i, js in enumerate(jobseekers)
                if i % 10 == 0
            ),
            batch_size=2000,
        )
        findings = []
        for js in jobseekers:
            for rule, severity, due_range, share in FINDING_KINDS:
                if rng.random() >= share:
                    continue
                due = today + dt.timedelta(days=rng.randint(*due_range)) if due_range else None
                text = f"{rule}: avoin asia, joka hoidetaan lain mukaan ({len(findings)})."
                findings.append(
                    JobseekerFinding(
                        jobseeker=js,
                        organisation=org,
                        client_id=js.client_id,
                        rule=rule,
                        severity=severity,
                        due=due,
                        date=None if due else today - dt.timedelta(days=rng.randrange(1, 60)),
                        message_fi=text,
                        message_sv=text,
                        message_en=text,
                        source="002",
                        evaluated_on=today,
                    )
                )
        JobseekerFinding.objects.bulk_create(findings, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built: {len(jobseekers)} jobseekers, {len(findings)} findings "
        f"in {time.perf_counter() - started:.1f} s"
    )


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
            print("Skipping the employment benchmark.", file=sys.stderr)
            return 0
        return 2
    setup_django(url)

    from django.db import connection
    from django.test import Client as HttpClient
    from django.urls import reverse
    from django.utils import timezone

    from luotsi.accounts.models import User
    from luotsi.employment.models import Jobseeker, JobseekerFinding
    from luotsi.organisations.models import Organisation

    today = timezone.localdate()
    if not Organisation.objects.filter(business_id=AREA[1], kind="employment_area").exists():
        build(today)
    http = HttpClient(HTTP_HOST="localhost")
    officer = User.objects.get(username="adults07")
    manager = User.objects.get(username="manager")
    county = User.objects.get(username="county")

    def page(user: Any, path: str) -> Any:
        def get() -> None:
            response = http.get(path)
            assert response.status_code == 200, response.status_code

        http.force_login(user)
        return get

    def data(user: Any) -> Any:
        """The due list's data queries alone (the findings in reach, the page's rows), as the
        view makes them: what PostgreSQL does for one request."""
        from django.db.models import prefetch_related_objects

        from luotsi.access import policy
        from luotsi.employment.views import due_order

        prefetch_related_objects([user], "role_assignments")

        def run() -> None:
            findings = JobseekerFinding.objects.filter(
                organisation_id=user.organisation_id,
                severity__in=("violation", "due", "action"),
                client__in=policy.employment_clients_for(user, "list", "all"),
            )
            keys = sorted(
                findings.order_by().values_list("pk", "rule", "due", "date"), key=due_order
            )
            ids = [k[0] for k in keys[:50]]
            JobseekerFinding.objects.select_related("jobseeker__client").in_bulk(ids)

        return run

    dashboard = reverse("clients:employment_dashboard")
    n = args.requests
    load_before = os.getloadavg()
    results = {
        "officer (unit of 5,000): due list": timed(page(officer, dashboard), n),
        "officer: the data queries only": timed(data(officer), n),
        "officer: plan reviews only": timed(page(officer, dashboard + "?group=plan_reviews"), n),
        "officer: page 20": timed(page(officer, dashboard + "?page=20"), n),
        "manager (10,000): due list": timed(page(manager, dashboard), n),
        "manager: the data queries only": timed(data(manager), n),
        "county TYM worker: due list": timed(page(county, dashboard), n),
    }
    load_after = os.getloadavg()
    print(
        f"PostgreSQL {connection.pg_version}, {n} requests each; "
        f"{Jobseeker.objects.count()} jobseekers, {JobseekerFinding.objects.count()} findings"
    )
    print(
        "load average (1/5/15 min): before "
        + "/".join(f"{x:.1f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.1f}" for x in load_after)
    )
    print(f"{'measure':40} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8}")
    for label, (p50, p95, cpu) in results.items():
        print(f"{label:40} {p50:8.2f} {p95:8.2f} {cpu:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
