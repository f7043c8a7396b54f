"""The dashboards' compiled queries (``luotsi.dashboards.prepared``): compiled once per key,
and never stale — a change of roles, teams, responsible coach or findings shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.accounts.models import Role, RoleAssignment
from luotsi.cases.models import CaseFinding
from luotsi.dashboards import prepared
from luotsi.dashboards.findings import DUE_EXTRA, SHOWN_SEVERITIES, finding_rows
from luotsi.dashboards.views import coach_rows, due_rows
from tests.factories import finding, make_case, make_client, today

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as a new request loads it (roles read once)."""
    user = type(user).objects.get(pk=user.pk)
    prefetch_related_objects([user], "role_assignments")
    return user


def _cases(rows):
    return {r[8] for r in rows}


def test_a_query_is_compiled_once_per_key(world, cases):
    built = []

    def build():
        built.append(1)
        return CaseFinding.objects.filter(case=cases.own).order_by("pk").values_list("rule")

    first = prepared.prepared(("test-once", cases.own.pk), build)
    again = prepared.prepared(("test-once", cases.own.pk), build)
    assert first is again and len(built) == 1
    assert [r[0] for r in first.run()] == list(
        CaseFinding.objects.filter(case=cases.own).order_by("pk").values_list("rule", flat=True)
    )
    prepared.prepared(("test-once", -1), build)
    assert len(built) == 2


def test_the_cache_is_bounded(world, monkeypatch):
    monkeypatch.setattr(prepared, "CACHE_SIZE", 3)
    prepared.clear()
    for n in range(5):
        prepared.prepared(("bounded", n), lambda: CaseFinding.objects.values_list("pk"))
    built = []
    prepared.prepared(
        ("bounded", 0), lambda: built.append(1) or CaseFinding.objects.values_list("pk")
    )
    assert built == [1]  # the oldest key was dropped and compiled again


def test_a_query_known_to_be_empty_is_no_query(world, django_assert_num_queries):
    nobody = prepared.prepared(("empty",), lambda: CaseFinding.objects.none().values_list("pk"))
    assert nobody is None
    rows = prepared.PreparedRows(None, lambda: None)
    with django_assert_num_queries(0):
        assert list(rows) == [] and rows[0:50] == [] and rows.count() == 0


def test_a_role_given_or_taken_shows_at_once(world, cases):
    coach = _fresh(world.coach)
    before = _cases(due_rows(coach, "fi"))
    assert before == {"OWN-1", "TEAM-1"}
    RoleAssignment.objects.create(user=world.coach, role=Role.QUALITY_MANAGER)
    widened = _cases(due_rows(_fresh(world.coach), "fi"))
    assert widened == {"OWN-1", "TEAM-1", "OTHER-1"}
    RoleAssignment.objects.filter(user=world.coach, role=Role.QUALITY_MANAGER).delete()
    assert _cases(due_rows(_fresh(world.coach), "fi")) == before


def test_a_team_joined_or_left_shows_at_once(world, cases):
    assert _cases(due_rows(_fresh(world.coach), "fi")) == {"OWN-1", "TEAM-1"}
    world.coach.teams.add(world.team_b)
    assert _cases(due_rows(_fresh(world.coach), "fi")) == {"OWN-1", "TEAM-1", "OTHER-1"}
    world.coach.teams.remove(world.team_a)
    # Still the own client (responsible coach), no longer team A's other client.
    assert _cases(due_rows(_fresh(world.coach), "fi")) == {"OWN-1", "OTHER-1"}


def test_a_client_handed_over_moves_between_coaches_at_once(world, cases):
    assert "OWN-1" in _cases(coach_rows(_fresh(world.coach), "fi"))
    world.own_client.responsible_coach = world.coach_b
    world.own_client.save()
    assert "OWN-1" not in _cases(coach_rows(_fresh(world.coach), "fi"))
    assert "OWN-1" in _cases(coach_rows(_fresh(world.coach_b), "fi"))


def test_a_deactivated_user_gets_nothing(world, cases):
    assert coach_rows(_fresh(world.coach), "fi")
    world.coach.is_active = False
    world.coach.save()
    gone = _fresh(world.coach)
    assert coach_rows(gone, "fi") == []
    assert list(due_rows(gone, "fi")) == [] and due_rows(gone, "fi").count() == 0


def test_new_findings_show_without_compiling_again(world, cases):
    coach = _fresh(world.coach)
    before = len(coach_rows(coach, "fi"))
    finding(cases.own, "NEW.RULE", "due", due=today())
    after = coach_rows(coach, "fi")
    assert len(after) == before + 1 and "NEW.RULE" in {r[0] for r in after}


def test_the_language_has_its_own_query(world, cases):
    coach = _fresh(world.coach)
    assert {r[5] for r in coach_rows(coach, "fi")} >= {"KELA.NOTIFY suomeksi"}
    assert {r[5] for r in coach_rows(coach, "sv")} >= {"KELA.NOTIFY på svenska"}
    assert {r[5] for r in coach_rows(coach, "fi")} >= {"KELA.NOTIFY suomeksi"}


def test_the_scope_key_names_what_the_scope_depends_on(world):
    coach, quality = _fresh(world.coach), _fresh(world.quality_manager)
    assert policy.scope_key(coach, Action.LIST) != policy.scope_key(quality, Action.LIST)
    assert policy.scope_key(coach, Action.LIST) != policy.scope_key(coach, Action.VIEW)
    assert policy.scope_key(coach, Action.VIEW) == policy.scope_key(_fresh(coach), "view")
    RoleAssignment.objects.create(user=world.coach, role=Role.TEAM_LEAD)
    assert policy.scope_key(_fresh(world.coach), "view") != policy.scope_key(coach, "view")


@pytest.mark.parametrize("filters", [{}, {"case__service": "TV"}, {"due__lte": "+10"}])
def test_pages_and_count_are_those_of_the_queryset(world, cases, filters):
    for n in range(7):
        person = make_client(world, f"Sivu{n}", f"Asiakas{n}", world.coach, world.team_a)
        case = make_case(person, "TV" if n % 2 else "TK")
        for k in range(9):
            due = today() + dt.timedelta(days=k - 2) if k % 4 else None
            finding(case, f"P.{n}{k}", "due" if due else "warning", due=due)
    if "due__lte" in filters:
        filters = {"due__lte": today() + dt.timedelta(days=10)}
    quality = _fresh(world.quality_manager)
    source = due_rows(quality, "en", SHOWN_SEVERITIES, **filters)
    queryset = finding_rows(
        policy.clients_for(quality, Action.LIST),
        world.org.pk,
        "en",
        DUE_EXTRA,
        SHOWN_SEVERITIES,
        **filters,
    )
    expected = [tuple(r) for r in queryset]
    assert source.count() == len(expected) > 20
    assert list(source) == expected
    assert source[0] == expected[0] and source[len(expected) - 1] == expected[-1]
    with pytest.raises(IndexError):
        source[len(expected)]
    paginator = Paginator(source, 10)
    assert paginator.num_pages == -(-len(expected) // 10)
    pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
    assert [row for page in pages for row in page] == expected
    assert all(isinstance(r[2], dt.date | None) for r in expected)
