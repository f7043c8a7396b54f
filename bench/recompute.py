"""Benchmark: the nightly recompute of 10,000 cases by 2 workers on PostgreSQL.

    python bench/recompute.py [--workers 2] [--chunk 1000] [--rebuild] [--build-only]
                              [--database-url URL] [--skip-unreachable]

Builds once (``--rebuild`` starts over), in its own PostgreSQL database —
``luotsi_bench_recompute`` on 127.0.0.1 unless ``--database-url`` or a PostgreSQL
``DATABASE_URL`` says otherwise — the organisation of bench/dashboard.py (200 coaches,
10,000 clients with a case each and their stored findings), and gives every case a
realistic file: bench/run.py's synthetic case of its service (meetings, 40–120
rehabilitation days, pauses, absences, certificates), its decision and events inserted in
bulk. Then queues the night's work as cron does (``luotsi manage recompute_findings``: one
job per ``--chunk`` cases) and starts ``--workers`` ``luotsi worker --batch`` processes
(each runs what is queued, then stops), and times it to completion: from starting the
workers to the last one's exit (their start-up included), and from the first job's start
to the last one's end (the jobs' own rows). Goal (issue 16): ≤ 60 s with 2 workers.
Prints the load average before and after (the machine may be shared).

Not a test: nothing is asserted (exit status 1 when a job failed); exit status 2 when
PostgreSQL cannot be reached (0 with ``--skip-unreachable``, as ``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard
from run import _load, synthetic_case

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/luotsi_bench_recompute"
SERVICES = ["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"]


def give_cases_files() -> int:
    """Every bench case gets a synthetic file of its service (decision and events), in
    bulk; the engine is not run. Returns the number of events inserted."""
    from django.db import connection, transaction

    from luotsi.cases.models import Case, CaseEvent
    from luotsi.cases.service import _event_row
    from luotsi.rules import parse_case

    started = time.perf_counter()
    inserted = 0
    cases = list(Case.objects.order_by("pk"))
    with transaction.atomic():
        batch: list[CaseEvent] = []
        for n, case in enumerate(cases):
            data = synthetic_case(n, [case.service])
            parsed = parse_case(data, source=case.external_id)
            decision = parsed.decision
            statement = decision.medical_statement_b
            case.received = decision.received
            case.granted_days = decision.granted_days
            case.first_decision = decision.first_decision
            case.medical_statement_b = statement if isinstance(statement, dt.date) else None
            case.medical_statement_b_undated = statement is True
            case.applies_allowance = parsed.client.applies_allowance
            case.in_working_life_at_start = parsed.client.in_working_life_at_start
            batch.extend(_event_row(case, i, e) for i, e in enumerate(data["events"]))
            if len(batch) >= 20_000:
                CaseEvent.objects.bulk_create(batch)
                inserted += len(batch)
                batch = []
        CaseEvent.objects.bulk_create(batch)
        inserted += len(batch)
        Case.objects.bulk_update(
            cases,
            [
                "received",
                "granted_days",
                "first_decision",
                "medical_statement_b",
                "medical_statement_b_undated",
                "applies_allowance",
                "in_working_life_at_start",
            ],
            batch_size=2000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"case files: {len(cases)} cases, {inserted} events in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return inserted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=None, help="cases per job (the command's)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--database-url")
    parser.add_argument("--skip-unreachable", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build the data, time nothing")
    args = parser.parse_args(argv)

    url = args.database_url or (
        os.environ["DATABASE_URL"]
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        else DEFAULT_URL
    )
    try:
        dashboard.ensure_database(url, args.rebuild)
    except Exception as exc:
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}): {url}")
        return 0 if args.skip_unreachable else 2
    dashboard.setup_django(url)

    from django.core.management import call_command
    from django.db.models import Max, Min
    from django.utils import timezone

    from luotsi.cases.models import Case, CaseEvent
    from luotsi.cases.service import recompute_findings
    from luotsi.jobs.models import Job, State
    from luotsi.organisations.models import Organisation

    today = timezone.localdate()
    if not Case.objects.filter(external_id="B-00000").exists():
        dashboard.build(today)
    organisation = Organisation.objects.get(name=dashboard.ORGANISATION[0])
    # bench/dashboard.py's business ID has a wrong check digit, and a case file is
    # validated when it is read back (its contract part names the provider).
    Organisation.objects.filter(pk=organisation.pk).update(business_id="2345678-0")
    if not CaseEvent.objects.filter(case__organisation=organisation).exists():
        give_cases_files()
    cases = Case.objects.filter(organisation=organisation)
    events = CaseEvent.objects.filter(case__organisation=organisation).count()
    # Every case must be readable before timing: one in-process recompute of a few.
    for case in cases.select_related("client", "organisation").order_by("pk")[:3]:
        recompute_findings(case, today)
    if args.build_only:
        print(f"built: {cases.count()} cases with {events} events")
        return 0
    Job.objects.all().delete()  # an earlier run's rows
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()

    chunk = ["--chunk", str(args.chunk)] if args.chunk else []
    call_command("recompute_findings", "--on", today.isoformat(), *chunk, verbosity=0)
    jobs = Job.objects.filter(organisation=organisation)
    print(f"load average before: {_load()}")
    print(
        f"{cases.count()} cases with {events} events; {jobs.count()} jobs queued; "
        f"{args.workers} workers"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.ci"}
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "luotsi.cli", "worker", "--batch", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    codes = [w.wait() for w in workers]
    wall = time.perf_counter() - started
    print(f"load average after: {_load()}")
    states = set(jobs.values_list("state", flat=True))
    span = jobs.aggregate(first=Min("started_at"), last=Max("finished_at"))
    failed = jobs.exclude(state=State.DONE).count()
    fresh = cases.filter(evaluated_on=today).count()
    by_worker = set(jobs.values_list("worker_id", flat=True))
    print(
        f"workers' exit codes: {codes}; job states: {sorted(states)}; "
        f"workers used: {len(by_worker)}"
    )
    print(f"cases evaluated today: {fresh} of {cases.count()}")
    jobs_span = (
        (span["last"] - span["first"]).total_seconds() if span["first"] and span["last"] else 0
    )
    print(
        f"recompute of {cases.count()} cases by {args.workers} workers: "
        f"{wall:.1f} s to the workers' exit (start-up included), {jobs_span:.1f} s from the first "
        f"job's start to the last one's end; {cases.count() / max(jobs_span, 0.001):.0f} cases/s "
        f"(goal ≤ 60 s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
