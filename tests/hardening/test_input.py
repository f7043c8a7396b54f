"""Issue 12: extreme dates, invisible characters, long texts and races at the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse

from luotsi.cases.models import Case
from luotsi.cases.service import contract_case, create_case, import_case
from luotsi.clients.models import Client
from luotsi.clients.service import create_client, update_client
from luotsi.demo.identity import make_identity_code
from luotsi.organisations.models import Organisation
from luotsi.rules import evaluate
from luotsi.rules.calendar import DATE_MAX
from tests.cases.test_views import case_file, decision

RLO = "\u202e"


@pytest.fixture
def http(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.coach)
    return client


@pytest.fixture
def case(world):
    return import_case(world.coach, world.org, world.own_client, case_file())


def case_url(name, case):
    return reverse(name, kwargs={"client_id": case.client_id, "case_id": case.pk})


def form_errors(response, field):
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors.get(field, []))


# --- one date range ---------------------------------------------------------------------


@pytest.mark.parametrize("week", ["9999-12-27", "0001-01-01", "1899-12-25"])
def test_a_week_outside_the_date_range_is_a_field_error(http, case, week):
    response = http.post(
        case_url("clients:case_days", case),
        {"version": case.version, "week": week, "mon_hours": "6"},
    )
    assert "Give a date between 1.1.1900 and 31.12.2100" in form_errors(response, "week")


def test_the_last_week_must_end_inside_the_range(http, case):
    # 27.12.2100 is a Monday; the week would end on 2.1.2101.
    assert dt.date(2100, 12, 27).weekday() == 0
    response = http.post(
        case_url("clients:case_days", case),
        {"version": case.version, "week": "2100-12-27", "mon_hours": "6"},
    )
    assert "The week must end by 31.12.2100" in form_errors(response, "week")


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2101-01-01"])
def test_a_meeting_outside_the_date_range_is_a_field_error(http, case, day):
    response = http.post(
        case_url("clients:case_meeting", case),
        {"version": case.version, "date": day, "mode": "video", "kind": "individual"},
    )
    assert "Give a date between" in form_errors(response, "date")
    assert Case.objects.get(pk=case.pk).version == case.version


def test_a_decision_received_on_year_one_is_refused_at_the_field(http, world):
    target = reverse("clients:case_create", kwargs={"client_id": world.own_client.pk})
    for day in ("0001-01-01", "9999-12-31"):
        response = http.post(target, decision(received=day))
        assert "Give a date between" in form_errors(response, "received")
    assert not Case.objects.exists()


def test_the_service_refuses_a_far_date_with_its_pointer(world):
    """What does not come through a form (an import, a command) is refused by the schema."""
    with pytest.raises(ValidationError) as info:
        import_case(
            world.coach, world.org, world.own_client,
            case_file(events=[{"type": "meeting", "date": "9999-12-31"}]),
        )  # fmt: skip
    assert "/events/0/date" in info.value.message_dict


def test_an_identity_code_born_before_1900_is_refused(world):
    code = make_identity_code(dt.date(1899, 5, 1), 901)
    assert code[6] == "+"
    with pytest.raises(ValidationError) as info:
        create_client(world.coach, identity_code=code, first_name="V", last_name="W")
    assert "identity_code" in info.value.message_dict


# --- invisible characters and lengths ---------------------------------------------------


def test_a_right_to_left_override_in_a_name_is_refused_at_the_field(http, world):
    response = http.post(
        reverse("clients:create"),
        {"first_name": f"Oona{RLO}", "last_name": "Uusi", "language": "fi",
         "identity_code": make_identity_code(dt.date(1991, 1, 1), 931),
         "team": world.team_a.pk},
    )  # fmt: skip
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in form_errors(response, "first_name")
    assert not Client.objects.filter(last_name="Uusi").exists()


def test_the_service_refuses_invisible_characters_too(world):
    with pytest.raises(ValidationError) as info:
        update_client(world.coach, world.own_client, last_name="Oma\u200b")
    assert "last_name" in info.value.message_dict


def test_invisible_characters_in_case_texts_are_refused_with_the_pointer(world):
    events = [{"type": "workplace", "from": "2026-02-10", "employer": f"Oy {RLO}bA"}]
    with pytest.raises(ValidationError) as info:
        import_case(world.coach, world.org, world.own_client, case_file(events=events))
    assert "U+202E" in str(info.value.message_dict["/events/0/employer"])
    with pytest.raises(ValidationError) as info:
        create_case(
            world.coach, world.org, world.own_client,
            service="TK", external_id=f"K{RLO}1", received=dt.date(2026, 1, 5),
        )  # fmt: skip
    assert "/id" in info.value.message_dict


def test_a_100000_character_address_is_refused_at_the_field(http, world):
    target = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    response = http.post(
        target,
        {"first_name": "Oona", "last_name": "Oma", "language": "fi",
         "identity_code": world.own_client.identity_code, "address": "x" * 100_000,
         "team": world.team_a.pk},
    )  # fmt: skip
    assert "at most 500 characters" in form_errors(response, "address")
    assert Client.objects.get(pk=world.own_client.pk).address == ""
    with pytest.raises(ValidationError):
        update_client(world.coach, world.own_client, address="x" * 501)


def test_multi_line_text_keeps_its_line_breaks(world):
    client = update_client(world.coach, world.own_client, address="Katu 1\r\n28100 Pori")
    assert client.address == "Katu 1\r\n28100 Pori"


# --- an invalid business ID does not break the organisation's cases ----------------------


def test_an_invalid_business_id_does_not_make_every_case_fail(world):
    Organisation.objects.filter(pk=world.org.pk).update(business_id="1234567-2")  # bad digit
    world.org.refresh_from_db()
    case = import_case(world.coach, world.org, world.own_client, case_file())
    contract = contract_case(case)
    assert contract.contract.business_id is None
    evaluate(contract, DATE_MAX)


# --- unique constraints hit by a race: the form's own error --------------------------------


def _without_pre_checks(monkeypatch, model, column):
    """As if another request created the same row between the service's pre-check (an
    ``exists()`` query on ``column``) and its insert."""
    exists = QuerySet.exists

    def racing(self):
        if self.model is model and column in str(self.query.where):
            return False
        return exists(self)

    monkeypatch.setattr(QuerySet, "exists", racing)


def test_a_case_number_race_is_the_forms_duplicate_error(world, case, monkeypatch):
    _without_pre_checks(monkeypatch, Case, "external_id")
    with pytest.raises(ValidationError) as info:
        import_case(world.coach, world.org, world.own_client, case_file())
    assert info.value.message_dict == {"/id": ["A case with this number already exists."]}
    assert Case.objects.filter(external_id=case.external_id).count() == 1


def test_an_identity_code_race_is_the_forms_duplicate_error(world, monkeypatch):
    _without_pre_checks(monkeypatch, Client, "identity_code_hmac")
    code = world.other_coach_client.identity_code
    with pytest.raises(ValidationError) as info:
        create_client(world.coach, identity_code=code, first_name="A", last_name="B")
    assert list(info.value.message_dict) == ["identity_code"]
    with pytest.raises(ValidationError) as info:
        update_client(world.coach, world.own_client, identity_code=code)
    assert list(info.value.message_dict) == ["identity_code"]
    assert Client.objects.get(pk=world.own_client.pk).identity_code != code
