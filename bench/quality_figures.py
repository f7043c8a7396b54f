"""Benchmark: the quality figures (``/quality/figures/``) over 10,000 cases on PostgreSQL.

    python bench/quality_figures.py [--requests 50] [--rebuild] [--database-url URL]

Builds (once; ``--rebuild`` starts over) in its own PostgreSQL database —
``luotsi_bench_quality`` on 127.0.0.1, created when missing; ``--database-url`` or a
PostgreSQL ``DATABASE_URL`` overrides it — the dashboard benchmark's organisation
(``bench/dashboard.py``: 10,000 cases with about 4.5 stored findings each, inserted in
bulk; the engine is not run), with its 20 teams spread over three offices and an ``end``
event on a third of the cases. Then times ``luotsi.quality.figures.cells`` (the three
grouped queries) called in this process, and the whole request through Django's test
client (middleware, session, policy, queries, tables, SVG charts, template) for the
figures page over twelve months, and the XLSX export. Prints p50 and p95 and the load
average. Not a test: nothing is asserted; exit status 2 when PostgreSQL cannot be
reached (0 with ``--skip-unreachable``, as ``make bench`` runs it). The goal: p95 ≤ 500 ms
(docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import Any

from dashboard import ORGANISATION, build, database_url, ensure_database, setup_django, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/luotsi_bench_quality"
OFFICES = ("Pori", "Rauma", "Turku")


def add_offices_and_ends(org: Any) -> None:
    from django.db import transaction

    from luotsi.cases.models import Case, CaseEvent
    from luotsi.organisations.models import Office, Team

    with transaction.atomic():
        offices = [
            Office.objects.create(
                organisation=org, name=name, street_address="Katu 1", postal_code="28100", city=name
            )
            for name in OFFICES
        ]
        for n, team in enumerate(Team.objects.filter(organisation=org).order_by("pk")):
            team.office = offices[n % len(offices)]
            team.save(update_fields=["office"])
        ids = Case.objects.filter(organisation=org).order_by("pk").values_list("pk", "received")
        CaseEvent.objects.bulk_create(
            (
                CaseEvent(case_id=pk, type="end", date=received + dt.timedelta(days=90), data={})
                for n, (pk, received) in enumerate(ids)
                if n % 3 == 0
            ),
            batch_size=5000,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--skip-unreachable", action="store_true")
    args = parser.parse_args(argv)
    url = args.database_url or (
        os.environ["DATABASE_URL"]
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        else DEFAULT_URL
    )
    url = database_url(url)
    try:
        ensure_database(url, args.rebuild)
    except Exception as exc:
        print(f"PostgreSQL is not reachable at {url}: {exc}", file=sys.stderr)
        if args.skip_unreachable:
            print("Skipping the quality figures benchmark.", file=sys.stderr)
            return 0
        return 2
    setup_django(url)

    from django.test import Client as HttpClient
    from django.urls import reverse
    from django.utils import timezone

    from luotsi.accounts.models import User
    from luotsi.cases.models import Case
    from luotsi.organisations.models import Organisation
    from luotsi.quality import figures
    from luotsi.quality.figures_views import default_start

    today = timezone.localdate()
    if not Organisation.objects.filter(business_id=ORGANISATION[1]).exists():
        build(today)
        add_offices_and_ends(Organisation.objects.get(business_id=ORGANISATION[1]))
    org = Organisation.objects.get(business_id=ORGANISATION[1])
    quality = User.objects.get(username="quality")
    start = default_start(today)
    filters = figures.Filters(start=start, end=today.replace(day=1))
    cases = Case.objects.filter(organisation=org).count()
    counted = figures.total(figures.cells(org, filters)).cases
    http = HttpClient(HTTP_HOST="localhost")
    http.force_login(quality)
    query = f"?start={start.isoformat()}&end={today.isoformat()}"
    page_url = reverse("quality:figures") + query
    export_url = reverse("quality:figures_export") + query

    def get(address: str) -> Any:
        def call() -> None:
            response = http.get(address)
            assert response.status_code == 200, response.status_code

        return call

    load_before = os.getloadavg()
    results = {
        "figures.cells (3 queries)": timed(lambda: figures.cells(org, filters), args.requests),
        "GET /quality/figures/": timed(get(page_url), args.requests),
        "GET /quality/figures/export.xlsx": timed(get(export_url), args.requests),
    }
    load_after = os.getloadavg()
    print(f"{cases} cases in the organisation, {counted} in the twelve months shown")
    for name, (p50, p95, cpu) in results.items():
        print(f"{name:36s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   cpu p50 {cpu:7.1f} ms")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
