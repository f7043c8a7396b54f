"""PLAN.VOCATIONAL on the web: a feedback report with its "Vocational plan" text written
records ``states_vocational_plan`` and the completed case's warning goes away."""

from __future__ import annotations

import pytest

from luotsi.casedocs import service
from luotsi.casedocs.report import FinaliseRefused
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import add, case_file, complete, events


def _completed(world) -> Case:
    case = import_case(world.coach, world.org, world.own_client, case_file("V-001"))
    add(world, case, {"type": "end", "date": "2026-03-31", "reason": "completed"})
    return Case.objects.get(pk=case.pk)


def _plan_findings(case: Case) -> list[str]:
    return [
        f.severity for f in Case.objects.get(pk=case.pk).findings.filter(rule="PLAN.VOCATIONAL")
    ]


def test_the_plan_written_in_the_feedback_report_clears_the_warning(world):
    case = _completed(world)
    assert _plan_findings(case) == ["warning"]
    document = service.create_draft(world.coach, case, "feedback", "fi")
    complete(world, document, plan="Logistiikka-alan koulutus.")
    service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    [event] = events(case, "feedback")
    assert event["states_vocational_plan"] is True
    assert _plan_findings(case) == []


def test_without_the_plan_text_the_report_is_refused_and_the_warning_stays(world):
    """A completed case's feedback report needs its vocational plan section (KU148), so the
    report is not finalised without it and PLAN.VOCATIONAL stays."""
    case = _completed(world)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    complete(world, document, plan="")
    with pytest.raises(FinaliseRefused) as refused:
        service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    assert "plan" in refused.value.message_dict
    assert events(case, "feedback") == []
    assert _plan_findings(case) == ["warning"]
