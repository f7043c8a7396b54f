"""PLAN.VOCATIONAL on the web: a feedback report with its "Vocational plan" text written
records ``states_vocational_plan`` and the completed case's warning goes away."""

from __future__ import annotations

from luotsi.casedocs import service
from luotsi.cases.models import Case
from luotsi.cases.service import import_case
from tests.casedocs.test_casedocs import add, case_file, events


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
    service.update_draft(world.coach, document, plan="Logistiikka-alan koulutus.")
    service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    [event] = events(case, "feedback")
    assert event["states_vocational_plan"] is True
    assert _plan_findings(case) == []


def test_without_the_plan_text_the_report_says_nothing_of_it(world):
    case = _completed(world)
    document = service.create_draft(world.coach, case, "feedback", "fi")
    service.finalise(world.coach, document, Case.objects.get(pk=case.pk).version)
    [event] = events(case, "feedback")
    assert "states_vocational_plan" not in event
    assert _plan_findings(case) == ["warning"]
