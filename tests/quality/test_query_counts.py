"""The quality pages make the same number of queries whatever the number of audits,
findings, plans and staff findings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luotsi.organisations.models import Office
from luotsi.quality import selfmonitoring as sm
from luotsi.quality import service as audits

VISIT = dt.date(2026, 3, 10)


def add_audit(world, n: int) -> None:
    audit = audits.save_audit(
        None, world.org, visited_on=VISIT + dt.timedelta(days=n), auditors="K", scope="S"
    )
    finding = audits.add_finding(None, audit, kind="minor", area="staff", description="x")
    audits.add_action(None, finding, description="y", owner=world.coach)


@pytest.mark.parametrize("name", ["quality:home", "quality:audits", "quality:self_monitoring"])
def test_the_number_of_queries_does_not_grow(
    client, world, name, django_assert_max_num_queries
) -> None:
    offices = [
        Office.objects.create(
            organisation=world.org,
            name=f"T{n}",
            street_address="Katu 1",
            postal_code="28100",
            city="Pori",
        )
        for n in range(2)
    ]
    add_audit(world, 0)
    sm.new_plan_version(None, offices[0])
    client.force_login(world.quality_manager)
    url = reverse(name)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for n in range(1, 6):
        add_audit(world, n)
    for n in range(2, 6):
        office = Office.objects.create(
            organisation=world.org,
            name=f"T{n}",
            street_address="Katu 1",
            postal_code="28100",
            city="Pori",
        )
        sm.new_plan_version(None, office)
        sm.save_report(
            None, office, period_start=dt.date(2026, 1, 1), observations="o", measures="m"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
