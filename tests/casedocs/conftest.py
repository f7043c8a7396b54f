"""Fixtures of the case-documents tests: a TK case with a pause (imported from
``test_casedocs.case_file``) and its coach logged in."""

from __future__ import annotations

import pytest

from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import case_file
from tests.factories import make_office


@pytest.fixture
def case(world):
    make_office(world.org)
    world.coach.phone = "040 765 4321"
    world.coach.save()
    return import_case(world.coach, world.org, world.own_client, case_file())


@pytest.fixture
def http(client, world):
    client.force_login(world.coach)
    return client
