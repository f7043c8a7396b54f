"""The final feedback report carries the survey link and QR code; the draft does not."""

from __future__ import annotations

import pytest

from luotsi.casedocs.models import Document
from luotsi.cases.models import Case
from luotsi.quality import survey
from luotsi.quality.models import SurveyToken
from tests.casedocs.conftest import case, http  # noqa: F401 - the case-documents fixtures
from tests.casedocs.test_casedocs import ended, pdf_text, url


@pytest.mark.usefixtures("case")
def test_the_final_feedback_report_invites_to_the_survey(http, world, case) -> None:  # noqa: F811
    ended(world, case)
    http.post(url("document_create", case=case), {"kind": "feedback", "language": "fi"})
    document = Document.objects.get(case=case)
    assert "Asiakaspalaute" not in http.get(url("document_preview", document)).content.decode()
    assert not SurveyToken.objects.exists()
    fields = {
        "language": "fi",
        "goals": "Tavoite.",
        "plan": "Suunnitelma.",
        "network_work": "",
        "recommendations": "Suositus.",
        "case_version": Case.objects.get(pk=case.pk).version,
    }
    http.post(url("document_finalise", document), fields)
    document.refresh_from_db()
    assert document.status == "final"
    text = pdf_text(bytes(document.pdf))
    assert "Asiakaspalaute" in text and "/public/feedback/" in text
    token = text.split("/public/feedback/")[1].split("/")[0]
    invitation = SurveyToken.objects.get()
    assert invitation.case == case and invitation.token_hash == survey.token_hash(token)
    assert survey.answer(token, dict.fromkeys(survey.QUESTIONS, 4))
