"""The activation plan and the integration plan as PDFs in Finnish and Swedish; a refused
finalise names the missing items."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from luotsi.documents.build import DocumentRefused
from luotsi.documents.employment import activation_plan_context
from luotsi.employment import service
from luotsi.employment.models import ActivationPlan, Jobseeker
from luotsi.rules.employment import parse_jobseeker

pytestmark = pytest.mark.django_db

FULL = {
    "made": dt.date(2027, 2, 1),
    "goal": "Päivärytmi ja työkyky",
    "description": "Puutyöt",
    "place": "Porin työpaja",
    "hours_per_day": 4,
    "days_per_week": 3,
    "start": dt.date(2027, 2, 8),
    "end": dt.date(2027, 5, 7),
    "support": "Työpajaohjaaja",
    "other_services": "Aikuissosiaalityö",
    "evaluate_by": dt.date(2027, 4, 30),
}


def text_of(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            [
                "Aktivointisuunnitelma",
                "2. Päivittäinen ja viikoittainen kesto",
                "4 tuntia päivässä, 3 päivää viikossa",
                "8.2.2027–7.5.2027",
                "30.4.2027",
                "Porin työpaja",
            ],
        ),
        (
            "sv",
            [
                "Aktiveringsplan",
                "2. Längd per dag och per vecka",
                "4 timmar per dag, 3 dagar per vecka",
                "Porin työpaja",
            ],
        ),
    ],
)
def test_the_activation_plan_pdf_states_every_item(client, area, lang, expected):
    plan = service.save_activation_plan(area.officer, area.own, finalise=True, **FULL)
    client.force_login(area.officer)
    url = reverse(
        "clients:employment_kuty_pdf", kwargs={"client_id": area.own.client_id, "plan_id": plan.pk}
    )
    text = " ".join(text_of(client.get(url + f"?lang={lang}")).split())
    for phrase in expected:
        assert phrase in text, phrase
    assert area.own.client.identity_code in text
    assert "LUONNOS" not in text and "UTKAST" not in text


def test_a_draft_prints_as_a_draft(client, area):
    plan = service.save_activation_plan(area.officer, area.own, made=dt.date(2027, 2, 1), goal="X")
    client.force_login(area.officer)
    url = reverse(
        "clients:employment_kuty_pdf", kwargs={"client_id": area.own.client_id, "plan_id": plan.pk}
    )
    assert "LUONNOS" in text_of(client.get(url + "?lang=fi"))


def test_a_refused_finalise_names_the_missing_items(client, area):
    plan = service.save_activation_plan(
        area.officer, area.own, **{**FULL, "support": "", "other_services": ""}
    )
    client.force_login(area.officer)
    url = reverse(
        "clients:employment_kuty_finalise",
        kwargs={"client_id": area.own.client_id, "plan_id": plan.pk},
    )
    response = client.post(url, follow=True)
    page = response.content.decode()
    assert "4 tuki ja ohjaus" in page and "5 muut palvelut" in page
    plan.refresh_from_db()
    assert plan.status == "draft"
    ActivationPlan.objects.filter(pk=plan.pk).update(support="Ohjaaja", other_services="Ei muita")
    client.post(url)
    plan.refresh_from_db()
    assert plan.status == "final"


def test_the_document_builder_refuses_missing_items_with_a_pointer():
    data = {
        "format": "luotsi-jobseeker/1",
        "jobseeker": {"id": "J", "birth_date": "1980-01-01", "job_search_start": "2026-01-01"},
        "activation_plans": [{"id": "K1", "made": "2027-01-01", "goal": "G"}],
    }
    names = dict.fromkeys(("client_name", "identity_code", "area", "unit", "officer"), "x")
    with pytest.raises(DocumentRefused) as exc:
        activation_plan_context(
            parse_jobseeker(data), "K1", lang="fi", names=names, issued=dt.date(2027, 1, 2)
        )
    assert exc.value.pointer == "/activation_plans/0/description"
    assert "1, 2, 3, 4, 5, 6" in exc.value.problem


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_integration_plan_pdf_shows_the_time_used_and_left(client, area, lang):
    Jobseeker.objects.filter(pk=area.own.pk).update(residence_permit=True)
    area.own.refresh_from_db()
    today = dt.date.today()
    service.save_integration_plan(
        area.officer,
        area.own,
        initial_assessment=today - dt.timedelta(days=40),
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=300),
        goals="Suomen kieli A2",
        services="Kotoutumiskoulutus",
    )
    client.force_login(area.officer)
    url = reverse("clients:employment_koto_pdf", kwargs={"client_id": area.own.client_id})
    text = " ".join(text_of(client.get(url + f"?lang={lang}")).split())
    assert "Suomen kieli A2" in text
    assert ("Käytetty 41 päivää" in text) if lang == "fi" else ("Använt 41 dagar" in text)
