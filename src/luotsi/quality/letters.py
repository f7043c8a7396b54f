"""The response letter to Kela (vastine) through the one PDF path
(``luotsi.documents.render``): each finding with its corrective actions and evidence."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from luotsi.documents.org_i18n import ORG_STRINGS
from luotsi.documents.render import render_html, render_pdf
from luotsi.rules.calendar import finnish_date
from luotsi.rules.quality.audits import needs_action

from .models import Audit


def response_context(audit: Audit, lang: str, sender: str = "") -> dict[str, Any]:
    s = ORG_STRINGS[lang]
    organisation = audit.organisation
    findings = []
    for f in audit.findings.prefetch_related("actions__owner").order_by("number"):
        findings.append(
            {
                "number": f.number,
                "kind": s[f"kind_{f.kind}"],
                "area": s[f"area_{f.area}"],
                "description": f.description,
                "needs_action": needs_action(f.kind),
                "actions": [
                    {
                        "ref": a.ref,
                        "description": a.description,
                        "owner": str(a.owner),
                        "due": finnish_date(a.due),
                        "state": s[f"state_{a.status}"],
                        "done_on": finnish_date(a.done_on),
                        "checked_on": finnish_date(a.checked_on),
                        "evidence": a.evidence,
                        "effectiveness_check": a.effectiveness_check,
                    }
                    for a in f.actions.all()
                ],
            }
        )
    return {
        "kind": "audit_response",
        "lang": lang,
        "s": s,
        "title": s["response_title"],
        "provider": organisation.name,
        "business_id": organisation.business_id,
        "visited_on": finnish_date(audit.visited_on),
        "auditors": audit.auditors,
        "scope": audit.scope,
        "services": audit.services,
        "report_received": finnish_date(audit.report_received_on),
        "response_due": finnish_date(audit.response_due),
        "findings": findings,
        "issued": finnish_date(audit.response_sent_on or timezone.localdate()),
        "sender": sender or "–",
    }


def response_html(audit: Audit, lang: str) -> str:
    return render_html(response_context(audit, lang))


def response_pdf(audit: Audit, lang: str, sender: str = "") -> bytes:
    return render_pdf(response_context(audit, lang, sender))
