"""The demo's staff register and audit, as the quality manager sees them."""

from __future__ import annotations

from luotsi.quality.models import Audit, AuditDueItem
from luotsi.staff.models import StaffFinding, StaffMember


def test_the_demo_has_a_staff_register_and_an_audit(demo) -> None:
    assert StaffMember.objects.count() == 8
    rules = set(StaffFinding.objects.values_list("rule", "severity"))
    # Mikko's holiday leaves the Pori team short; Jussi's first aid expires in 40 days.
    assert ("TEAM.MIN_COACHES", "due") in rules and ("STAFF.TRAINING", "due") in rules
    audit = Audit.objects.get()
    assert audit.findings.count() == 4
    keys = sorted(AuditDueItem.objects.values_list("message_en", flat=True))
    assert any("response to Kela" in k for k in keys)
    assert any("check its effectiveness" in k for k in keys)


def test_loading_again_adds_nothing(demo) -> None:
    from luotsi.demo.loader import load_demo

    load_demo()
    assert StaffMember.objects.count() == 8 and Audit.objects.count() == 1
