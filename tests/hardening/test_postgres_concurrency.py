"""Concurrency on PostgreSQL (issue 12): the creation races and two coaches on one case.

Real concurrent transactions need a server: each thread has its own connection and the
test commits for real (``transaction=True``). SQLite serialises writers (one transaction
at a time; ``tests/test_sqlite_concurrency.py``), so these skip there.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client as HttpClient
from django.urls import reverse

from luotsi.cases.models import Case, CaseEvent
from luotsi.cases.service import StaleVersion, add_event, import_case
from luotsi.clients.models import Client
from luotsi.demo.identity import make_identity_code
from tests.cases.test_views import case_file, decision

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite runs one writer at a time",
    ),
]

THREADS = 10


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(n)`` in ``count`` threads released together; their results or errors."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            start.wait()
            results[n] = work(n)
        except Exception as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def logged_in(user) -> HttpClient:
    http = HttpClient()
    http.cookies["django_language"] = "en"
    http.force_login(user)
    return http


def outcome(response) -> str:
    if response.status_code == 302:
        return "created"
    if response.status_code == 200 and response.context and response.context.get("form"):
        errors = response.context["form"].errors
        return "refused: " + " ".join(str(e) for field in errors.values() for e in field)
    return f"HTTP {response.status_code}"


def test_creating_the_same_case_number_at_once_gives_one_case_and_form_errors(world):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    clients = [logged_in(world.coach) for _ in range(THREADS)]
    results = at_once(THREADS, lambda n: clients[n].post(target, decision(external_id="RACE-1")))
    outcomes = Counter(r if isinstance(r, Exception) else outcome(r) for r in results)
    assert outcomes == Counter(
        {"created": 1, "refused: A case with this number already exists.": THREADS - 1}
    ), outcomes
    assert Case.objects.filter(external_id="RACE-1").count() == 1


def test_creating_the_same_client_at_once_gives_one_client_and_form_errors(world):
    code = make_identity_code(dt.date(1988, 8, 8), 988)
    data = {"first_name": "Kilpa", "last_name": "Ajo", "language": "fi",
            "identity_code": code, "team": world.team_a.pk}  # fmt: skip
    clients = [logged_in(world.coach) for _ in range(THREADS)]
    results = at_once(THREADS, lambda n: clients[n].post(reverse("clients:create"), data))
    outcomes = Counter(r if isinstance(r, Exception) else outcome(r) for r in results)
    assert outcomes == Counter(
        {"created": 1, "refused: A client with this identity code already exists.": THREADS - 1}
    ), outcomes
    assert Client.objects.filter(last_name="Ajo").count() == 1


ROUNDS = 20


def test_two_coaches_editing_one_case_lose_no_update(world):
    """Twenty rounds: two coaches read the same version and each adds a meeting. One wins,
    the other is told the case changed (StaleVersion) — never both saved over each other,
    never an error. Every meeting saved is in the case; every refused one is not."""
    case = import_case(world.coach, world.org, world.own_client, case_file(events=[]))
    coaches = [world.coach, world.team_lead]
    saved, refused = [], []
    for round_ in range(ROUNDS):
        version = Case.objects.get(pk=case.pk).version
        day = dt.date(2026, 1, 12) + dt.timedelta(days=round_)

        def edit(n: int, version: int = version, day: dt.date = day) -> str:
            meeting = {"type": "meeting", "date": day.isoformat(), "minutes": 30 + n}
            try:
                add_event(coaches[n], Case.objects.get(pk=case.pk), meeting, version)
            except StaleVersion:
                return f"refused {day} {30 + n}"
            return f"saved {day} {30 + n}"

        results = at_once(2, edit)
        assert not any(isinstance(r, Exception) for r in results), results
        assert sorted(r.split()[0] for r in results) == ["refused", "saved"], results
        saved += [r for r in results if r.startswith("saved")]
        refused += [r for r in results if r.startswith("refused")]
    stored = {
        f"saved {e.data['date']} {e.data['minutes']}" for e in CaseEvent.objects.filter(case=case)
    }
    assert stored == set(saved) and len(saved) == ROUNDS
    assert Case.objects.get(pk=case.pk).version == case.version + ROUNDS
    assert not {r.replace("refused", "saved") for r in refused} & stored
