"""Cases: import/export round trip, all-or-nothing, optimistic locking, stored findings."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.cases.service import (
    StaleVersion,
    add_event,
    export_case,
    import_case,
    remove_event,
)
from luotsi.rules import evaluate, parse_case
from tests.shared import EXAMPLES, require

ON = dt.date(2026, 3, 1)
OFFICE = "Pori, Yrjönkatu 1"


def case_file(case_id="C-001", **extra):
    data = {
        "format": "luotsi-case/1",
        "id": case_id,
        "service": "TK",
        "decision": {"received": "2026-01-05", "granted_days": 45, "first_decision": True},
        "events": [
            {
                "type": "meeting",
                "date": "2026-01-12",
                "phase": "planning",
                "kind": "individual",
                "mode": "face_to_face",
                "place": "provider_office",
                "office": OFFICE,
                "minutes": 90,
            },
            {"type": "workplace", "from": "2026-02-10", "employer": "Oy Esimerkki Ab"},
            {"type": "phase", "date": "2026-02-10", "phase": "workplace"},
            {"type": "rehab_day", "date": "2026-02-10", "hours": 6.5, "workplace_hours": 5.5},
            {"type": "pause", "from": "2026-02-16", "to": "2026-02-20", "reason": "employer_delay"},
        ],
    }
    data.update(extra)
    return data


@pytest.fixture
def case(world, office):
    return import_case(world.coach, world.org, world.own_client, case_file(), on=ON)


def stored(case):
    return [f.as_contract() for f in CaseFinding.objects.filter(case=case).order_by("pk")]


def test_round_trip_gives_the_same_contract_json(world, case):
    exported = export_case(case)
    assert exported["events"] == case_file()["events"]
    assert exported["client"]["identity_code"] == world.own_client.identity_code
    assert exported["client"]["name"] == "Oona Oma"
    assert exported["contract"] == {
        "provider": world.org.name,
        "business_id": world.org.business_id,
        "offices": [OFFICE],
    }
    again = import_case(
        world.coach, world.org, world.own_client, {**exported, "id": "C-002"}, on=ON
    )
    assert export_case(again) == {**exported, "id": "C-002"}


def test_stored_findings_equal_the_engine_on_the_export(case):
    result = evaluate(parse_case(export_case(case)), ON).to_dict(lang="en")
    assert stored(case) == result["findings"]
    case.refresh_from_db()
    assert case.counters == result["counters"]
    assert case.evaluated_on == ON


def test_shared_example_round_trip(world, office):
    data = json.loads(require(EXAMPLES / "tv-three-pauses.json").read_text())
    imported = import_case(world.coach, world.org, world.own_client, data, on=dt.date(2027, 6, 9))
    exported = export_case(imported)
    assert exported["events"] == data["events"]
    rules = {(f.rule, f.severity) for f in CaseFinding.objects.filter(case=imported)}
    assert ("PAUSE.TOO_MANY", "violation") in rules


def test_import_is_all_or_nothing(world, office):
    data = case_file()
    data["events"].append({"type": "rehab_day", "date": "2026-02-31"})
    with pytest.raises(ValidationError) as exc:
        import_case(world.coach, world.org, world.own_client, data, on=ON)
    assert "/events/5/date" in exc.value.message_dict
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert not CaseFinding.objects.exists()


def test_unknown_field_is_named(world, office):
    data = case_file()
    data["events"][0]["minuts"] = 5
    with pytest.raises(ValidationError) as exc:
        import_case(world.coach, world.org, world.own_client, data, on=ON)
    assert "/events/0/minuts" in exc.value.message_dict


def test_overlapping_pauses_are_refused_at_the_field(world, office):
    data = case_file()
    data["events"].append({"type": "pause", "from": "2026-02-19", "to": "2026-02-25"})
    with pytest.raises(ValidationError) as exc:
        import_case(world.coach, world.org, world.own_client, data, on=ON)
    assert "/events/5/from" in exc.value.message_dict
    assert not Case.objects.exists()


def test_rehab_day_inside_absence_is_refused_and_nothing_saved(world, case):
    case = add_event(
        world.coach,
        case,
        {"type": "absence", "from": "2026-02-23", "to": "2026-02-24", "reason": "sickness"},
        expected_version=1,
        on=ON,
    )
    before = list(CaseEvent.objects.filter(case=case).values_list("data", flat=True))
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        add_event(world.coach, case, {"type": "rehab_day", "date": "2026-02-24"}, 2, on=ON)
    assert "/events/6/date" in exc.value.message_dict
    assert "absence" in exc.value.message_dict["/events/6/date"][0]
    case.refresh_from_db()
    assert case.version == 2
    assert list(CaseEvent.objects.filter(case=case).values_list("data", flat=True)) == before


def test_second_of_two_concurrent_saves_is_refused(world, case):
    first = Case.objects.get(pk=case.pk)
    second = Case.objects.get(pk=case.pk)
    add_event(world.coach, first, {"type": "rehab_day", "date": "2026-02-11"}, first.version)
    with translation.override("en"), pytest.raises(StaleVersion) as exc:
        add_event(world.coach, second, {"type": "rehab_day", "date": "2026-02-12"}, second.version)
    assert "changed since this page was opened" in exc.value.messages[0]
    assert CaseEvent.objects.filter(case=case).count() == 6


def test_add_and_remove_event_recompute_findings(world, case):
    case = add_event(world.coach, case, {"type": "end", "date": "2026-02-27"}, 1, on=ON)
    assert stored(case) == evaluate(parse_case(export_case(case)), ON).to_dict()["findings"]
    end = CaseEvent.objects.get(case=case, type="end")
    case = remove_event(world.coach, case, end.pk, case.version, on=ON)
    assert case.version == 3
    assert not CaseEvent.objects.filter(case=case, type="end").exists()
    assert stored(case) == evaluate(parse_case(export_case(case)), ON).to_dict()["findings"]


def test_case_of_another_organisations_client_is_refused(world, office):
    with pytest.raises(PermissionDenied):
        import_case(world.coach, world.org, world.other_org_client, case_file(), on=ON)
    with pytest.raises(PermissionDenied):
        import_case(world.other_coach, world.other_org, world.own_client, case_file(), on=ON)
    assert not Case.objects.exists()


def test_user_without_access_to_the_client_is_refused(world, office):
    with pytest.raises(PermissionDenied):
        import_case(world.coach_b, world.org, world.own_client, case_file(), on=ON)
    assert not Case.objects.exists()


def test_stored_findings_list_query_count_is_constant(world, office):
    def list_queries():
        with CaptureQueriesContext(connection) as ctx:
            rows = list(
                CaseFinding.objects.select_related("case")
                .order_by("due", "pk")
                .values_list("case__external_id", "rule", "due")
            )
        return len(ctx.captured_queries), rows

    import_case(world.coach, world.org, world.own_client, case_file("A"), on=ON)
    few, rows_few = list_queries()
    for n in range(4):
        import_case(world.coach, world.org, world.own_client, case_file(f"B{n}"), on=ON)
    many, rows_many = list_queries()
    assert len(rows_many) > len(rows_few)
    assert few == many == 1


def test_recompute_command_moves_with_the_date(world, case):
    call_command("recompute_findings", "--on", "2026-06-01", "--inline")
    case.refresh_from_db()
    assert case.evaluated_on == dt.date(2026, 6, 1)
    expected = evaluate(parse_case(export_case(case)), dt.date(2026, 6, 1)).to_dict()
    assert stored(case) == expected["findings"]


def test_export_does_not_change_the_input(world, office):
    data = case_file()
    original = copy.deepcopy(data)
    import_case(world.coach, world.org, world.own_client, data, on=ON)
    assert data == original


def test_case_page_shows_stored_findings_by_due_date(client, world, case):
    client.force_login(world.coach)
    url = f"/clients/{world.own_client.pk}/cases/{case.pk}/"
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert case.external_id in response.content.decode()
    findings = [f for f, _, _ in response.context["findings"]]
    assert findings == sorted(findings, key=lambda f: (f.due or dt.date.max, f.date or dt.date.max))
    # a case id of another client under this client's URL is not found
    other = import_case(world.coach_b, world.org, world.other_coach_client, case_file("X"), on=ON)
    assert client.get(f"/clients/{world.own_client.pk}/cases/{other.pk}/").status_code == 404


def test_case_page_speaks_the_coachs_language(client, world, case):
    client.force_login(world.coach)
    html = client.get(f"/clients/{world.own_client.pk}/cases/{case.pk}/").content.decode()
    assert "Käytetyt kuntoutuspäivät" in html
    assert "rehab_days_used" not in html
    severities = {f.severity for f in case.findings.all()}
    labels = {
        "violation": "Rikkomus",
        "due": "Määräaika",
        "action": "Toimenpide",
        "warning": "Varoitus",
        "info": "Tiedoksi",
    }
    for severity in severities:
        assert labels[severity] in html
    used = case.counters["rehab_days_used"]
    assert f"<dt>Käytetyt kuntoutuspäivät</dt><dd>{used}</dd>" in html


def test_client_page_links_to_its_cases(client, world, case):
    client.force_login(world.coach)
    response = client.get(f"/clients/{world.own_client.pk}/")
    assert f"/clients/{world.own_client.pk}/cases/{case.pk}/" in response.content.decode()
