"""The self-monitoring plan and reports: versions, publishing, prefilled sections, the
public page and PDF without personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from luotsi.clients.models import Client
from luotsi.organisations.models import Office
from luotsi.quality import selfmonitoring as sm
from luotsi.quality.models import SelfMonitoringPlan
from luotsi.staff.models import StaffMember
from tests.factories import make_office
from tests.quality.test_audits import pdf_text

ON = dt.date(2026, 6, 1)


@pytest.fixture
def office(world):
    return make_office(world.org, street_address="Katu 1")


def test_a_new_version_is_prefilled_and_a_published_one_never_changes(world, office) -> None:
    plan = sm.new_plan_version(None, office, on=ON)
    assert plan.version == 1 and "2345678-0" in plan.content["provider"]
    assert "three" in plan.content["staff"] or "kolme" in plan.content["staff"]
    with pytest.raises(ValidationError) as refused:
        sm.publish_plan(None, plan, on=ON)
    assert "content" in refused.value.error_dict  # empty sections
    with pytest.raises(ValidationError):
        sm.new_plan_version(None, office, on=ON)  # one draft at a time
    sm.save_plan(None, plan, {k: plan.content.get(k) or f"Teksti {k}" for k in sm.SECTION_KEYS})
    sm.publish_plan(None, plan, on=ON)
    with pytest.raises(ValidationError):
        sm.save_plan(None, plan, plan.content)
    second = sm.new_plan_version(None, office, on=ON)
    assert second.version == 2 and second.content["mission"] == "Teksti mission"


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (dt.date(2026, 1, 1), True),
        (dt.date(2026, 5, 1), True),
        (dt.date(2026, 9, 1), True),
        (dt.date(2026, 4, 1), False),
        (dt.date(2026, 5, 2), False),
    ],
)
def test_report_periods_are_four_months(world, office, start, ok) -> None:
    if ok:
        report = sm.save_report(None, office, period_start=start, observations="o", measures="m")
        assert report.period_end == sm.cal.add_months(start, 4) - dt.timedelta(days=1)
    else:
        with pytest.raises(ValidationError) as refused:
            sm.save_report(None, office, period_start=start, observations="o", measures="m")
        assert "period_start" in refused.value.error_dict


def test_the_public_pages_show_no_personal_data(client, demo) -> None:
    office = Office.objects.get(name="Porin toimipiste")
    page = client.get(reverse("public_self_monitoring", kwargs={"office_id": office.pk}))
    assert page.status_code == 200
    texts = [page.content.decode()]
    for lang in ("fi", "sv"):
        pdf = client.get(
            reverse("public_self_monitoring_pdf", kwargs={"office_id": office.pk}) + f"?lang={lang}"
        )
        assert pdf.status_code == 200
        texts.append(pdf_text(pdf.content))
    assert "Omavalvontasuunnitelma" in texts[1] and "Plan för egenkontroll" in texts[2]
    assert "Henkilöstö" in texts[0] or "Staff" in texts[0]
    people = list(Client.objects.all())
    assert len(people) == 120  # the provider's 60 clients and the employment area's 60 jobseekers
    for text in texts:
        for person in people:
            for mark in (
                person.first_name + " " + person.last_name,
                person.last_name + ", " + person.first_name,
                person.identity_code,
                person.identity_code[:6],
            ):
                assert mark not in text, mark
        for member in StaffMember.objects.all():
            assert f"{member.first_name} {member.last_name}" not in text


def test_an_unpublished_unit_is_not_found(client, world, office) -> None:
    sm.new_plan_version(None, office, on=ON)
    assert (
        client.get(reverse("public_self_monitoring", kwargs={"office_id": office.pk})).status_code
        == 404
    )


def test_the_pages_through_the_browser_client(client, world, office) -> None:
    client.force_login(world.quality_manager)
    assert (
        client.post(reverse("quality:sm_plan_new", kwargs={"office_id": office.pk})).status_code
        == 302
    )
    plan = SelfMonitoringPlan.objects.get()
    url = reverse("quality:sm_plan", kwargs={"plan_id": plan.pk})
    assert client.get(url).status_code == 200
    data = {k: plan.content.get(k) or "x" for k in sm.SECTION_KEYS}
    assert client.post(url, {**data, "publish": "1"}).status_code == 302
    assert SelfMonitoringPlan.objects.get().status == "published"
    report = reverse("quality:sm_report", kwargs={"office_id": office.pk})
    bad = client.post(report, {"period_start": "2026-02-01", "observations": "o", "measures": "m"})
    assert bad.status_code == 200 and list(bad.context["form"].errors) == ["period_start"]
    for role in ("coach", "team_lead"):
        client.force_login(getattr(world, role))
        assert client.get(reverse("quality:self_monitoring")).status_code == 403


def test_the_headings_of_valviras_content_model(client, world, office) -> None:
    """Medical devices, information systems and technology (prefilled from Luotsi) and the
    medication plan are headings; a medication plan left empty blocks publishing; a version
    published before the headings existed shows only its own on the public page."""
    keys = list(sm.SECTION_KEYS)
    assert keys.index("premises") < keys.index("technology") < keys.index("medication")
    plan = sm.new_plan_version(None, office, on=ON)
    assert (
        "access log" in plan.content["technology"] or "käyttölokiin" in plan.content["technology"]
    )
    filled = {k: plan.content.get(k) or f"Teksti {k}" for k in sm.SECTION_KEYS}
    sm.save_plan(None, plan, {**filled, "medication": ""})
    with pytest.raises(ValidationError) as refused:
        sm.publish_plan(None, plan, on=ON)
    assert "Lääkehoitosuunnitelma" in str(refused.value) or "Medication plan" in str(refused.value)
    sm.save_plan(None, plan, filled)
    sm.publish_plan(None, plan, on=ON)
    url = reverse("public_self_monitoring", kwargs={"office_id": office.pk})
    assert "Lääkehoitosuunnitelma" in client.get(url).content.decode()
    # A version published before the two headings existed (its content has no such keys).
    old = {k: v for k, v in filled.items() if k not in ("technology", "medication")}
    SelfMonitoringPlan.objects.filter(pk=plan.pk).update(content=old)
    page = client.get(url).content.decode()
    assert "Teksti mission" in page and "Lääkehoitosuunnitelma" not in page
