"""The views' data functions return exactly the rows of the benchmark's hand-written SQL
(bench/dashboard.py), so the benchmark's ratio compares like with like."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from luotsi.dashboards.views import DUE_PAGE_SIZE, coach_rows, due_rows
from tests.factories import finding, make_case, make_client, one_of_each, today

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location(
    "bench_dashboard", Path(__file__).resolve().parents[2] / "bench" / "dashboard.py"
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _more(world):
    """Enough findings for two pages of the due list, some without a due date."""
    for n in range(6):
        coach = world.coach if n % 2 else world.coach_b
        person = make_client(world, f"Lisä{n}", f"Asiakas{n}", coach, world.team_a)
        case = make_case(person, "TV" if n % 3 else "TK")
        one_of_each(case)
        for k in range(5):
            finding(case, f"R.{n}{k}", "due", due=today() + dt.timedelta(days=k))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_coach_rows_are_the_rows_of_the_hand_written_sql(world, cases, lang):
    _more(world)
    prefetch_related_objects([world.coach], "role_assignments")
    rows = coach_rows(world.coach, lang)
    sql = bench.coach_sql_rows(connection, world.org.pk, world.coach.pk, lang)
    assert len(rows) > 30
    assert [tuple(r) for r in rows] == [tuple(r) for r in sql]
    assert {r[5] for r in rows} >= {f"KELA.NOTIFY {word}" for word in _WORDS[lang]}
    assert "OWN-1" in {r[8] for r in rows} and "TEAM-1" not in {r[8] for r in rows}


_WORDS = {"fi": ["suomeksi"], "sv": ["på svenska"], "en": ["in English"]}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_due_list_page_is_the_page_of_the_hand_written_sql(world, cases, lang):
    _more(world)
    prefetch_related_objects([world.quality_manager], "role_assignments")
    page = list(due_rows(world.quality_manager, lang)[:DUE_PAGE_SIZE])
    sql = bench.due_sql_rows(connection, world.org.pk, lang)
    assert len(page) == DUE_PAGE_SIZE
    assert [tuple(r) for r in page] == [tuple(r) for r in sql]
    assert "ORG2-1" not in {r[8] for r in due_rows(world.quality_manager, lang)}


def test_each_data_function_is_one_query_once_the_roles_are_loaded(world, cases):
    for user in (world.coach, world.quality_manager):
        prefetch_related_objects([user], "role_assignments")
    with CaptureQueriesContext(connection) as queries:
        coach_rows(world.coach, "fi")
        list(due_rows(world.quality_manager, "fi")[:DUE_PAGE_SIZE])
    assert len(queries) == 2
