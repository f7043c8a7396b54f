"""Case documents on the web: draft → edit → finalise, versions, immutability, case events,
CERT.STALE, sending, and the organisation boundary."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pypdf
import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import translation

from luotsi.access.models import AccessLogEntry, DisclosureLogEntry, LegalBasis, RecipientKind
from luotsi.casedocs import refusals, selectors, service
from luotsi.casedocs.models import Document, DocumentSending, FinalDocumentError, Status
from luotsi.cases.models import Case
from luotsi.cases.service import add_event, import_case
from luotsi.documents import DocumentRefused

OFFICE = "Pori, Yrjönkatu 1"
FEB = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def case_file(case_id: str = "D-001") -> dict:
    return {
        "format": "luotsi-case/1",
        "id": case_id,
        "service": "TK",
        "decision": {"received": "2026-01-05", "granted_days": 45, "first_decision": True},
        "events": [
            {"type": "meeting", "date": "2026-01-12", "phase": "planning", "kind": "individual",
             "mode": "face_to_face", "place": "provider_office", "office": OFFICE,
             "minutes": 90},
            {"type": "meeting", "date": "2026-01-20", "phase": "planning", "kind": "network",
             "mode": "video", "minutes": 60},
            {"type": "workplace", "from": "2026-02-09", "to": "2026-03-31",
             "employer": "Oy Esimerkki Ab"},
            {"type": "phase", "date": "2026-02-09", "phase": "workplace"},
            {"type": "rehab_day", "date": "2026-02-09", "hours": 6, "workplace_hours": 5},
            {"type": "rehab_day", "date": "2026-02-10", "hours": 6, "workplace_hours": 5},
            {"type": "rehab_day", "date": "2026-02-18", "hours": 6, "workplace_hours": 5},
            {"type": "pause", "from": "2026-02-11", "to": "2026-02-13",
             "reason": "workplace_closed"},
        ],
    }  # fmt: skip


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def url(name: str, document: Document | None = None, case: Case | None = None) -> str:
    case = case or document.case  # type: ignore[union-attr]
    kwargs = {"client_id": case.client_id, "case_id": case.pk}
    if document is not None:
        kwargs["document_id"] = document.pk
    return reverse(f"clients:{name}", kwargs=kwargs)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def field_errors(response, field: str) -> list[str]:
    """The errors the page shows on the draft form's ``field`` (none without a form)."""
    form = response.context.get("form")
    return list(form.errors.get(field, [])) if form is not None else []


def label_of(html: str, field: str) -> str:
    """The text of the ``<label>`` of the form field ``field``."""
    match = re.search(rf'<label for="id_{field}">(.*?)</label>', html, re.S)
    assert match, field
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def events(case: Case, kind: str) -> list[dict]:
    return [e.data for e in Case.objects.get(pk=case.pk).events.filter(type=kind)]


SECTIONS = {"goals": "Tavoitteet kirjattu.", "plan": "Suunnitelma.", "recommendations": "Jatko."}


def complete(world, document: Document, **texts: str) -> Document:
    """Fill the required KU148 sections of a feedback draft (and ``texts`` on top)."""
    return service.update_draft(world.coach, document, **{**SECTIONS, **texts})


def finalise_view(http, document: Document):
    version = Case.objects.get(pk=document.case_id).version
    return http.post(url("document_finalise", document), {"case_version": version}, follow=True)


# --- the whole flow through the pages --------------------------------------------------


