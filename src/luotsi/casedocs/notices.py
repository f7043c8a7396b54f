"""A notice to Kela made from a finding of the case (issue 15, M8).

Each KELA.NOTIFY, QUEUE.NOTIFY, PROCESS.STEP_SKIPPED or CLIENT.CANNOT_COMMIT finding on the
case page has a "make the notice" action: a notice draft of the matching kind, prefilled
from the finding (and, for a skipped step, from its ``step_skipped`` event). Sending the
final notice to Kela (``service.mark_sent``) records the ``kela_notice`` event that clears
the finding, and the disclosure-log row.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseFinding
from luotsi.rules.messages import render

from . import service
from .models import Document, Kind

# The rules whose findings ask for a notice to Kela.
NOTICE_RULES = frozenset(
    ("KELA.NOTIFY", "QUEUE.NOTIFY", "PROCESS.STEP_SKIPPED", "CLIENT.CANNOT_COMMIT")
)
# KELA.NOTIFY triggers that are deviations in delivery (004: Kela hears nothing of them
# otherwise), rather than changes in the client's situation.
DEVIATION_TRIGGERS = ("other_work", "paid_work_trial")


def notice_kind(finding: CaseFinding) -> str:
    """The notice document a finding asks for."""
    if finding.rule == "QUEUE.NOTIFY":
        return Kind.QUEUE_NOTICE
    if finding.rule == "PROCESS.STEP_SKIPPED":
        return Kind.SKIPPED_STEP_NOTICE
    if finding.rule == "CLIENT.CANNOT_COMMIT":
        return Kind.DEVIATION_NOTICE
    # The stored finding keeps its messages, not its key: the deviation triggers' messages
    # have no placeholders, so they are recognised by their English text.
    deviations = {render(f"KELA.NOTIFY.{t}", "en", {}) for t in DEVIATION_TRIGGERS}
    return Kind.DEVIATION_NOTICE if finding.message_en in deviations else Kind.CHANGE_NOTICE


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
    document = service.create_draft(actor, case, kind, case.client.language)
    lang = document.language
    message = finding.message(lang)
    when = finding.date.isoformat() if finding.date else ""
    fields: dict[str, Any]
    if kind == Kind.QUEUE_NOTICE:
        fields = {"reason": message}
    elif kind == Kind.SKIPPED_STEP_NOTICE:
        fields = {**_skipped_step(case, finding), "when": when}
    else:
        fields = {"what": message, "when": when}
    return service.update_draft(actor, document, **fields)
