"""Cases in and out as luotsi-case/1, events with preview and optimistic locking, the
engine on a posted file: the API's behaviour and its refusals (nothing stored)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from luotsi.cases.models import Case, CaseEvent, CaseRevision
from luotsi.cases.service import export_case, import_case
from luotsi.rules import evaluate, parse_case
from tests.cases.test_views import TODAY
from tests.cases.test_views import case_file as web_case_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def case(world):
    return import_case(world.coach, world.org, world.own_client, web_case_file(), on=TODAY)


@pytest.fixture
def api(api_as):
    return api_as("coach")


def case_url(case, *rest):
    url = reverse("api:case", kwargs={"client_id": case.client_id, "case_id": case.pk})
    return url + "".join(f"{part}/" if not part.startswith("?") else part for part in rest)


def events_url(case, event_id=None, query=""):
    kwargs = {"client_id": case.client_id, "case_id": case.pk}
    if event_id is None:
        return reverse("api:event_add", kwargs=kwargs) + query
    return reverse("api:event_correct", kwargs={**kwargs, "event_id": event_id}) + query


def snapshot(case):
    case.refresh_from_db()
    return (
        case.version,
        list(case.events.values_list("pk", "data")),
        CaseRevision.objects.filter(case=case).count(),
    )


# --- the case file in and out -----------------------------------------------------------


def test_a_case_posted_as_a_file_comes_back_the_same(world, api):
    data = web_case_file("API-1")
    url = reverse("api:case_create", kwargs={"client_id": world.own_client.pk})
    response = api.post(url, data)
    assert response.status_code == 201, response.content
    assert response["ETag"] == '"1"'
    case = Case.objects.get(external_id="API-1")
    assert response["Location"] == case_url(case)
    got = api.get(case_url(case))
    assert got.status_code == 200
    assert got["ETag"] == '"1"'
    body = got.json()
    assert body == export_case(case)
    assert body["events"] == data["events"]
    assert body["client"]["identity_code"] == world.own_client.identity_code
    parse_case(body)  # valid luotsi-case/1


def test_malformed_json_is_a_400_naming_where_and_stores_nothing(world, api):
    url = reverse("api:case_create", kwargs={"client_id": world.own_client.pk})
    response = api.post(url, '{"format": "luotsi-case/1", "id": ', raw=True)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/problems/malformed-json"
    assert "line 1, column" in problem["detail"]
    assert problem["errors"][0]["pointer"] == ""
    assert not Case.objects.exists()


def test_a_case_file_failing_the_schema_names_the_field_and_stores_nothing(world, api):
    data = web_case_file("API-2")
    data["events"][3]["date"] = "2026-02-30"
    url = reverse("api:case_create", kwargs={"client_id": world.own_client.pk})
    response = api.post(url, data)
    assert response.status_code == 422
    problem = response.json()
    assert problem["pointer"] == "/events/3/date"
    assert "2026-02-30" in problem["detail"]
    assert not Case.objects.exists()


def test_a_case_file_of_another_person_is_refused(world, api):
    data = web_case_file("API-3")
    data["client"] = {"identity_code": world.other_coach_client.identity_code}
    url = reverse("api:case_create", kwargs={"client_id": world.own_client.pk})
    response = api.post(url, data)
    assert response.status_code == 422
    assert response.json()["pointer"] == "/client/identity_code"
    assert not Case.objects.exists()


def test_a_duplicate_case_number_is_refused_at_the_id(world, api, case):
    url = reverse("api:case_create", kwargs={"client_id": world.own_client.pk})
    response = api.post(url, web_case_file(case.external_id))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/id"
    assert Case.objects.count() == 1


# --- events: preview, If-Match, 412, 428, the Kela-agreement rule -----------------------

MEETING = {
    "type": "meeting",
    "date": "2026-02-24",
    "phase": "workplace",
    "mode": "face_to_face",
    "place": "workplace",
    "minutes": 60,
}
# A second pause planned for next week: TK allows one (PAUSE.TOO_MANY).
SECOND_PAUSE = {
    "type": "pause",
    "from": "2026-03-09",
    "to": "2026-03-13",
    "reason": "employer_delay",
}


def test_a_preview_shows_the_findings_and_stores_nothing(api, case):
    before = snapshot(case)
    response = api.post(events_url(case, query="?preview=true&lang=en"), {"event": SECOND_PAUSE})
    assert response.status_code == 200, response.content
    preview = response.json()
    assert response["ETag"] == f'"{case.version}"'
    too_many = [f for f in preview["appeared"] if f["rule"] == "PAUSE.TOO_MANY"]
    assert too_many and too_many[0]["message"] == "There are 2 pauses; at most 1 are allowed."
    assert preview["needs_agreement"] and preview["blocked"] and preview["planned"]
    assert snapshot(case) == before


def test_a_write_without_if_match_is_428_and_stores_nothing(api, case):
    before = snapshot(case)
    response = api.post(events_url(case), {"event": MEETING})
    assert response.status_code == 428
    assert response.json()["pointer"] == "/headers/If-Match"
    assert snapshot(case) == before


def test_an_event_is_added_with_the_current_etag(api, case):
    response = api.post(events_url(case), {"event": MEETING}, headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    body = response.json()
    assert body["version"] == 2
    (added,) = body["events"]
    assert added["event"] == MEETING
    assert CaseEvent.objects.get(pk=added["id"]).data == MEETING
    revision = CaseRevision.objects.get(case=case, object_id=added["id"])
    assert revision.after == MEETING and revision.user == case.client.responsible_coach


def test_a_stale_etag_is_412_naming_who_changed_it_and_stores_nothing(api, api_as, case):
    other = api_as("team_lead")
    first = other.post(events_url(case), {"event": MEETING}, headers={"If-Match": '"1"'})
    assert first.status_code == 200
    before = snapshot(case)
    stale = api.post(
        events_url(case),
        {"event": {**MEETING, "date": "2026-02-25"}},
        headers={"If-Match": '"1"'},
    )
    assert stale.status_code == 412
    problem = stale.json()
    assert problem["type"] == "/api/problems/stale"
    assert "Lead Testinen (lead)" in problem["detail"]
    assert snapshot(case) == before


def test_a_planned_violation_needs_kelas_agreement(api, case):
    before = snapshot(case)
    refused = api.post(events_url(case), {"event": SECOND_PAUSE}, headers={"If-Match": '"1"'})
    assert refused.status_code == 409
    assert refused.json()["rules"] == ["PAUSE.TOO_MANY"]
    assert snapshot(case) == before
    agreed = api.post(
        events_url(case),
        {"event": SECOND_PAUSE, "agreement": {"date": "2026-02-20", "reference": "Dnro 123"}},
        headers={"If-Match": '"1"'},
    )
    assert agreed.status_code == 200, agreed.content
    agreement = CaseEvent.objects.get(case=case, type="kela_agreement")
    assert agreement.data["rule"] == "PAUSE.TOO_MANY"
    assert agreement.data["reason"] == "Dnro 123"


def test_an_event_refused_at_entry_names_the_field_of_the_request(api, case):
    before = snapshot(case)
    ahead = {**MEETING, "date": "2026-03-20"}
    response = api.post(events_url(case), {"event": ahead}, headers={"If-Match": '"1"'})
    assert response.status_code == 422
    assert response.json()["pointer"] == "/event/date"
    invalid = api.post(
        events_url(case), {"event": {**MEETING, "minutes": -5}}, headers={"If-Match": '"1"'}
    )
    assert invalid.status_code == 422
    assert invalid.json()["pointer"] == "/event/minutes"
    unknown = api.post(events_url(case), {"event": MEETING, "colour": "red"})
    assert unknown.status_code == 422
    assert unknown.json()["pointer"] == "/colour"
    assert snapshot(case) == before


def test_an_event_is_corrected_and_removed(api, case):
    meeting = case.events.get(type="meeting")
    corrected = {**meeting.data, "minutes": 45}
    response = api.put(
        events_url(case, meeting.pk),
        {"event": corrected, "reason": "typo"},
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert meeting.data["minutes"] == 45
    assert CaseRevision.objects.get(case=case, object_id=meeting.pk).reason == "typo"
    notice = case.events.create(
        type="kela_notice",
        date=dt.date(2026, 2, 25),
        data={"type": "kela_notice", "date": "2026-02-25", "topic": "x"},
    )
    url = reverse(
        "api:event_remove",
        kwargs={"client_id": case.client_id, "case_id": case.pk, "event_id": notice.pk},
    )
    removed = api.delete(url + "?reason=duplicate", headers={"If-Match": '"2"'})
    assert removed.status_code == 200, removed.content
    assert removed["ETag"] == '"3"'
    assert not CaseEvent.objects.filter(pk=notice.pk).exists()


def test_an_event_of_another_case_is_not_found(api, world, case):
    other = import_case(world.coach, world.org, world.own_client, web_case_file("C-2"), on=TODAY)
    event = other.events.first()
    response = api.put(events_url(case, event.pk), {"event": event.data})
    assert response.status_code == 404


# --- the engine on a posted file ----------------------------------------------------------


def test_check_gives_the_engines_findings_and_stores_nothing(api, world):
    data = web_case_file("CHECK-1")
    response = api.post(reverse("api:check") + "?on=2026-03-02&lang=en", data)
    assert response.status_code == 200, response.content
    body = response.json()
    expected = evaluate(parse_case(data), dt.date(2026, 3, 2))
    assert [(f["rule"], f["severity"]) for f in body["findings"]] == [
        (f.rule, f.severity) for f in expected.findings
    ]
    assert body["counters"] == json.loads(json.dumps(expected.counters))
    assert not Case.objects.exists()


def test_check_refuses_an_invalid_file_at_its_pointer(api):
    data = web_case_file("CHECK-2")
    data["events"][0]["kind"] = "chat"
    response = api.post(reverse("api:check"), data)
    assert response.status_code == 422
    assert response.json()["pointer"] == "/events/0/kind"
