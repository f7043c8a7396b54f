"""PostgreSQL only: two billing runs of the same month at the same time never bill a unit
twice and give no server error; the triggers keep approved invoices and billed units."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from luotsi.billing import service
from luotsi.billing.models import BilledUnit, Invoice
from luotsi.cases import service as cases
from tests.billing.test_service import ON, PRICES, case_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and triggers of PostgreSQL")


@pytest.fixture
def billing(world):
    service.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    for n, client in enumerate([world.own_client, world.other_coach_client]):
        cases.import_case(None, world.org, client, case_data(f"C-00{n + 1}"), on=ON)
    return world


def test_two_simultaneous_runs_bill_each_unit_once(billing):
    _postgres_only()
    start = threading.Barrier(2)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(user) -> None:
        try:
            http = Client()
            http.force_login(user)
            start.wait(timeout=30)
            response = http.post(reverse("billing:approve"), {"month": "2026-03"})
            statuses.append(response.status_code)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(user,))
        for user in (billing.billing, billing.quality_manager)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert statuses == [302, 302]  # one run billed, the other was told: no server error
    assert sorted(Invoice.objects.values_list("number", flat=True)) == ["1", "2"]
    units = BilledUnit.objects.filter(active=True)
    keys = list(units.values_list("case_id", "unit", "date", "seq"))
    assert len(keys) == len(set(keys)) == 10


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE billing_invoice SET total = 1",
        "UPDATE billing_invoice SET state = 'paid'",  # approved → paid skips sending
        "DELETE FROM billing_billedunit",
        "UPDATE billing_billedunit SET date = date + 1",
    ],
)
def test_the_database_keeps_approved_invoices(billing, statement):
    _postgres_only()
    service.approve_month(billing.billing, billing.org, "2026-03", ON)
    with (
        pytest.raises(DatabaseError, match="luotsi"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    with connection.cursor() as cursor:  # an allowed step goes through
        cursor.execute("UPDATE billing_invoice SET state = 'sent', sent_at = now()")
