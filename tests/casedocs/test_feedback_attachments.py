"""FEEDBACK.ATTACHMENTS from the web: the coach records which attachments (GAS, KU5) went
with a TEAK feedback report; the report lists them, finalising records them on the case
(``feedback.attachments``) and the finding follows."""

from __future__ import annotations

import pytest

from luotsi.casedocs import service
from luotsi.cases.models import Case, CaseFinding
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import SECTIONS, case_file, ended, events, pdf_text, url


@pytest.fixture
def teak(world, case):  # ``case`` makes the office and the coach's phone
    data = {**case_file("D-TEAK"), "service": "TEAK-TK"}
    data["decision"] = {**data["decision"], "granted_days": 30}
    teak = import_case(world.coach, world.org, world.own_client, data)
    ended(world, teak)
    return teak


def finalise(http, document, **extra):
    version = Case.objects.get(pk=document.case_id).version
    data = {"language": "fi", "author_name": "Coach Testinen", **SECTIONS,
            "case_version": version, **extra}  # fmt: skip
    return http.post(url("document_finalise", document), data)


def attachment_findings(case):
    return list(
        CaseFinding.objects.filter(case=case, rule="FEEDBACK.ATTACHMENTS").values_list(
            "severity", "message_en"
        )
    )


def test_both_attachments_are_offered_ticked_and_recorded(http, world, teak):
    document = service.create_draft(world.coach, teak, "feedback", "fi")
    page = http.get(url("document_detail", document))
    form = page.context["form"]
    assert form["attachments"].value() == ["GAS", "KU5"]
    assert 'name="attachments" value="KU5"' in page.content.decode()
    response = finalise(http, document, attachments=["GAS", "KU5"])
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_final
    [event] = events(teak, "feedback")
    assert event["attachments"] == ["GAS", "KU5"]
    assert attachment_findings(teak) == []
    text = pdf_text(bytes(document.pdf))
    assert "GAS-lomake" in text and "KU5" in text


def test_an_attachment_not_sent_is_recorded_and_is_a_violation(http, world, teak):
    document = service.create_draft(world.coach, teak, "feedback", "fi")
    response = finalise(http, document, attachments=["GAS"])
    assert response.status_code == 302
    document.refresh_from_db()
    [event] = events(teak, "feedback")
    assert event["attachments"] == ["GAS"]
    [(severity, message)] = attachment_findings(teak)
    assert severity == "violation" and "KU5" in message
    text = pdf_text(bytes(document.pdf))
    assert "GAS-lomake" in text and "KU5" not in text


def test_none_ticked_is_recorded_as_none(http, world, teak):
    document = service.create_draft(world.coach, teak, "feedback", "fi")
    response = http.post(
        url("document_edit", document), {"language": "fi", "author_name": "Coach Testinen"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.content["attachments"] == []
    assert http.get(url("document_detail", document)).context["form"]["attachments"].value() == []
    finalise(http, document)
    [event] = events(teak, "feedback")
    assert event["attachments"] == []
    [(severity, message)] = attachment_findings(teak)
    assert severity == "violation" and "GAS" in message and "KU5" in message


def test_an_unknown_attachment_is_refused_at_the_field(http, world, teak):
    document = service.create_draft(world.coach, teak, "feedback", "fi")
    response = http.post(
        url("document_edit", document), {"language": "fi", "attachments": ["GAS", "KU6"]}
    )
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    document.refresh_from_db()
    assert document.content["attachments"] == ""


def test_other_services_record_no_attachments(http, world, case):
    ended(world, case)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    page = http.get(url("document_detail", document))
    assert "attachments" not in page.context["form"].fields
    finalise(http, document, attachments=["KU5"])
    [event] = events(case, "feedback")
    assert "attachments" not in event
