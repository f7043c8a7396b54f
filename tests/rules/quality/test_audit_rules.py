"""Boundary tables for AUDIT.DEADLINES and AUDIT.FINDINGS."""

from __future__ import annotations

import datetime as dt

import pytest

from luotsi.rules.quality.audits import (
    AREAS,
    MAJOR,
    MINOR,
    STRENGTH,
    SUGGESTION,
    ActionFacts,
    AuditFacts,
    CannotClose,
    FindingFacts,
    action_due,
    audit_findings,
    check_closable,
    may_have_action,
    needs_action,
    report_due,
    response_due,
)

D = dt.date
VISIT = D(2026, 3, 10)


def test_seven_areas() -> None:
    assert len(AREAS) == 7


def test_report_and_response_deadlines() -> None:
    assert report_due(VISIT) == D(2026, 3, 24)
    assert response_due(VISIT) == D(2026, 4, 7)


@pytest.mark.parametrize(
    ("kind", "due", "needs", "may"),
    [
        (MAJOR, VISIT, True, True),  # at once
        (MINOR, D(2026, 4, 7), True, True),  # by the response
        (SUGGESTION, None, False, True),
        (STRENGTH, None, False, False),
    ],
)
def test_action_due_by_kind(kind, due, needs, may) -> None:
    assert action_due(kind, VISIT) == due
    assert needs_action(kind) is needs and may_have_action(kind) is may


def _keys(audit: AuditFacts, on: dt.date) -> list[tuple[str, str, dt.date | None]]:
    return [(f.key.rsplit(".", 1)[1], f.severity, f.due) for f in audit_findings(audit, on)]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 4, 6), [("response_due", "due", D(2026, 4, 7))]),
        (D(2026, 4, 7), [("response_due", "due", D(2026, 4, 7))]),
        (D(2026, 4, 8), [("response_late", "violation", None)]),
    ],
)
def test_response_due_then_late(on, expected) -> None:
    assert _keys(AuditFacts("A", VISIT), on) == expected


def test_a_sent_response_is_no_longer_due() -> None:
    assert _keys(AuditFacts("A", VISIT, response_sent_on=D(2026, 4, 8)), D(2026, 5, 1)) == []


def test_a_late_response_with_a_major_deviation_escalates() -> None:
    act = ActionFacts("1.1", VISIT, done_on=VISIT, checked_on=VISIT, closed_on=VISIT)
    audit = AuditFacts(
        "A", VISIT, findings=(FindingFacts("1", MAJOR, "client_safety", True, (act,)),)
    )
    assert _keys(audit, D(2026, 4, 8)) == [
        ("response_late", "violation", None),
        ("escalated", "action", None),
    ]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 4, 6), ("action_open", "due", D(2026, 4, 7))),
        (D(2026, 4, 7), ("action_open", "due", D(2026, 4, 7))),
        (D(2026, 4, 8), ("action_late", "violation", None)),
    ],
)
def test_minor_action_due_by_the_response(on, expected) -> None:
    act = ActionFacts("2.1", action_due(MINOR, VISIT))
    audit = AuditFacts(
        "A",
        VISIT,
        response_sent_on=VISIT,
        findings=(FindingFacts("2", MINOR, "staff", actions=(act,)),),
    )
    assert _keys(audit, on) == [expected]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (VISIT - dt.timedelta(days=1), ("action_open", "due", VISIT)),
        (VISIT, ("action_open", "due", VISIT)),
        (VISIT + dt.timedelta(days=1), ("action_late", "violation", None)),
    ],
)
def test_major_action_due_at_once(on, expected) -> None:
    act = ActionFacts("1.1", action_due(MAJOR, VISIT))
    audit = AuditFacts(
        "A",
        VISIT,
        response_sent_on=VISIT,
        findings=(FindingFacts("1", MAJOR, "staff", actions=(act,)),),
    )
    assert _keys(audit, on) == [expected]


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        (MAJOR, VISIT, [("no_action", "violation", None)]),
        (MINOR, D(2026, 4, 7), [("no_action", "due", D(2026, 4, 7))]),
        (MINOR, D(2026, 4, 8), [("no_action", "violation", None)]),
        (SUGGESTION, D(2026, 4, 8), []),
        (STRENGTH, D(2026, 4, 8), []),
    ],
)
def test_a_deviation_without_an_action(kind, on, expected) -> None:
    audit = AuditFacts(
        "A", VISIT, response_sent_on=VISIT, findings=(FindingFacts("1", kind, "staff"),)
    )
    assert _keys(audit, on) == expected


def test_done_but_unchecked_is_due_and_closed_is_quiet() -> None:
    done = ActionFacts("1.1", VISIT, done_on=VISIT)
    closed = ActionFacts("1.2", VISIT, done_on=VISIT, checked_on=VISIT, closed_on=VISIT)
    audit = AuditFacts(
        "A",
        VISIT,
        response_sent_on=VISIT,
        findings=(FindingFacts("1", MAJOR, "staff", actions=(done, closed)),),
    )
    assert _keys(audit, D(2026, 5, 1)) == [("check_effectiveness", "due", None)]


@pytest.mark.parametrize(
    ("done", "checked", "reason"),
    [
        (None, None, "not_done"),
        (VISIT, None, "not_checked"),
        (VISIT, VISIT - dt.timedelta(days=1), "checked_before_done"),
        (VISIT, VISIT, None),
        (VISIT, VISIT + dt.timedelta(days=1), None),
    ],
)
def test_closing_needs_an_effectiveness_check(done, checked, reason) -> None:
    act = ActionFacts("1", VISIT, done_on=done, checked_on=checked)
    if reason is None:
        check_closable(act)
    else:
        with pytest.raises(CannotClose) as refused:
            check_closable(act)
        assert refused.value.reason == reason


def test_every_audit_message_renders() -> None:
    acts = (ActionFacts("1.1", VISIT), ActionFacts("1.2", VISIT, done_on=VISIT))
    audit = AuditFacts(
        "A",
        VISIT,
        findings=(
            FindingFacts("1", MAJOR, "staff", actions=acts),
            FindingFacts("2", MINOR, "staff"),
        ),
    )
    found = audit_findings(audit, D(2026, 5, 1))
    assert len({f.key for f in found}) == 5
    for finding in found:
        for lang in ("fi", "sv", "en"):
            assert "{" not in finding.message(lang)