def test_feedback_draft_edit_finalise_download(http, world, case):
    ended(world, case)
    page = http.get(reverse("clients:case_detail", args=[world.own_client.pk, case.pk]))
    assert page.status_code == 200
    assert url("document_create", case=case) in page.content.decode()

    response = http.post(url("document_create", case=case), {"kind": "feedback", "language": "fi"})
    document = Document.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("document_detail", document)
    assert document.status == Status.DRAFT and document.language == "fi"

    detail = http.get(url("document_detail", document)).content.decode()
    assert "Kuntoutuspalaute (KU148)" in detail and "LUONNOS" in detail  # the document's HTML
    assert 'name="goals"' in detail and 'name="case_version"' in detail

    response = http.post(
        url("document_edit", document),
        {"language": "fi", "goals": "Tavoite: kokoaikatyö. Saavutettiin osittain.",
         "plan": "Logistiikka-alan koulutus.", "network_work": "", "recommendations": ""},
    )  # fmt: skip
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.content["goals"] == "Tavoite: kokoaikatyö. Saavutettiin osittain."
    preview = http.get(url("document_preview", document))
    assert "Logistiikka-alan koulutus." in preview.content.decode()
    assert "style-src 'unsafe-inline'" in preview["Content-Security-Policy"]

    response = http.post(
        url("document_finalise", document),
        {"language": "fi", "goals": document.content["goals"],
         "plan": "Logistiikka-alan koulutus.", "network_work": "",
         "recommendations": "Työhönvalmennus jatkoksi.",
         "case_version": Case.objects.get(pk=case.pk).version},
        follow=True,
    )  # fmt: skip
    assert any("viimeisteltiin" in m for m in messages_of(response)), messages_of(response)
    document.refresh_from_db()
    assert document.status == Status.FINAL and document.finalised_by == world.coach
    assert document.sha256 == hashlib.sha256(bytes(document.pdf)).hexdigest()
    text = pdf_text(bytes(document.pdf))
    assert "Tavoite: kokoaikatyö. Saavutettiin osittain." in text
    assert "Logistiikka-alan koulutus." in text and "Oona Oma" in text
    assert "Työhönvalmennus jatkoksi." in text  # typed and finalised in one go
    assert "LUONNOS" not in text
    today = dt.date.today().isoformat()
    assert events(case, "feedback") == [
        {"type": "feedback", "date": today, "kind": "full", "mentions_sickness_extension": False,
         "states_vocational_plan": True}  # the plan text is written (PLAN.VOCATIONAL)
    ]  # fmt: skip

    download = http.get(url("document_pdf", document))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content == bytes(document.pdf)
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", ["Osallistumistodistus", "Oona Oma", "Todistuksen ajanjakso", "1.2.2026–28.2.2026",
                "9.2.2026–10.2.2026", "14.2.2026–28.2.2026", "Oy Esimerkki Ab", "Tauot",
                "työpaikka suljettu",
                "Coach Testinen", "040 765 4321", "Testikuntoutus Oy", "2345678-0"]),
        ("sv", ["Deltagarintyg", "Oona Oma", "Intygets period", "1.2.2026–28.2.2026",
                "Pauser", "arbetsplatsen stängd", "Telefonnummer", "040 765 4321"]),
    ],
)  # fmt: skip
def test_certificate_finalised_in_fi_and_sv_records_the_certificate_event(
    http, world, case, lang, expected
):
    response = http.post(
        url("document_create", case=case),
        {"kind": "certificate", "language": lang, "period_from": "2026-02-01",
         "period_to": "2026-02-28"},
    )  # fmt: skip
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    finalise_view(http, document)
    document.refresh_from_db()
    assert document.is_final
    text = pdf_text(bytes(document.pdf))
    for value in expected:
        assert value in text, value
    [event] = events(case, "certificate")
    assert event["from"] == "2026-02-01" and event["to"] == "2026-02-28"
    assert event["author_name"] == "Coach Testinen"
    assert event["author_phone"] == "040 765 4321"
    assert event["date"] == dt.date.today().isoformat()
    # The engine now sees the February days as certified.
    stored = Case.objects.get(pk=case.pk)
    assert not stored.findings.filter(rule="CERT.MISSING", date__range=FEB).exists()


def test_certificate_without_the_allowance_only_on_request(http, world, case):
    """Not needed when the client does not apply for the allowance: refused by default,
    made when the coach ticks that the client asked for one, and it then says so."""
    Case.objects.filter(pk=case.pk).update(applies_allowance=False)
    page = http.get(url("case_documents", case=case)).content.decode()
    assert "One can be made if the client asks for it" in page or "pyytää" in page
    data = {"kind": "certificate", "language": "fi", "period_from": "2026-02-01",
            "period_to": "2026-02-28"}  # fmt: skip
    response = http.post(url("document_create", case=case), data)
    assert response.status_code == 200
    assert "on_request" in response.context["form"].errors
    assert not Document.objects.exists()

    response = http.post(url("document_create", case=case), {**data, "on_request": "on"})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content["on_request"] == "yes"
    finalise_view(http, document)
    document.refresh_from_db()
    assert document.is_final
    text = pdf_text(bytes(document.pdf))
    assert "Asiakas ei hae kuntoutusrahaa, joten todistusta ei tarvita" in text
    assert "Todistus on laadittu asiakkaan pyynnöstä." in text
    assert "laadittu Kelalle kuntoutusrahan hakemista varten" not in text


def test_a_certificate_needs_its_period(world, case):
    with pytest.raises(Exception) as refused:
        service.create_draft(world.coach, case, "certificate", "fi", dt.date(2026, 2, 1), None)
    assert "period_to" in refused.value.message_dict


# --- refusals leave the draft and the case as they were --------------------------------


