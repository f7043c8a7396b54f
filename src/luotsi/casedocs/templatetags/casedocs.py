"""``{% case_documents case client %}``: the documents section of a case page."""

from __future__ import annotations

from typing import Any

from django import template

from luotsi.access import policy
from luotsi.access.models import Action, RecipientKind
from luotsi.casedocs import selectors
from luotsi.casedocs.forms import CreateForm
from luotsi.casedocs.models import Kind, Status

register = template.Library()

# The stored PDF and renderings (encrypted at rest: large, and decrypted when read).
ENCRYPTED = ("pdf", "html", "body", "text")


@register.inclusion_tag("casedocs/_section.html", takes_context=True)
def case_documents(context: dict[str, Any], case: Any, client: Any) -> dict[str, Any]:
    user = context["request"].user
    documents = list(
        case.documents.order_by("kind", "period_from", "version", "pk")
        .defer(*ENCRYPTED)  # the list shows none of them: they are not read or decrypted
        .prefetch_related("successors", "sendings__disclosure")
    )
    feedback = selectors.feedback_due(case)
    for document in documents:
        is_feedback = document.kind == Kind.FEEDBACK
        document.due = feedback["due"] if is_feedback else None
        document.short = is_feedback and feedback["short"]
        document.late = is_feedback and feedback["late"]
        document.superseded = document.is_final and any(
            s.status == Status.FINAL for s in document.successors.all()
        )
        sendings = list(document.sendings.all())
        to_kela = [x.at for x in sendings if x.disclosure.recipient_kind == RecipientKind.KELA]
        to_client = [x.at for x in sendings if x.disclosure.recipient_kind == RecipientKind.CLIENT]
        document.sent_at = to_kela[-1] if to_kela else None
        document.given_at = to_client[-1] if to_client else None
    can_document = policy.can(user, Action.DOCUMENT, client)
    return {
        "case": case,
        "client": client,
        "documents": documents,
        "stale": selectors.stale_certificates(case),
        "can_document": can_document,
        "create_form": CreateForm(
            kinds=selectors.available_kinds(case),
            allowance=case.applies_allowance,
            initial={"language": client.language},
        )
        if can_document
        else None,
        "csrf_token": context.get("csrf_token"),
        "allowance": case.applies_allowance,
        "feedback": feedback,
        "gas_count": case.gas_goals.count(),
    }


@register.inclusion_tag("casedocs/_notice_action.html", takes_context=True)
def notice_action(context: dict[str, Any], finding: Any, case: Any, client: Any) -> dict[str, Any]:
    """The "make the notice" button of a finding that asks for a notice to Kela."""
    from luotsi.casedocs.notices import NOTICE_RULES

    show = finding.rule in NOTICE_RULES and policy.can(
        context["request"].user, Action.DOCUMENT, client
    )
    return {
        "show": show,
        "finding": finding,
        "case": case,
        "client": client,
        "csrf_token": context.get("csrf_token"),
    }
