"""The officer's workspace through HTTP: what each page shows, what each form refuses (at
its field, nothing saved), and constant query counts on the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luotsi.access.models import ChangeLogEntry
from luotsi.employment.models import (
    ActivationPlan,
    Assessment,
    Consultation,
    IntegrationPlan,
    Jobseeker,
    RehabilitationReferral,
    TymPlan,
)
from tests.employment.conftest import add_jobseeker

pytestmark = pytest.mark.django_db


def url(name, js, **kwargs):
    return reverse(name, kwargs={"client_id": js.client_id, **kwargs})


def test_the_due_list_reads_stored_findings_in_constant_queries(
    client, area, django_assert_max_num_queries
):
    from luotsi.employment.findings import recompute

    def add(n):  # a jobseeker with a KUTY evaluation due
        js = add_jobseeker(area, 920 + n, area.adults, area.officer, f"Lisä{n}")
        ActivationPlan.objects.create(
            jobseeker=js,
            made=dt.date(2027, 1, 1),
            evaluate_by=dt.date.today() + dt.timedelta(days=5),
        )
        recompute(js)

    add(0)
    client.force_login(area.officer)
    with django_assert_max_num_queries(14) as few:
        assert client.get(reverse("clients:employment_dashboard")).status_code == 200
    for n in range(1, 13):
        add(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("clients:employment_dashboard"))
    body = response.content.decode()
    assert "Lisä12" in body and "KUTY.PLAN_CONTENT" in body
    response = client.get(reverse("clients:employment_dashboard") + "?group=kuty")
    # each plan is due for evaluation and lacks its items: 13 + 13 KUTY findings
    assert response.context["page"].paginator.count == 26
    assert {f.rule for f, _m, _late in response.context["rows"]} == {"KUTY.PLAN_CONTENT"}


def test_the_jobseeker_list_in_constant_queries(client, area, django_assert_max_num_queries):
    client.force_login(area.officer)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("clients:employment_jobseekers"))
    for n in range(10):
        add_jobseeker(area, 940 + n, area.adults, area.officer, f"Lista{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("clients:employment_jobseekers") + "?q=lista")
    assert response.context["page"].paginator.count == 10


def test_adding_a_jobseeker(client, area):
    from luotsi.demo.identity import make_identity_code

    client.force_login(area.officer)
    data = {
        "first_name": "Uusi",
        "last_name": "Hakija",
        "unit": area.adults.pk,
        "responsible_officer": area.officer.pk,
        "job_search_start": "2027-01-04",
        "identity_code": make_identity_code(dt.date(1991, 2, 3), 960),
        "residence_permit": "",
        "business_days_continuous": 0,
    }
    bad = {**data, "identity_code": "010101-0000", "job_search_start": "1899-12-31"}
    response = client.post(reverse("clients:employment_jobseeker_create"), bad)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"identity_code", "job_search_start"}
    response = client.post(
        reverse("clients:employment_jobseeker_create"),
        {**data, "unit": area.youth.pk, "responsible_officer": ""},
    )
    assert "unit" in response.context["form"].errors  # out of the officer's reach
    assert not Jobseeker.objects.filter(client__last_name="Hakija").exists()
    response = client.post(reverse("clients:employment_jobseeker_create"), data)
    js = Jobseeker.objects.get(client__last_name="Hakija")
    assert response["Location"] == url("clients:employment_jobseeker", js)


def test_the_assessment_stores_the_referral_reasons(client, area):
    client.force_login(area.officer)
    js = area.own
    data = {
        "date": "2027-02-01",
        "with_county": "on",
        "capacity_limits": "yes",
        "life_management": "no",
        "multi_sector_support": "yes",
        "public_services_suffice": "yes",
        "long_term_or_intensive": "yes",
        "decision": "do_not_refer",
    }
    response = client.post(url("clients:employment_assessment", js), data)
    assert response.status_code == 302
    a = Assessment.objects.get(jobseeker=js)
    assert (a.outcome, a.reasons) == ("do_not_refer", ["public_services_suffice"])
    page = client.get(url("clients:employment_jobseeker", js)).content.decode()
    assert "Palvelutarpeeseen voidaan vastata julkisilla työvoimapalveluilla" in page


def test_the_tym_plan_with_each_partys_services(client, area):
    client.force_login(area.officer)
    js = area.own
    data = {
        "date": "2027-02-10",
        "with_county": "on",
        "with_kela": "on",
        "goal": "Työkyky",
        "services_employment_authority": "Työhönvalmennus",
        "services_wellbeing_county": "Kuntouttava työtoiminta\nPäihdepalvelut",
        "services_kela": "AKSE",
        "review_by": "2027-05-10",
    }
    assert client.post(url("clients:employment_tym_plan", js), data).status_code == 302
    plan = TymPlan.objects.get(jobseeker=js)
    assert sorted(plan.services.values_list("party", "service")) == [
        ("employment_authority", "Työhönvalmennus"),
        ("kela", "AKSE"),
        ("wellbeing_county", "Kuntouttava työtoiminta"),
        ("wellbeing_county", "Päihdepalvelut"),
    ]
    # the plan makes it a TYM client of both partners: each now sees the plan, not the rest
    for partner in (area.county_worker, area.kela_officer):
        client.force_login(partner)
        page = client.get(url("clients:employment_tym", js))
        assert page.status_code == 200 and "Päihdepalvelut" in page.content.decode()
        assert client.get(url("clients:employment_jobseeker", js)).status_code == 404
    # a review date before the plan's is refused at its field, nothing saved
    client.force_login(area.officer)
    response = client.post(
        url("clients:employment_tym_plan", js), {**data, "review_by": "2027-02-01"}
    )
    assert "review_by" in response.context["form"].errors
    assert TymPlan.objects.filter(jobseeker=js).count() == 1


KUTY = {
    "made": "2027-02-01",
    "goal": "Päivärytmi",
    "description": "Puutyöt",
    "place": "Työpaja",
    "hours_per_day": "4",
    "days_per_week": "3",
    "start": "2027-02-08",
    "end": "2027-05-07",
    "support": "Ohjaaja",
    "other_services": "Sosiaalityö",
    "evaluate_by": "2027-04-30",
}


def test_a_kuty_plan_missing_items_is_saved_as_a_draft_but_not_finalised(client, area):
    client.force_login(area.officer)
    js = area.own
    partial = {**KUTY, "support": "", "evaluate_by": ""}
    response = client.post(url("clients:employment_kuty_new", js), {**partial, "finalise": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"support", "evaluate_by", "__all__"}
    assert "4" in errors["support"][0] and "6" in errors["evaluate_by"][0]
    assert not ActivationPlan.objects.filter(jobseeker=js).exists()  # nothing half-saved
    assert client.post(url("clients:employment_kuty_new", js), partial).status_code == 302
    plan = ActivationPlan.objects.get(jobseeker=js)
    assert plan.status == "draft"
    response = client.post(
        url("clients:employment_kuty", js, plan_id=plan.pk),
        {**KUTY, "end": "2027-05-06", "finalise": "1"},
    )
    assert "3" in response.context["form"].errors["end"][0]  # under 3 months
    response = client.post(
        url("clients:employment_kuty", js, plan_id=plan.pk), {**KUTY, "finalise": "1"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "final" and plan.support == "Ohjaaja"
    # a final plan is not edited; its evaluation is recorded
    assert client.get(url("clients:employment_kuty", js, plan_id=plan.pk)).status_code == 404
    response = client.post(
        url("clients:employment_kuty_evaluate", js, plan_id=plan.pk), {"evaluated_on": "2027-04-29"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.evaluated_on == dt.date(2027, 4, 29)


def test_the_integration_plan_limits(client, area):
    client.force_login(area.officer)
    js = area.own
    first = {"initial_assessment": "2025-05-02", "start": "2025-06-01", "end": "2026-05-31"}
    response = client.post(url("clients:employment_koto_new", js), first)
    assert "edellyttää oleskelulupaa" in response.content.decode()
    assert not IntegrationPlan.objects.exists()
    Jobseeker.objects.filter(pk=js.pk).update(residence_permit=True)
    too_long = {**first, "end": "2026-06-01"}
    assert (
        "end"
        in client.post(url("clients:employment_koto_new", js), too_long).context["form"].errors
    )
    assert client.post(url("clients:employment_koto_new", js), first).status_code == 302
    second = {"start": "2026-06-01", "end": "2027-06-30"}
    response = client.post(url("clients:employment_koto_new", js), second)
    assert "extension_reason" in response.context["form"].errors  # past two years: a reason
    response = client.post(
        url("clients:employment_koto_new", js),
        {**second, "extension_reason": "Työ- ja toimintakyky"},
    )
    assert response.status_code == 302
    js.refresh_from_db()
    assert js.counters["integration_ends"] == "2028-05-31"


def test_a_consultation_needs_the_clients_agreement_beforehand(client, area):
    client.force_login(area.officer)
    js = area.own
    data = {"date": "2027-02-10", "with_kela": "on", "topic": "Kuntoutusmahdollisuudet"}
    response = client.post(url("clients:employment_consultation", js), data)
    assert "agreed_on" in response.context["form"].errors
    response = client.post(
        url("clients:employment_consultation", js), {**data, "agreed_on": "2027-02-11"}
    )
    assert "agreed_on" in response.context["form"].errors
    assert not Consultation.objects.exists()
    assert (
        client.post(
            url("clients:employment_consultation", js), {**data, "agreed_on": "2027-02-05"}
        ).status_code
        == 302
    )
    c = Consultation.objects.get()
    assert (
        client.post(
            url("clients:employment_consultation_done", js, consultation_id=c.pk),
            {"gone_through_on": "2027-02-12"},
        ).status_code
        == 302
    )
    c.refresh_from_db()
    assert c.gone_through_on == dt.date(2027, 2, 12)


def test_the_hand_off_to_vocational_rehabilitation(client, area):
    client.force_login(area.officer)
    js = area.own
    data = {"service": "taito", "applied_on": "2027-03-01", "decision": "pending"}
    response = client.post(url("clients:employment_rehabilitation", js), data)
    assert "responsible" in response.context["form"].errors
    data.update(responsible="kela", criteria=["illness_weakens_capacity"])
    assert client.post(url("clients:employment_rehabilitation", js), data).status_code == 302
    data.update(decision="granted", decided_on="2027-03-20", starts_on="2027-04-05")
    assert client.post(url("clients:employment_rehabilitation", js), data).status_code == 302
    rehab = RehabilitationReferral.objects.get(jobseeker=js)
    assert (rehab.decision, rehab.starts_on) == ("granted", dt.date(2027, 4, 5))


def test_each_write_leaves_a_change_log_row(client, area):
    client.force_login(area.officer)
    js = area.own
    before = ChangeLogEntry.objects.filter(client=js.client).count()
    client.post(url("clients:employment_kuty_new", js), KUTY)
    row = ChangeLogEntry.objects.filter(client=js.client).latest("pk")
    assert ChangeLogEntry.objects.filter(client=js.client).count() == before + 1
    assert (row.user, row.object_type, row.action) == (area.officer, "activationplan", "create")
