"""The batched recompute (``service.recompute_batch``, the nightly jobs' step) stores
exactly what the case-by-case path (``service.recompute_findings``) stores, in a few
queries a batch however many cases it holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from luotsi.access.models import AccessLogEntry, ChangeLogEntry
from luotsi.cases import service
from luotsi.cases.models import Case, CaseFinding
from luotsi.cases.workspace import UNMARKED

pytestmark = pytest.mark.django_db

FIELDS = [f.name for f in CaseFinding._meta.fields if f.name not in ("id", "case")]


def stored() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every stored finding row by row (in the order stored) and every case's counters."""
    findings = list(CaseFinding.objects.order_by("case_id", "pk").values_list("case_id", *FIELDS))
    counters = list(Case.objects.order_by("pk").values_list("pk", "counters", "evaluated_on"))
    return findings, counters


def forget() -> None:
    CaseFinding.objects.all().delete()
    Case.objects.update(counters={}, evaluated_on=None)


@pytest.mark.parametrize("days_ahead", [0, 45])
def test_the_batches_store_the_same_rows_as_the_case_by_case_path(demo, days_ahead):
    on = timezone.localdate() + dt.timedelta(days=days_ahead)
    forget()
    for case in Case.objects.select_related("client", "organisation").order_by("pk"):
        service.recompute_findings(case, on)
    one_by_one = stored()
    findings, counters = one_by_one
    # A realistic set: many rules and severities, the workspace's own findings included.
    assert len(counters) == Case.objects.count() >= 60
    assert len({row[1] for row in findings}) >= 10
    assert {"violation", "due"} <= {row[2] for row in findings}
    if days_ahead:
        assert any(row[1] == UNMARKED for row in findings)
    assert all(c for _, c, _ in counters)

    forget()
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    size = 7  # batches that cut the organisation anywhere
    evaluated = sum(
        service.recompute_batch(ids[i : i + size], on) for i in range(0, len(ids), size)
    )
    assert evaluated == len(ids)
    assert stored() == one_by_one


def test_a_batch_replaces_the_old_findings_and_reads_in_a_fixed_number_of_queries(demo):
    on = timezone.localdate() + dt.timedelta(days=45)
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    service.recompute_batch(ids[:5], on - dt.timedelta(days=30))
    access, changes = AccessLogEntry.objects.count(), ChangeLogEntry.objects.count()
    for size in (5, 40):
        with CaptureQueriesContext(connection) as queries:
            assert service.recompute_batch(ids[:size], on) == size
        statements = [q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries]
        # The cases (with clients), organisations, offices, events, planned meetings.
        assert statements.count("SELECT") == 5
        assert statements.count("DELETE") == 1
        assert statements.count("UPDATE") == 1
    # Only the batch's cases, none left at the old date; nothing else touched.
    assert set(
        CaseFinding.objects.filter(case_id__in=ids[:40]).values_list("evaluated_on", flat=True)
    ) == {on}
    assert not CaseFinding.objects.filter(case_id__in=ids[40:], evaluated_on=on).exists()
    # The nightly recompute reads no client's record for a person: as case by case, it
    # writes no access or change log rows.
    assert (AccessLogEntry.objects.count(), ChangeLogEntry.objects.count()) == (access, changes)


def test_cases_gone_since_they_were_listed_are_skipped(demo):
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))[:3]
    assert service.recompute_batch([*ids, max(ids) + 10_000]) == 3
    assert service.recompute_batch([]) == 0