def test_missing_author_phone_is_named_and_nothing_is_finalised(http, world, case):
    document = service.create_draft(world.coach, case, "certificate", "fi", *FEB)
    Document.objects.filter(pk=document.pk).update(author_phone="")
    version = Case.objects.get(pk=case.pk).version
    response = finalise_view(http, document)
    # On the field, as the new-document form shows a certificate's missing period.
    assert messages_of(response) == []
    [message] = field_errors(response, "author_phone")
    assert message == "Ei viimeistelty: osallistumistodistukseen tarvitaan laatijan puhelinnumero."
    assert response.content.decode().count(message) == 1
    http.cookies["django_language"] = "en"
    [message] = field_errors(finalise_view(http, document), "author_phone")
    assert "phone" in message
    document.refresh_from_db()
    assert document.status == Status.DRAFT and document.pdf is None
    assert events(case, "certificate") == []
    assert Case.objects.get(pk=case.pk).version == version


def test_missing_business_id_is_named_from_the_builder(http, world, case):
    ended(world, case)
    world.org.business_id = ""
    world.org.save()
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    response = finalise_view(http, document)
    [message] = messages_of(response)
    assert message == "Ei viimeistelty: organisaation Y-tunnus puuttuu."
    # Said once: the preview does not repeat the message above it.
    assert response.content.decode().count(message) == 1
    assert "Esikatselua ei voi näyttää" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert events(case, "feedback") == []
    # The draft page says the same instead of a preview; no pointer, no English.
    detail = http.get(url("document_detail", document)).content.decode()
    assert detail.count(message) == 1 and "/contract/business_id" not in detail


def test_a_failing_render_leaves_the_draft_and_no_event(http, world, case, monkeypatch):
    ended(world, case)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    service.update_draft(
        world.coach,
        document,
        goals="Kirjoitettu teksti",
        plan="Suunnitelma",
        recommendations="Jatko",
    )

    def broken(context):
        raise OSError("fontconfig exploded")

    monkeypatch.setattr(service, "render_pdf", broken)
    version = Case.objects.get(pk=case.pk).version
    response = finalise_view(http, document)
    [message] = messages_of(response)
    assert "fontconfig exploded" in message and "Luonnos säilyi ennallaan" in message
    document.refresh_from_db()
    assert document.status == Status.DRAFT and document.pdf is None
    assert document.content["goals"] == "Kirjoitettu teksti"
    assert events(case, "feedback") == []
    assert Case.objects.get(pk=case.pk).version == version


def test_a_stale_case_version_is_refused(http, world, case):
    ended(world, case)
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    version = Case.objects.get(pk=case.pk).version
    response = http.post(
        url("document_finalise", document), {"case_version": version - 1}, follow=True
    )
    assert any("Asia on muuttunut sen jälkeen" in m for m in messages_of(response))
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_the_event_and_the_document_are_one_transaction(world, case, monkeypatch):
    """If storing the final document fails after the event was added, the event goes too."""
    ended(world, case)
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))

    def refuse(*args, **kwargs):
        raise FinalDocumentError("boom")

    version = Case.objects.get(pk=case.pk).version
    monkeypatch.setattr(Document, "save", refuse)
    with pytest.raises(FinalDocumentError):
        service.finalise(world.coach, document, version)
    monkeypatch.undo()
    assert events(case, "feedback") == []
    assert Case.objects.get(pk=case.pk).version == version
    assert Document.objects.get(pk=document.pk).status == Status.DRAFT


def test_a_feedback_report_is_finalised_only_after_the_end(http, world, case):
    """FEEDBACK.DEADLINE counts a report made on or after the end: none is made before it."""
    document = service.create_draft(world.coach, case, "feedback", "fi")
    complete(world, document, goals="Kesken")
    response = finalise_view(http, document)
    [message] = messages_of(response)
    assert "kuntoutus ei ole päättynyt" in message and "päättyminen" in message
    document.refresh_from_db()
    assert document.status == Status.DRAFT and document.content["goals"] == "Kesken"
    assert events(case, "feedback") == []
    ended(world, case)  # 31.3.2026
    with pytest.raises(service.FinaliseRefused) as refused:
        service.finalise(
            world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 3, 30)
        )
    assert refused.value.code == "not_ended"
    service.finalise(
        world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 3, 31)
    )
    assert [e["date"] for e in events(case, "feedback")] == ["2026-03-31"]


def test_a_taito_feedback_report_waits_for_the_final_group_period(world):
    taito = {
        **case_file("D-TAITO"),
        "service": "TAITO",
        "events": [
            {"type": "phase", "date": "2026-01-12", "phase": "start"},
            {"type": "rehab_day", "date": "2026-01-19", "group": True},
        ],
    }
    case = import_case(world.coach, world.org, world.own_client, taito)
    document = complete(world, service.create_draft(world.coach, case, "feedback", "fi"))
    with pytest.raises(service.FinaliseRefused) as refused:
        service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert refused.value.code == "not_ended"
    assert "viimeinen ryhmäjakso ei ole alkanut" in refused.value.message
    add(world, case, {"type": "phase", "date": "2026-03-02", "phase": "final"})
    add(world, case, {"type": "rehab_day", "date": "2026-03-02", "group": True})
    service.finalise(
        world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 3, 10)
    )
    assert [e["date"] for e in events(case, "feedback")] == ["2026-03-10"]


