"""Issue 15 (M8): a KELA.NOTIFY / QUEUE.NOTIFY / PROCESS.STEP_SKIPPED finding's "make the
notice" action, prefilled from the finding; sending the final notice to Kela clears the
finding (the engine sees the ``kela_notice`` event) and writes a disclosure-log row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from luotsi.access.models import DisclosureLogEntry, RecipientKind
from luotsi.casedocs import notices, service
from luotsi.casedocs.models import Document, Kind
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from luotsi.organisations.models import Office
from luotsi.rules.messages import render
from tests.casedocs.test_casedocs import add, case_file, events, messages_of, pdf_text, url


@pytest.fixture
def case(world):
    """The documents tests' TK case (a pause 11.-13.2.2026: a KELA.NOTIFY finding)."""
    Office.objects.create(
        organisation=world.org, name="Pori", street_address="Yrjönkatu 1",
        postal_code="28100", city="Pori",
    )  # fmt: skip
    world.coach.phone = "040 765 4321"
    world.coach.save()
    return import_case(world.coach, world.org, world.own_client, case_file())


@pytest.fixture
def http(client, world):
    client.force_login(world.coach)
    return client


def findings(case: Case, rule: str) -> list:
    return list(Case.objects.get(pk=case.pk).findings.filter(rule=rule))


def make_notice(http, case: Case, finding) -> Document:
    response = http.post(url("finding_notice", case=case), {"finding": finding.pk})
    document = Document.objects.get(case=case, status="draft")
    assert response.status_code == 302 and response["Location"] == url("document_detail", document)
    return document


def send(http, world, document: Document) -> None:
    document = service.finalise(
        world.coach, document, Case.objects.get(pk=document.case_id).version
    )
    assert document.is_final
    response = http.post(url("document_sent", document), {"recipient": "kela"})
    assert response.status_code == 302


def test_pause_finding_to_change_notice_sent_clears_it(http, world, case):
    http.cookies["django_language"] = "en"
    [finding] = findings(case, "KELA.NOTIFY")  # the pause of 11.2.2026
    assert finding.date == dt.date(2026, 2, 11)
    page = http.get(reverse("clients:case_detail", args=[world.own_client.pk, case.pk]))
    html = page.content.decode()
    assert "Make the notice" in html and url("finding_notice", case=case) in html
    assert html.count("Make the notice</button>") == len(
        [f for f in Case.objects.get(pk=case.pk).findings.all() if f.rule in notices.NOTICE_RULES]
    )

    document = make_notice(http, case, finding)
    assert document.kind == Kind.CHANGE_NOTICE and document.language == "fi"
    assert (
        document.content["what"] == "Tauko (jaksotus) 11.2.2026–13.2.2026, syy: työpaikka suljettu."
    )
    assert document.content["when"] == "2026-02-11"

    send(http, world, document)
    [event] = events(case, "kela_notice")
    assert event["date"] == timezone.localdate().isoformat()
    assert event["topic"].startswith("Ilmoitus Kelaan: muutos tai poikkeama: ")
    assert findings(case, "KELA.NOTIFY") == []  # the engine saw the notice
    entry = DisclosureLogEntry.objects.get()
    assert entry.recipient_kind == RecipientKind.KELA and entry.client == world.own_client
    assert f"#{document.pk}" in entry.document
    # A second sending is logged again but records no second event.
    http.post(url("document_sent", document), {"recipient": "kela"})
    assert len(events(case, "kela_notice")) == 1 and DisclosureLogEntry.objects.count() == 2


def test_finalising_alone_does_not_clear_the_finding(http, world, case):
    [finding] = findings(case, "KELA.NOTIFY")
    document = make_notice(http, case, finding)
    service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert events(case, "kela_notice") == [] and len(findings(case, "KELA.NOTIFY")) == 1


