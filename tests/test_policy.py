"""The policy's edges that the matrix does not cover: team-mates, combined roles, users
who may do nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.accounts.models import Role, RoleAssignment
from luotsi.clients.service import create_client
from luotsi.demo.identity import make_identity_code
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_coach_sees_the_clients_of_a_team_mate(world):
    mate = make_user("mate", world.org, [Role.COACH], [world.team_a])
    assert policy.can(mate, Action.VIEW, world.own_client)
    assert policy.can(mate, Action.EDIT, world.own_client)
    assert not policy.can(mate, Action.AUDIT, world.own_client)


def test_a_coach_keeps_their_own_client_in_another_team(world):
    moved = create_client(
        None,
        organisation=world.org,
        identity_code=make_identity_code(dt.date(1980, 3, 3), 960),
        first_name="Siirretty",
        last_name="Asiakas",
        responsible_coach=world.coach,
        team=world.team_b,
    )
    assert policy.can(world.coach, Action.VIEW, moved)
    assert policy.can(world.coach_b, Action.VIEW, moved)  # team B's client too
    assert not policy.can(world.team_lead, Action.VIEW, moved)  # leads team A only


def test_roles_add_up(world):
    RoleAssignment.objects.create(user=world.administrator, role=Role.COACH)
    world.administrator.teams.add(world.team_b)
    assert policy.can(world.administrator, Action.VIEW, world.other_coach_client)
    assert not policy.can(world.administrator, Action.VIEW, world.own_client)
    assert policy.can(world.administrator, Action.AUDIT, world.own_client)


@pytest.mark.parametrize("case", ["inactive", "no_organisation", "no_roles", "anonymous"])
def test_users_who_may_do_nothing(world, case):
    from django.contrib.auth.models import AnonymousUser

    if case == "anonymous":
        user = AnonymousUser()
    elif case == "no_roles":
        user = make_user("nobody", world.org, [], [world.team_a])
    else:
        user = world.quality_manager
        if case == "inactive":
            user.is_active = False
        else:
            user.organisation = None
    for action in Action:
        assert not policy.clients_for(user, action).exists()
        assert not policy.can(user, action, world.own_client)
    assert not policy.can_list_clients(user)
    assert not policy.can_create_client(user)
    assert not policy.can_audit(user)