# --- immutability and versions ----------------------------------------------------------


@pytest.fixture
def final_certificate(world, case):
    document = service.create_draft(world.coach, case, "certificate", "fi", *FEB)
    # Made mid-period: a change after the 15th is a change inside a certified period.
    return service.finalise(
        world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 2, 15)
    )


def test_a_final_document_cannot_be_changed_or_removed(http, world, final_certificate):
    document = Document.objects.get(pk=final_certificate.pk)
    document.author_phone = "000"
    with pytest.raises(FinalDocumentError):
        document.save()
    with pytest.raises(FinalDocumentError):
        document.delete()
    with pytest.raises(FinalDocumentError):
        Document.objects.filter(pk=document.pk).update(author_phone="000")
    with pytest.raises(FinalDocumentError):
        Document.objects.filter(pk=document.pk).delete()
    response = http.post(
        url("document_edit", document), {"language": "sv", "author_phone": "000"}, follow=True
    )
    assert any("Valmista asiakirjaa ei voi muuttaa" in m for m in messages_of(response))
    stored = Document.objects.get(pk=document.pk)
    assert stored.author_phone == "040 765 4321" and stored.language == "fi"
    assert bytes(stored.pdf) == bytes(final_certificate.pdf)
    # A final document is not finalised twice (no second event).
    finalise_view(http, stored)
    assert len(events(final_certificate.case, "certificate")) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL only")
def test_the_database_refuses_changing_a_final_document(final_certificate):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casedocs_document SET author_phone = '000' WHERE id = %s",
            [final_certificate.pk],
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM casedocs_document WHERE id = %s", [final_certificate.pk])


def test_cert_stale_offers_a_new_version_that_replaces_the_old(http, world, final_certificate):
    case = final_certificate.case
    old_pdf = bytes(final_certificate.pdf)
    old_sha = final_certificate.sha256
    page = http.get(reverse("clients:case_detail", args=[world.own_client.pk, case.pk]))
    assert "Make a new version" not in page.content.decode()
    http.cookies["django_language"] = "en"

    add_event(
        world.coach,
        case,
        {"type": "absence", "from": "2026-02-19", "to": "2026-02-20", "reason": "sickness"},
        Case.objects.get(pk=case.pk).version,
    )
    assert Case.objects.get(pk=case.pk).findings.filter(rule="CERT.STALE").exists()
    page = http.get(reverse("clients:case_detail", args=[world.own_client.pk, case.pk]))
    html = page.content.decode()
    assert "A new participation certificate is needed for 1.2.2026–28.2.2026" in html
    assert url("document_new_version", final_certificate) in html

    response = http.post(url("document_new_version", final_certificate))
    draft = Document.objects.get(replaces=final_certificate)
    assert response["Location"] == url("document_detail", draft)
    assert draft.status == Status.DRAFT and draft.version == 2
    assert (draft.period_from, draft.period_to) == FEB
    stale = case.findings.get(rule="CERT.STALE")
    assert draft.what_changed == stale.message_fi  # prefilled in the document's language
    detail = http.get(url("document_detail", draft)).content.decode()
    assert 'name="what_changed"' in detail

    service.update_draft(world.coach, draft, what_changed="Sairauspoissaolo 19.–20.2.2026.")
    finalise_view(http, draft)
    draft.refresh_from_db()
    assert draft.is_final
    text = pdf_text(bytes(draft.pdf))
    assert "Muutokset edelliseen versioon" in text
    assert "Sairauspoissaolo 19.–20.2.2026." in text and "Versio 2" in text
    assert "sairaus" in text  # the new absence is on the new version

    old = Document.objects.get(pk=final_certificate.pk)
    assert bytes(old.pdf) == old_pdf and old.sha256 == old_sha
    assert old.status == Status.FINAL and old.superseded_by == draft
    stored = Case.objects.get(pk=case.pk)
    assert not stored.findings.filter(rule="CERT.STALE").exists()
    assert len(events(case, "certificate")) == 2
    page = http.get(url("case_documents", case=case)).content.decode()
    assert "Superseded" in page and "A new participation certificate is needed" not in page


# --- sending and notices ----------------------------------------------------------------


