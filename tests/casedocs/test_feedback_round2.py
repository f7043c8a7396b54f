"""The feedback report in the web: GAS goals on the case, recipients by consent, required
KU148 sections, the author block; a refused finalise keeps what was prefilled; the
certificate's period is prefilled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from luotsi.access.models import ChangeLogEntry, DisclosureLogEntry, LegalBasis
from luotsi.casedocs import goals, service
from luotsi.casedocs.models import Document, GasGoal
from luotsi.cases.models import Case
from luotsi.cases.service import recompute_findings
from luotsi.consents.service import record_consent, revoke_consent
from tests.casedocs.test_casedocs import (
    FEB,
    SECTIONS,
    add,
    complete,
    ended,
    events,
    pdf_text,
    url,
)

GOAL = {
    "goal": "Osa-aikatyö kaupan alalla",
    "indicator": "Työsopimus",
    "level_minus2": "Ei työkokeilupaikkaa",
    "level_minus1": "Työkokeilu kesken",
    "level_0": "Työkokeilu suoritettu",
    "level_plus1": "Osa-aikatyösopimus",
    "level_plus2": "Kokoaikatyösopimus",
    "timetable": "31.3.2026 mennessä",
    "reached": "1",
}


def goals_url(case: Case, name: str = "case_goals") -> str:
    return reverse(f"clients:{name}", kwargs={"client_id": case.client_id, "case_id": case.pk})


def consent(world, kind: str = "treating_party", health: bool = True, **extra):
    data = {"recipient_kind": kind, "recipient_name": "Porin työterveys",
            "scope": "Kuntoutuspalaute", "covers_health_data": health,
            "given_on": dt.date(2026, 1, 12), **extra}  # fmt: skip
    return record_consent(world.coach, world.own_client, **data)


# --- GAS goals ----------------------------------------------------------------------------


def test_gas_goals_are_recorded_edited_and_removed_with_history(http, world, case):
    page = http.get(goals_url(case))
    assert page.status_code == 200 and 'name="level_plus2"' in page.content.decode()

    # Every required field is named at its field; nothing is saved.
    response = http.post(goals_url(case, "goal_save"), {"goal": "Vain tavoite"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "indicator", "level_minus2", "level_minus1", "level_0", "level_plus1", "level_plus2",
        "timetable",
    }  # fmt: skip
    assert not GasGoal.objects.exists()

    response = http.post(goals_url(case, "goal_save"), GOAL)
    assert response.status_code == 302 and response["Location"] == goals_url(case)
    goal = GasGoal.objects.get()
    assert goal.case == case and goal.position == 1 and goal.reached == 1
    assert goal.levels()[2] == "Kokoaikatyösopimus"

    edit = http.get(goals_url(case) + f"?edit={goal.pk}").content.decode()
    assert "Osa-aikatyösopimus" in edit and f'name="goal_id" value="{goal.pk}"' in edit
    response = http.post(goals_url(case, "goal_save"), {**GOAL, "reached": "", "goal_id": goal.pk})
    goal.refresh_from_db()
    assert response.status_code == 302 and goal.reached is None

    response = http.post(goals_url(case, "goal_remove"), {"goal_id": goal.pk})
    assert response.status_code == 302 and not GasGoal.objects.exists()
    log = ChangeLogEntry.objects.filter(object_type="gas_goal").order_by("pk")
    assert [(e.action, e.user_id) for e in log] == [
        ("create", world.coach.pk), ("edit", world.coach.pk), ("edit", world.coach.pk)
    ]  # fmt: skip
    assert log[1].fields == ["reached"] and log[2].fields == ["removed"]


def test_a_get_on_the_post_only_goal_urls_goes_to_the_page(http, case):
    for name in ("goal_save", "goal_remove"):
        response = http.get(goals_url(case, name))
        assert response.status_code == 302 and response["Location"] == goals_url(case)


def test_the_level_reached_must_be_on_the_scale(world, case):
    with pytest.raises(Exception) as refused:
        goals.save_goal(world.coach, case, {**GOAL, "reached": "3"})
    assert "reached" in refused.value.message_dict
    assert not GasGoal.objects.exists()


def test_the_quality_manager_reads_goals_but_does_not_change_them(client, world, case):
    goals.save_goal(world.coach, case, GOAL)
    client.force_login(world.quality_manager)
    page = client.get(goals_url(case)).content.decode()
    assert "Osa-aikatyö kaupan alalla" in page and 'name="level_0"' not in page
    assert client.post(goals_url(case, "goal_save"), GOAL).status_code == 404
    assert GasGoal.objects.count() == 1


def test_the_documents_section_links_to_the_goals(http, world, case):
    goals.save_goal(world.coach, case, GOAL)
    page = http.get(url("case_documents", case=case)).content.decode()
    assert goals_url(case) in page


def test_gas_goals_are_printed_in_the_finalised_report(http, world, case):
    ended(world, case)
    goals.save_goal(world.coach, case, GOAL)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    service.update_draft(world.coach, document, plan="Kaupan ala.", recommendations="Jatko.")
    document = service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    text = pdf_text(bytes(document.pdf))
    assert "Tavoite 1: Osa-aikatyö kaupan alalla" in text
    assert "+2 Kokoaikatyösopimus" in text and "−2 Ei työkokeilupaikkaa" in text
    assert "Saavutettu taso +1" in text and "31.3.2026 mennessä" in text
    assert "GAS-lomake: tavoitteiden saavuttamisen arviointi" in text


# --- required sections, author, prefilled values -----------------------------------------


def test_an_empty_report_is_refused_naming_the_sections(http, world, case):
    ended(world, case)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    version = Case.objects.get(pk=case.pk).version
    response = http.post(
        url("document_finalise", document),
        {"language": "fi", "author_name": "Coach Testinen", "case_version": version},
        follow=True,
    )
    form = response.context["form"]
    [message] = form.non_field_errors()
    assert "Ammatillinen suunnitelma" in message and "Suositukset jatkosta" in message
    assert "GAS" in message and message in response.content.decode()
    assert set(form.errors) >= {"goals", "plan", "recommendations"}
    document.refresh_from_db()
    assert not document.is_final and events(case, "feedback") == []


def test_a_refused_finalise_keeps_the_prefilled_author(http, world, case):
    ended(world, case)
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    assert document.author_name == "Coach Testinen"  # prefilled from the user
    version = Case.objects.get(pk=case.pk).version
    response = http.post(
        url("document_finalise", document),
        {"language": "fi", "author_name": "", **SECTIONS, "plan": "Uusi suunnitelma",
         "case_version": version},
    )  # fmt: skip
    assert response.status_code == 200
    document.refresh_from_db()
    assert not document.is_final
    assert document.author_name == "Coach Testinen"  # not overwritten by the empty field
    assert document.content["plan"] == "Uusi suunnitelma"  # what was typed is kept
    form = response.context["form"]
    assert form["author_name"].value() == "Coach Testinen" and "author_name" in form.errors
    # Finalising again as shown works, with the kept name in the signature block.
    response = http.post(
        url("document_finalise", document),
        {"language": "fi", "author_name": "Coach Testinen", **SECTIONS, "case_version": version},
    )
    document.refresh_from_db()
    assert document.is_final
    assert "Nimenselvennys Coach Testinen" in pdf_text(bytes(document.pdf))


def test_the_date_and_author_block_and_the_real_end(world, case):
    add(world, case, {"type": "workplace", "from": "2026-04-01", "employer": "Avoin Oy"})
    add(world, case, {"type": "end", "date": "2026-04-20", "reason": "completed"})
    document = complete(world, service.create_draft(world.coach, case, "feedback", "sv"))
    document = service.finalise(
        world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 4, 24)
    )
    text = pdf_text(bytes(document.pdf))
    assert "Datum 24.4.2026 Namnförtydligande Coach Testinen Underskrift" in text
    assert "1.4.2026–20.4.2026 Avoin Oy" in text and "tills vidare" not in text


# --- recipients by consent ------------------------------------------------------------------


def test_recipients_with_consent_are_listed_sent_and_others_refused(http, world, case):
    ended(world, case)
    with_consent = consent(world)
    consent(world, kind="network", health=False, recipient_name="Ei terveystietoja")
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    detail = http.get(url("document_detail", document)).content.decode()
    assert "Porin työterveys" in detail and "Ei terveystietoja" not in detail

    version = Case.objects.get(pk=case.pk).version
    http.post(
        url("document_finalise", document),
        {"language": "fi", "author_name": "Coach Testinen", **SECTIONS,
         "consents": [with_consent.pk], "case_version": version},
    )  # fmt: skip
    document.refresh_from_db()
    assert document.is_final and document.content["consents"] == [with_consent.pk]
    text = pdf_text(bytes(document.pdf))
    assert "Asiakas: Oona Oma Asiakkaan omat tiedot" in text
    assert "Kela Laki Kelan kuntoutusetuuksista" in text
    assert "Hoitava taho: Porin työterveys Asiakkaan kirjallinen suostumus 12.1.2026" in text

    page = http.get(url("document_detail", document)).content.decode()
    assert f'value="consent:{with_consent.pk}"' in page
    response = http.post(
        url("document_sent", document), {"recipient": f"consent:{with_consent.pk}"}
    )
    assert response.status_code == 302
    row = DisclosureLogEntry.objects.get(recipient_name="Porin työterveys")
    assert row.legal_basis == LegalBasis.CONSENT and row.consent_id == with_consent.pk

    # A party the report does not list (no consent behind it) is refused, nothing logged.
    other = consent(world, kind="network", recipient_name="Verkosto X")
    before = DisclosureLogEntry.objects.count()
    with pytest.raises(Exception) as refused:
        service.mark_sent(world.coach, document, f"consent:{other.pk}")
    assert "recipient" in refused.value.message_dict
    assert DisclosureLogEntry.objects.count() == before


def test_a_consent_without_health_data_cannot_be_listed(world, case):
    weak = consent(world, health=False)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    with pytest.raises(Exception) as refused:
        service.update_draft(world.coach, document, consents=[weak.pk])
    assert "consents" in refused.value.message_dict
    assert Document.objects.get(pk=document.pk).content["consents"] == []


def test_a_revoked_consent_stops_the_finalise(world, case):
    ended(world, case)
    given = consent(world)
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    service.update_draft(world.coach, document, consents=[given.pk])
    revoke_consent(world.coach, given, revoked_on=dt.date(2026, 4, 1))
    with pytest.raises(service.FinaliseRefused) as refused:
        service.finalise(
            world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 4, 2)
        )
    assert "consents" in refused.value.message_dict
    assert events(case, "feedback") == []


# --- the certificate's period is prefilled ----------------------------------------------------


def test_the_certificate_period_is_prefilled_from_the_case(http, world, case):
    page = http.get(url("document_create", case=case) + "?kind=certificate")
    form = page.context["form"]
    # No certificate yet: from the first recorded meeting or day to the last.
    assert form["period_from"].value() == dt.date(2026, 1, 12)
    assert form["period_to"].value() == dt.date(2026, 2, 18)
    add(world, case, {"type": "certificate", "date": "2026-02-12", "from": "2026-01-12",
                      "to": "2026-02-10", "author_name": "C", "author_phone": "1"})  # fmt: skip
    form = http.get(url("document_create", case=case)).context["form"]
    assert form["period_from"].value() == dt.date(2026, 2, 11)  # the day after the last one
    assert form["period_to"].value() == dt.date(2026, 2, 18)


def test_the_goals_page_reads_a_fixed_number_of_queries(
    http, world, case, django_assert_max_num_queries
):
    """The goals list does not grow its queries with the goals (no query per row)."""
    goals.save_goal(world.coach, case, GOAL)
    http.get(goals_url(case))  # warm the session and the caches
    with django_assert_max_num_queries(20) as one:
        http.get(goals_url(case))
    for n in range(6):
        goals.save_goal(world.coach, case, {**GOAL, "goal": f"Tavoite {n}"})
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = http.get(goals_url(case))
    assert page.content.decode().count("Muokkaa</a>") == 7


def test_a_draft_names_the_days_recorded_inside_a_pause(http, world, case):
    """DAYS.ON_PAUSE: the day is left out of the document, and the draft page says which."""
    # Entry refuses a day inside a pause (DAYS.ON_PAUSE at the field): such a day comes from
    # data recorded before that check, stored here as it would be.
    day = {"type": "rehab_day", "date": "2026-02-12", "hours": 6.5, "workplace_hours": 5.5}
    case.events.create(type="rehab_day", date=dt.date(2026, 2, 12), position=99, data=day)
    recompute_findings(case)
    document = service.create_draft(world.coach, case, "certificate", "fi", *FEB)
    page = http.get(url("document_detail", document)).content.decode()
    assert "(DAYS.ON_PAUSE): 12.2.2026." in page
    preview = page.split('class="document-preview"', 1)[1]
    assert "12.2.2026" not in preview and "10.2.2026" in preview
    # The stored day does not block recording the certificate (an unrelated change), and
    # the final document leaves the day out too.
    document = service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert "12.2.2026" not in pdf_text(bytes(document.pdf))
    assert "DAYS.ON_PAUSE" not in http.get(url("document_detail", document)).content.decode()
