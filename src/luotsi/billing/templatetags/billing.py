"""``{% case_billing case client %}``: the billing section of a case page — what has been
billed, what is still unbilled, what was refused and why, and any invoice that a later
change of the case has made wrong (it needs a credit note)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from luotsi.access import policy
from luotsi.access.models import Action
from luotsi.billing import selectors
from luotsi.billing.labels import unit_label
from luotsi.billing.service import needs_credit
from luotsi.cases.service import contract_case
from luotsi.rules import CaseFileError
from luotsi.rules.billable import billable_units

register = template.Library()


@register.inclusion_tag("billing/_case_section.html", takes_context=True)
def case_billing(context: dict[str, Any], case: Any, client: Any) -> dict[str, Any]:
    user = context["request"].user
    lang = (get_language() or "fi")[:2]
    today = timezone.localdate()
    invoices = list(selectors.case_invoices(case.pk))
    billed = selectors.billed_keys(case.pk)
    try:
        everything = billable_units(contract_case(case), case.received, today, today)
    except (CaseFileError, ValueError):
        everything = None
    unbilled = []
    refused = []
    if everything is not None:
        months: dict[tuple[Any, str], int] = {}
        for u in everything.units:
            if u.key not in billed:
                key = (u.date.replace(day=1), u.unit)
                months[key] = months.get(key, 0) + 1
        unbilled = [(month, unit_label(unit), n) for (month, unit), n in sorted(months.items())]
        refused = [
            (r.date, unit_label(r.unit), r.rule, r.message(lang)) for r in everything.refused
        ]
    return {
        "case": case,
        "client": client,
        "invoices": invoices,
        "unbilled": unbilled,
        "refused": refused,
        "to_credit": [
            (invoice, [(day, unit_label(unit)) for day, unit in units])
            for invoice, units in needs_credit(case, everything, billed)
        ],
        "can_bill": policy.can(user, Action.BILL, client),
    }
