import pytest
from stdnum.fi import hetu

from luotsi.access import policy
from luotsi.accounts.models import User
from luotsi.clients.models import Client
from luotsi.demo.loader import CLIENTS, load_demo

pytestmark = pytest.mark.django_db


def test_demo_clients_are_loaded_once_and_spread_over_the_coaches():
    load_demo()
    load_demo()
    clients = list(Client.objects.all())
    assert len(clients) == len(CLIENTS) == 8
    for client in clients:
        code = client.identity_code
        assert hetu.is_valid(code, allow_temporary=True)
        assert 900 <= int(code[7:10]) <= 999, "demo codes use the test range only"
    coaches = {c.responsible_coach.username for c in clients}
    assert coaches == {"aino.koskinen", "mikko.lehtonen", "sanna.makela", "jussi.heikkinen"}
    # Aino leads the Pori team: she sees its four clients; Sanna sees Rauma's four.
    assert policy.clients_visible_to(User.objects.get(username="aino.koskinen")).count() == 4
    assert policy.clients_visible_to(User.objects.get(username="sanna.makela")).count() == 4
    assert policy.clients_visible_to(User.objects.get(username="paivi.laine")).count() == 8
    assert policy.clients_visible_to(User.objects.get(username="timo.salonen")).count() == 0


def test_demo_cases_are_loaded_once_with_stored_findings():
    from luotsi.cases.models import Case, CaseFinding
    from luotsi.cases.service import export_case
    from luotsi.rules import parse_case

    load_demo()
    load_demo()
    cases = Case.objects.filter(external_id__startswith="DEMO-")
    assert cases.count() == 3
    for case in cases:
        parse_case(export_case(case))
        assert case.evaluated_on is not None
    assert CaseFinding.objects.filter(case__in=cases).exists()