def test_marking_sent_writes_the_disclosure_log(http, world, final_certificate):
    draft = service.create_draft(world.coach, final_certificate.case, "feedback", "fi")
    response = http.post(url("document_sent", draft), follow=True)
    assert any("Vain valmiin asiakirjan" in m for m in messages_of(response))
    assert not DisclosureLogEntry.objects.exists()

    http.cookies["django_language"] = "en"
    response = http.post(url("document_sent", final_certificate), follow=True)
    assert response.status_code == 200
    entry = DisclosureLogEntry.objects.get()
    assert entry.client == world.own_client and entry.recipient_name == "Kela"
    assert entry.legal_basis == LegalBasis.KELA_LAW and entry.user == world.coach
    assert f"#{final_certificate.pk}" in entry.document and "v1" in entry.document
    assert DocumentSending.objects.get().disclosure == entry
    html = response.content.decode()
    assert entry.at.strftime("%-d.%-m.%Y") in html and "Sent and given" in html
    assert f"Kela ({entry.user_name})" in html


def test_change_notice_records_a_kela_notice(http, world, case):
    document = service.create_draft(world.coach, case, "change_notice", "sv")
    response = http.post(
        url("document_edit", document),
        {"language": "sv", "author_name": "Coach Testinen", "author_phone": "040 765 4321",
         "what": "Avbrott 11–13.2.2026: arbetsplatsen stängd", "when": "2026-02-11",
         "new_certificate": "no"},
    )  # fmt: skip
    assert response.status_code == 302
    finalise_view(http, document)
    document.refresh_from_db()
    assert document.is_final
    text = pdf_text(bytes(document.pdf))
    assert "Anmälan till FPA" in text and "Avbrott 11–13.2.2026" in text and "11.2.2026" in text
    assert "FPA, myndighetslinjen" in text and "020 692 235" in text  # addressee and channel
    assert events(case, "kela_notice") == []  # finalised is not yet sent
    http.post(url("document_sent", document), {"recipient": "kela"})
    [event] = events(case, "kela_notice")
    assert "Avbrott 11–13.2.2026: arbetsplatsen stängd" in event["topic"]


def test_queue_notice_without_a_reason_names_the_field(http, world, case):
    document = service.create_draft(world.coach, case, "queue_notice", "fi")
    response = finalise_view(http, document)
    assert messages_of(response) == []
    assert field_errors(response, "reason") == ["Ei viimeistelty: Syy puuttuu."]
    assert events(case, "kela_notice") == []


# --- who may -----------------------------------------------------------------------------


def test_another_organisations_documents_are_404(client, world, final_certificate):
    client.force_login(world.other_coach)
    for name in ("document_detail", "document_pdf", "document_preview"):
        assert client.get(url(name, final_certificate)).status_code == 404
    for name in ("document_sent", "document_new_version", "document_finalise"):
        assert client.post(url(name, final_certificate)).status_code == 404
    assert not DisclosureLogEntry.objects.exists()


def test_a_document_under_another_case_of_the_same_client_is_404(http, world, final_certificate):
    other = import_case(world.coach, world.org, world.own_client, case_file("D-002"))
    wrong = reverse(
        "clients:document_detail",
        kwargs={"client_id": world.own_client.pk, "case_id": other.pk,
                "document_id": final_certificate.pk},
    )  # fmt: skip
    assert http.get(wrong).status_code == 404


def test_the_quality_manager_reads_but_does_not_edit(client, world, case):
    document = service.create_draft(world.coach, case, "feedback", "fi")
    client.force_login(world.quality_manager)
    detail = client.get(url("document_detail", document))
    assert detail.status_code == 200
    assert 'name="goals"' not in detail.content.decode()
    assert client.post(url("document_edit", document), {"goals": "x"}).status_code == 404
    assert client.post(url("document_finalise", document), {}).status_code == 404
    document.refresh_from_db()
    assert document.content["goals"] == ""


# --- reading a final version, plain text, giving to the client, deadlines ------------------


def ended(world, case: Case, reason: str = "completed") -> None:
    """Record the case's end (31.3.2026), as a feedback report needs."""
    add(world, case, {"type": "end", "date": "2026-03-31", "reason": reason})


def add(world, case: Case, event: dict) -> None:
    add_event(world.coach, case, event, Case.objects.get(pk=case.pk).version)


def test_a_final_version_reads_on_screen_as_stored_with_its_pdf(client, http, world, case):
    ended(world, case)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    complete(world, document, goals="Tavoite: osa-aikatyö kaupan alalla.")
    document = service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert "Tavoite: osa-aikatyö kaupan alalla." in pdf_text(bytes(document.pdf))
    assert "<main>" in document.html and "<article" in document.body
    # The case changes after finalising: the final version must not.
    add(world, case, {"type": "meeting", "date": "2026-03-02", "phase": "workplace",
                      "kind": "network", "mode": "phone", "minutes": 30})  # fmt: skip

    client.force_login(world.quality_manager)  # reads, does not make documents
    detail = client.get(url("document_detail", document)).content.decode()
    assert "Tavoite: osa-aikatyö kaupan alalla." in detail
    assert "Kuntoutuspalaute (KU148)" in detail and "LUONNOS" not in detail
    assert "2.3.2026" not in detail  # the meeting added later is not in the final version
    assert url("document_preview", document) in detail

    page = client.get(url("document_preview", document))
    assert page.status_code == 200
    assert page.content.decode() == Document.objects.get(pk=document.pk).html
    assert "default-src 'none'" in page["Content-Security-Policy"]
    entry = AccessLogEntry.objects.filter(user=world.quality_manager).latest("pk")
    assert entry.action == "view" and entry.detail == f"document {document.pk} final"
    # Re-rendering from the case now would differ: the page really is the stored one.
    assert "2.3.2026" in service.render_html(selectors.build_context(document, final=True))