def test_other_work_makes_a_deviation_notice(http, world, case):
    add(world, case, {"type": "rehab_day", "date": "2026-02-17", "client_worked": True})
    other = render("KELA.NOTIFY.other_work", "en", {})
    [finding] = [f for f in findings(case, "KELA.NOTIFY") if f.message_en == other]
    document = make_notice(http, case, finding)
    assert document.kind == Kind.DEVIATION_NOTICE
    assert document.content == {
        "what": "Asiakas on tehnyt kuntoutuksen ohella muuta työtä (17.2.2026 alkaen).",
        "when": "2026-02-17",
    }
    send(http, world, document)
    assert findings(case, "KELA.NOTIFY") == []  # one notice on 6.12. answers both triggers
    text = pdf_text(bytes(Document.objects.get(pk=document.pk).pdf))
    assert "poikkeama kuntoutuksen toteutuksessa" in text and "Kela, viranomaislinja" in text


def test_skipped_step_notice_is_prefilled_from_its_event(http, world, case):
    add(
        world, case,
        {"type": "step_skipped", "date": "2026-03-02", "step": "Verkostotapaaminen",
         "reason": "Asiakas sairaalahoidossa"},
    )  # fmt: skip
    [finding] = findings(case, "PROCESS.STEP_SKIPPED")
    document = make_notice(http, case, finding)
    assert document.kind == Kind.SKIPPED_STEP_NOTICE
    assert document.content == {
        "step": "Verkostotapaaminen",
        "when": "2026-03-02",
        "reason": "Asiakas sairaalahoidossa",
    }
    send(http, world, document)
    assert findings(case, "PROCESS.STEP_SKIPPED") == []
    final = Document.objects.get(pk=document.pk)
    assert "Verkostotapaaminen" in final.text and "020 692 235" in final.text


def test_queue_finding_makes_a_queue_notice_to_the_email_address(http, world):
    received = timezone.localdate() - dt.timedelta(days=12)  # start deadline in 2 days
    data = case_file("Q-001")
    data["decision"]["received"] = received.isoformat()
    data["events"] = []
    case = import_case(world.coach, world.org, world.own_client, data)
    [finding] = findings(case, "QUEUE.NOTIFY")
    document = make_notice(http, case, finding)
    assert document.kind == Kind.QUEUE_NOTICE
    deadline = received + dt.timedelta(days=14)
    assert document.content["reason"] == (
        f"Kuntoutusta ei voida aloittaa aloituksen määräajassa {deadline:%-d.%-m.%Y}: "
    )
    send(http, world, document)
    assert findings(case, "QUEUE.NOTIFY") == []
    assert "kuntoutusetuudet_keskus@kela.fi" in Document.objects.get(pk=document.pk).text


def test_cannot_commit_makes_a_deviation_notice_with_its_reason(http, world, case):
    add(
        world, case,
        {"type": "cannot_commit", "date": "2026-02-20", "reason": "Osa-aikatyö iltaisin"},
    )  # fmt: skip
    [finding] = findings(case, "CLIENT.CANNOT_COMMIT")
    document = make_notice(http, case, finding)
    assert document.kind == Kind.DEVIATION_NOTICE
    assert document.content["what"] == (
        "Asiakas ei pysty sitoutumaan palvelukuvauksen mukaiseen kuntoutukseen (20.2.2026): "
        "Osa-aikatyö iltaisin"
    )
    send(http, world, document)
    assert findings(case, "CLIENT.CANNOT_COMMIT") == []


def test_a_finding_that_asks_for_no_notice_or_is_gone(http, world, case):
    other = Case.objects.get(pk=case.pk).findings.exclude(rule__in=notices.NOTICE_RULES).first()
    assert other is not None
    for value in (str(other.pk), "999999", "x"):
        response = http.post(url("finding_notice", case=case), {"finding": value}, follow=True)
        assert any(
            "no longer on the case" in m or "ei ole enää" in m for m in messages_of(response)
        )
    assert not Document.objects.filter(case=case).exists()
    response = http.get(url("finding_notice", case=case))  # not a blank 405
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clients:case_detail", args=[world.own_client.pk, case.pk]
    )


def test_no_action_for_a_role_that_makes_no_documents(client, world, case):
    client.force_login(world.quality_manager)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("clients:case_detail", args=[world.own_client.pk, case.pk]))
    assert page.status_code == 200 and "Make the notice" not in page.content.decode()
