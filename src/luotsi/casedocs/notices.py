"""A notice to Kela made from a finding of the case (issue 15, M8).

Each KELA.NOTIFY, QUEUE.NOTIFY, PROCESS.STEP_SKIPPED or CLIENT.CANNOT_COMMIT finding on the
case page has a "make the notice" action: a notice draft of the matching kind, prefilled
from the finding (and, for a skipped step, from its ``step_skipped`` event). Sending the
final notice to Kela (``service.mark_sent``) records the ``kela_notice`` event that clears
the finding, and the disclosure-log row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseFinding
from luotsi.documents import describe
from luotsi.rules.messages import render
from luotsi.rules.params import param

from . import service
from .models import Document, Kind

# The rules whose findings ask for a notice to Kela.
NOTICE_RULES = frozenset(
    ("KELA.NOTIFY", "QUEUE.NOTIFY", "PROCESS.STEP_SKIPPED", "CLIENT.CANNOT_COMMIT")
)
# KELA.NOTIFY triggers that are deviations in delivery (004: Kela hears nothing of them
# otherwise), rather than changes in the client's situation.
DEVIATION_TRIGGERS = ("other_work", "paid_work_trial")
KELA_NOTIFY_TRIGGERS = ("interruption", "pause", "sickness", "workplace_phase", *DEVIATION_TRIGGERS)
# The case event behind each trigger, found by the finding's date.
TRIGGER_EVENTS = {
    "pause": ("pause", "from_date"),
    "sickness": ("absence", "from_date"),
    "interruption": ("end", "date"),
    "paid_work_trial": ("workplace", "from_date"),
    "other_work": ("rehab_day", "date"),
    "cannot_commit": ("cannot_commit", "date"),
}


def trigger(finding: CaseFinding) -> str:
    """What the finding is about: a KELA.NOTIFY trigger, ``cannot_commit``,
    ``skipped_step`` or ``queue``. The stored finding keeps its messages, not its key; the
    KELA.NOTIFY triggers' messages have no placeholders, so their English text tells them
    apart."""
    if finding.rule == "QUEUE.NOTIFY":
        return "queue"
    if finding.rule == "PROCESS.STEP_SKIPPED":
        return "skipped_step"
    if finding.rule == "CLIENT.CANNOT_COMMIT":
        return "cannot_commit"
    for topic in KELA_NOTIFY_TRIGGERS:
        if finding.message_en == render(f"KELA.NOTIFY.{topic}", "en", {}):
            return topic
    return "change"


def notice_kind(finding: CaseFinding) -> str:
    """The notice document a finding asks for."""
    topic = trigger(finding)
    if topic == "queue":
        return Kind.QUEUE_NOTICE
    if topic == "skipped_step":
        return Kind.SKIPPED_STEP_NOTICE
    if topic in (*DEVIATION_TRIGGERS, "cannot_commit"):
        return Kind.DEVIATION_NOTICE
    return Kind.CHANGE_NOTICE


def _start_deadline(case: Case) -> dt.date | None:
    """QUEUE.NOTIFY's start deadline: the decision received + the service's start days."""
    name = "teak_start_deadline_days" if case.service.startswith("TEAK") else "start_deadline_days"
    days = param(name, case.received, case.service).value
    return case.received + dt.timedelta(days=days) if days is not None else None


def _event_of(case: Case, topic: str, finding: CaseFinding) -> dict[str, Any] | None:
    if topic not in TRIGGER_EVENTS or finding.date is None:
        return None
    kind, field = TRIGGER_EVENTS[topic]
    event = case.events.filter(type=kind, **{field: finding.date}).order_by("position").first()
    return event.data if event is not None else None


def _skipped_step(case: Case, finding: CaseFinding) -> dict[str, Any]:
    event = (
        case.events.filter(type="step_skipped", date=finding.date).order_by("position").first()
        if finding.date
        else None
    )
    data = event.data if event is not None else {}
    return {"step": data.get("step") or "", "reason": data.get("reason") or ""}


@transaction.atomic
def draft_from_finding(actor: User, case: Case, finding: CaseFinding) -> Document:
    """A notice draft for ``finding`` (a finding of ``case`` whose rule asks for a notice),
    prefilled from it in the client's language. Refused (``ValueError``) for other rules."""
    if finding.case_id != case.pk or finding.rule not in NOTICE_RULES:
        raise ValueError(f"finding {finding.pk} does not ask for a notice to Kela")
    kind = notice_kind(finding)
    topic = trigger(finding)
    document = service.create_draft(actor, case, kind, case.client.language)
    lang = document.language
    when = finding.date.isoformat() if finding.date else ""
    fields: dict[str, Any]
    if kind == Kind.QUEUE_NOTICE:
        fields = {"reason": describe("queue", lang, None, _start_deadline(case))}
    elif kind == Kind.SKIPPED_STEP_NOTICE:
        fields = {**_skipped_step(case, finding), "when": when}
    elif topic == "change":  # a trigger this version does not know: the finding itself
        fields = {"what": finding.message(lang), "when": when}
    else:
        fields = {"what": describe(topic, lang, _event_of(case, topic, finding), finding.date)}
        fields["when"] = when
    return service.update_draft(actor, document, **fields)