def test_a_final_notice_as_plain_text_for_kelas_secure_email(http, world, case):
    document = service.create_draft(world.coach, case, "change_notice", "fi")
    service.update_draft(
        world.coach, document, what="Keskeytys 11.–13.2.2026: työpaikka suljettu",
        when="2026-02-11", new_certificate="no",
    )  # fmt: skip
    detail = http.get(url("document_detail", document)).content.decode()
    assert "Kelan suojattuun sähköpostiin" in detail  # the draft's text is previewed
    assert "Mikä muuttui: Keskeytys 11.–13.2.2026: työpaikka suljettu" in detail
    draft = http.get(url("document_text", document), follow=True)
    assert any("pelkkänä tekstinä" in m for m in messages_of(draft)), messages_of(draft)

    document = service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    detail = http.get(url("document_detail", document)).content.decode()
    assert url("document_text", document) in detail
    response = http.get(url("document_text", document))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline")
    text = response.content.decode()
    assert text == document.text
    assert "Keskeytys 11.–13.2.2026: työpaikka suljettu" in text and "11.2.2026" in text
    assert world.own_client.identity_code in text and "<" not in text
    assert "Keskeytys 11.–13.2.2026" in pdf_text(bytes(document.pdf))  # the same notice
    entry = AccessLogEntry.objects.latest("pk")
    assert entry.action == "print" and entry.detail == f"document {document.pk} text"
    assert entry.client == world.own_client

    saved = http.get(url("document_text", document) + "?download=1")
    assert saved["Content-Disposition"].startswith("attachment")
    assert saved["Content-Disposition"].endswith('.txt"')


def test_a_certificate_has_no_plain_text(http, world, final_certificate):
    assert final_certificate.text == ""
    response = http.get(url("document_text", final_certificate))
    assert response.status_code == 302
    assert response["Location"] == url("document_detail", final_certificate)


def test_giving_a_document_to_the_client_is_logged(http, world, final_certificate):
    http.cookies["django_language"] = "en"
    detail = http.get(url("document_detail", final_certificate)).content.decode()
    assert "Mark as given to the client" in detail and "Mark as sent to Kela" in detail
    response = http.post(url("document_sent", final_certificate), {"recipient": "client"})
    assert response.status_code == 302
    entry = DisclosureLogEntry.objects.get()
    assert entry.recipient_kind == RecipientKind.CLIENT
    assert entry.legal_basis == LegalBasis.DATA_SUBJECT and entry.consent is None
    assert entry.recipient_name == world.own_client.full_name
    assert f"#{final_certificate.pk}" in entry.document
    assert DocumentSending.objects.get().disclosure == entry
    page = http.get(url("case_documents", case=final_certificate.case)).content.decode()
    assert "Given to the client" in page and entry.at.strftime("%-d.%-m.%Y") in page
    detail = http.get(url("document_detail", final_certificate)).content.decode()
    assert "The client themself" in detail

    # A notice goes to Kela only.
    notice = service.create_draft(world.coach, final_certificate.case, "queue_notice", "fi")
    service.update_draft(world.coach, notice, reason="Työpaikkaa ei löytynyt.")
    notice = service.finalise(world.coach, notice, Case.objects.get(pk=notice.case_id).version)
    assert (
        "Mark as given to the client"
        not in http.get(url("document_detail", notice)).content.decode()
    )
    response = http.post(url("document_sent", notice), {"recipient": "client"}, follow=True)
    assert any("only to Kela" in m or "Kela only" in m for m in messages_of(response))
    assert DisclosureLogEntry.objects.count() == 1
    response = http.post(url("document_sent", notice), {"recipient": "employer"}, follow=True)
    assert any("The recipient is Kela or the client." in m for m in messages_of(response))
    assert DisclosureLogEntry.objects.count() == 1
    response = http.post(url("document_sent", notice), {"recipient": "kela"})
    assert DisclosureLogEntry.objects.latest("pk").recipient_kind == RecipientKind.KELA


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL only")
def test_a_client_disclosure_row_stays_append_only(world, final_certificate):
    service.mark_sent(world.coach, final_certificate, "client")
    entry = DisclosureLogEntry.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE access_disclosurelogentry SET recipient_name = 'x' WHERE id = %s", [entry.pk]
        )


def test_feedback_due_date_and_short_form_for_an_interrupted_case(http, world, case):
    http.cookies["django_language"] = "en"
    page = http.get(url("case_documents", case=case)).content.decode()
    assert "Feedback report due" not in page  # the case has not ended
    add(world, case, {"type": "end", "date": "2026-03-20", "reason": "interrupted"})
    document = service.create_draft(world.coach, case, "feedback", "fi")
    page = http.get(url("case_documents", case=case)).content.decode()
    assert "Feedback report due 3.4.2026" in page and "due 3.4.2026" in page
    assert "the feedback report is the short one" in page and "short: interrupted" in page
    assert "late" in page  # today is after 3.4.2026 and no report was made

    detail = http.get(url("document_detail", document)).content.decode()
    assert "Kuntoutuspalaute, lyhyt (keskeytynyt kuntoutus, KU148)" in detail
    assert 'name="interruption_reason"' in detail
    with pytest.raises(service.FinaliseRefused) as refused:
        service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert set(refused.value.message_dict) == {"goals", "interruption_reason", "__all__"}
    service.update_draft(
        world.coach, document, goals="Ei ehditty arvioida.", interruption_reason="Muutto."
    )
    document = service.finalise(
        world.coach, document, Case.objects.get(pk=case.pk).version, on=dt.date(2026, 4, 1)
    )
    assert "Kuntoutuspalaute, lyhyt" in pdf_text(bytes(document.pdf))
    [event] = events(case, "feedback")
    assert event["kind"] == "short" and event["date"] == "2026-04-01"
    page = http.get(url("case_documents", case=case)).content.decode()
    assert "Feedback report due 3.4.2026 – made 1.4.2026" in page
    assert "late" not in page


def test_a_feedback_report_after_the_due_date_is_late(world, case):
    add(world, case, {"type": "end", "date": "2026-03-31", "reason": "completed"})
    status = selectors.feedback_due(Case.objects.get(pk=case.pk), today=dt.date(2026, 4, 14))
    assert status == {"due": dt.date(2026, 4, 14), "short": False, "done": None, "late": False}
    status = selectors.feedback_due(Case.objects.get(pk=case.pk), today=dt.date(2026, 4, 15))
    assert status["late"] is True
    add(world, case, {"type": "feedback", "date": "2026-04-16", "kind": "full"})
    status = selectors.feedback_due(Case.objects.get(pk=case.pk), today=dt.date(2026, 4, 15))
    assert status["done"] == dt.date(2026, 4, 16) and status["late"] is True


def test_the_language_defaults_to_the_clients(http, world, case):
    world.own_client.language = "sv"
    world.own_client.save()
    page = http.get(url("document_create", case=case)).content.decode()
    assert '<option value="sv" selected>' in page
    http.post(url("document_create", case=case), {"kind": "feedback", "language": "sv"})
    assert Document.objects.get(case=case).language == "sv"


def test_a_final_certificate_lists_future_periods(http, world, final_certificate):
    # Finalised 15.2.2026: the rehabilitation day of 18.2.2026 is still to come.
    body = final_certificate.body
    assert "Tulevat kuntoutusjaksot" in body and "18.2.2026" in body
    [event] = events(final_certificate.case, "certificate")
    assert event["includes_future"] is True
    detail = http.get(url("document_detail", final_certificate)).content.decode()
    assert "Tulevat kuntoutusjaksot" in detail


def test_a_superseded_version_is_not_sent(http, world, final_certificate):
    draft = service.new_version(world.coach, final_certificate)
    service.update_draft(world.coach, draft, what_changed="Korjattu puhelinnumero.")
    service.finalise(world.coach, draft, Case.objects.get(pk=draft.case_id).version)
    detail = http.get(url("document_detail", final_certificate)).content.decode()
    assert url("document_sent", final_certificate) not in detail
    for recipient in ("kela", "client"):
        response = http.post(
            url("document_sent", final_certificate), {"recipient": recipient}, follow=True
        )
        assert any("korvattu uudemmalla" in m for m in messages_of(response)), messages_of(response)
    assert not DisclosureLogEntry.objects.exists()
    http.post(url("document_sent", draft), {"recipient": "kela"})
    assert f"#{draft.pk}" in DisclosureLogEntry.objects.get().document


# --- a refusal is one translated sentence on its field; required fields say so ----------


@pytest.mark.parametrize(
    ("lang", "kind", "data", "field", "expected"),
    [
        ("fi", "change_notice", {"when": "2026-02-11"}, "what",
         "Ei viimeistelty: Mikä muuttui puuttuu."),
        ("sv", "change_notice", {"when": "2026-02-11"}, "what",
         "Inte slutfört: Vad ändrades saknas."),
        ("fi", "change_notice", {"what": "Tauko"}, "when",
         "Ei viimeistelty: Muutoksen ajankohta puuttuu."),
        ("fi", "queue_notice", {}, "reason", "Ei viimeistelty: Syy puuttuu."),
        ("sv", "queue_notice", {}, "reason", "Inte slutfört: Orsak saknas."),
    ],
)  # fmt: skip
def test_a_missing_notice_field_is_one_translated_sentence_on_the_field(
    http, world, case, lang, kind, data, field, expected
):
    http.cookies["django_language"] = lang
    document = service.create_draft(world.coach, case, kind, lang)
    version = Case.objects.get(pk=case.pk).version
    posted = {"language": lang, "author_name": "Coach Testinen", "case_version": version}
    response = http.post(url("document_finalise", document), {**posted, **data}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == []  # not also a message at the top of the page
    assert field_errors(response, field) == [expected]
    html = response.content.decode()
    assert html.count(expected) == 1  # the preview does not repeat it
    assert f'id="id_{field}_error"><p class="field-error">{expected}</p>' in html.replace(
        "&#x27;", "'"
    )
    # No command-line option or English developer text (the CLI keeps that for itself).
    for cli_text in ("--what", "--when", "--reason", "kela_notice", "but missing", "required for"):
        assert cli_text not in html, cli_text
    # What was typed is kept, and nothing was finalised.
    document.refresh_from_db()
    assert document.status == Status.DRAFT and events(case, "kela_notice") == []
    for key, value in data.items():
        assert document.content[key] == value


def test_the_command_line_keeps_its_own_option_naming_message(world, case):
    document = service.create_draft(world.coach, case, "change_notice", "fi")
    with pytest.raises(DocumentRefused) as refused:
        selectors.build_context(document)
    assert refused.value.pointer.startswith("--what") and refused.value.code == "missing"
    assert "required for the change notice" in str(refused.value)  # the CLI's own text
    with translation.override("fi"):
        field, message = refusals.refusal_message(refused.value)
    assert field == "what" and message == "Ei viimeistelty: Mikä muuttui puuttuu."


@pytest.mark.parametrize(
    ("lang", "kind", "labels"),
    [
        ("fi", "change_notice", {"what": "Mikä muuttui (tarvitaan viimeistelyyn)",
                                 "when": "Muutoksen ajankohta (tarvitaan viimeistelyyn)"}),
        ("sv", "queue_notice", {"reason": "Orsak (krävs för att slutföra)",
                                "expected_start": "Beräknad startdag (valfritt)"}),
        ("fi", "certificate", {"author_name": "Laatijan nimi (tarvitaan viimeistelyyn)",
                               "author_phone": "Laatijan puhelinnumero (tarvitaan viimeistelyyn)"}),
        ("fi", "feedback", {"goals": "Tavoitteet ja niiden toteutuminen (tarvitaan viimeistelyyn)",
                            "plan": "Ammatillinen suunnitelma (tarvitaan viimeistelyyn)",
                            "network_work": "Verkostotyö (vapaaehtoinen)",
                            "author_name": "Laatijan nimi (tarvitaan viimeistelyyn)"}),
    ],
)  # fmt: skip
def test_fields_needed_to_finalise_are_not_labelled_optional(http, world, case, lang, kind, labels):
    http.cookies["django_language"] = lang
    document = service.create_draft(
        world.coach, case, kind, lang, *(FEB if kind == "certificate" else ())
    )
    html = http.get(url("document_detail", document)).content.decode()
    for field, label in labels.items():
        assert label_of(html, field) == label


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fi", "Ajanjakso alkaen (tarvitaan osallistumistodistukseen)"),
     ("sv", "Perioden från (krävs för deltagarintyg)")],
)  # fmt: skip
def test_the_certificate_period_is_not_labelled_optional(http, case, lang, expected):
    http.cookies["django_language"] = lang
    html = http.get(url("document_create", case=case)).content.decode()
    assert label_of(html, "period_from") == expected
    assert "vapaaehtoinen" not in label_of(html, "period_to")
    assert "valfritt" not in label_of(html, "period_to")


def test_a_certificate_preview_without_the_phone_names_it_without_cli_options(http, world, case):
    document = service.create_draft(world.coach, case, "certificate", "fi", *FEB)
    Document.objects.filter(pk=document.pk).update(author_phone="")
    html = http.get(url("document_detail", document)).content.decode()
    message = "Ei viimeistelty: osallistumistodistukseen tarvitaan laatijan puhelinnumero."
    assert html.replace("&#x27;", "'").count(message) == 1
    assert "--author" not in html and "--phone" not in html
