"""Kela's audits: every write goes through here (validate, one transaction, change log,
the audit's due items recomputed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.cases.models import Service
from luotsi.organisations.models import Organisation
from luotsi.rules import calendar as cal
from luotsi.rules.quality import audits as rules

from .models import Area, Audit, AuditDueItem, AuditFinding, CorrectiveAction, FindingKind


def _allowed(actor: User | None, organisation_id: int) -> None:
    if actor is None:
        return
    if actor.organisation_id != organisation_id or not policy.can_manage_quality(actor):
        raise PermissionDenied


def _date(
    errors: dict[str, str], field: str, value: dt.date | None, *, required: bool = False
) -> None:
    if value is None:
        if required:
            errors[field] = _("This field is required.")
    elif not cal.in_date_range(value):
        errors[field] = _("The date is outside the allowed range.")


def _log(
    actor: User | None,
    organisation_id: int,
    action: str,
    object_type: str,
    object_id: Any,
    fields: list[str],
) -> None:
    log_change(
        actor,
        organisation_id=organisation_id,
        client_id=None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        fields=fields,
    )


# ---- the rules' view of an audit -------------------------------------------------------


def facts_of(audit: Audit) -> rules.AuditFacts:
    findings = []
    for f in audit.findings.all():
        actions = tuple(
            rules.ActionFacts(
                ref=f"{f.number}.{a.number}",
                due=a.due,
                done_on=a.done_on,
                checked_on=a.checked_on,
                closed_on=a.closed_on,
            )
            for a in f.actions.all()
        )
        findings.append(rules.FindingFacts(str(f.number), f.kind, f.area, f.safety, actions))
    return rules.AuditFacts(str(audit), audit.visited_on, audit.response_sent_on, tuple(findings))


def recompute_due_items(audit: Audit, on: dt.date | None = None) -> list[AuditDueItem]:
    on = on or timezone.localdate()
    audit = Audit.objects.prefetch_related("findings__actions").get(pk=audit.pk)
    with transaction.atomic():
        found = rules.audit_findings(facts_of(audit), on)
        AuditDueItem.objects.filter(audit=audit).delete()
        rows = [
            AuditDueItem(
                organisation_id=audit.organisation_id,
                audit=audit,
                rule=f.rule,
                severity=f.severity,
                due=f.due,
                date=f.date,
                message_fi=f.message("fi"),
                message_sv=f.message("sv"),
                message_en=f.message("en"),
                source=f.source,
                evaluated_on=on,
            )
            for f in found
        ]
        AuditDueItem.objects.bulk_create(rows)
    return rows


def recompute_all(on: dt.date | None = None) -> int:
    count = 0
    for audit in Audit.objects.all():
        recompute_due_items(audit, on)
        count += 1
    return count


# ---- audits ----------------------------------------------------------------------------


def save_audit(
    actor: User | None,
    organisation: Organisation,
    *,
    audit: Audit | None = None,
    on: dt.date | None = None,
    **data: Any,
) -> Audit:
    """Create or update an audit visit: ``visited_on``, ``auditors``, ``scope``,
    ``services``, ``report_received_on``, ``response_sent_on``."""
    _allowed(actor, organisation.pk)
    fields = (
        "visited_on",
        "auditors",
        "scope",
        "services",
        "report_received_on",
        "response_sent_on",
    )
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"unknown audit fields: {sorted(unknown)}")
    current = {f: getattr(audit, f) for f in fields} if audit else {}
    merged = {
        "services": [],
        "report_received_on": None,
        "response_sent_on": None,
        **current,
        **data,
    }
    errors: dict[str, str] = {}
    _date(errors, "visited_on", merged.get("visited_on"), required=True)
    _date(errors, "report_received_on", merged.get("report_received_on"))
    _date(errors, "response_sent_on", merged.get("response_sent_on"))
    for field in ("auditors", "scope"):
        if not str(merged.get(field) or "").strip():
            errors[field] = _("This field is required.")
    if any(s not in Service.values for s in merged["services"]):
        errors["services"] = _("Choose services from the list.")
    visit = merged.get("visited_on")
    for field in ("report_received_on", "response_sent_on"):
        value = merged.get(field)
        if value and visit and field not in errors and "visited_on" not in errors and value < visit:
            errors[field] = _("The date cannot be before the audit visit.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        creating = audit is None
        audit = audit or Audit(organisation=organisation)
        for field, value in merged.items():
            setattr(audit, field, value)
        audit.save()
        changed = [f for f in fields if creating or current.get(f) != merged.get(f)]
        _log(
            actor,
            organisation.pk,
            Action.CREATE if creating else Action.EDIT,
            "audit",
            audit.pk,
            changed,
        )
        recompute_due_items(audit, on)
    return audit


def add_finding(
    actor: User | None,
    audit: Audit,
    *,
    kind: str,
    area: str,
    description: str,
    safety: bool = False,
    on: dt.date | None = None,
) -> AuditFinding:
    _allowed(actor, audit.organisation_id)
    errors: dict[str, str] = {}
    if kind not in FindingKind.values:
        errors["kind"] = _("Choose a kind from the list.")
    if area not in Area.values:
        errors["area"] = _("Choose a quality area from the list.")
    if not description.strip():
        errors["description"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        number = (audit.findings.aggregate(n=Max("number"))["n"] or 0) + 1
        finding = AuditFinding.objects.create(
            audit=audit,
            number=number,
            kind=kind,
            area=area,
            description=description.strip(),
            safety=safety,
        )
        _log(
            actor,
            audit.organisation_id,
            Action.CREATE,
            "audit_finding",
            finding.pk,
            ["kind", "area", "description", "safety"],
        )
        recompute_due_items(audit, on)
    return finding


def add_action(
    actor: User | None,
    finding: AuditFinding,
    *,
    description: str,
    owner: User,
    due: dt.date | None = None,
    on: dt.date | None = None,
) -> CorrectiveAction:
    """A corrective action; ``due`` defaults to AUDIT.DEADLINES (major: the visit day,
    minor: the response's due day) and may not be later than that."""
    audit = finding.audit
    _allowed(actor, audit.organisation_id)
    errors: dict[str, str] = {}
    if not rules.may_have_action(finding.kind):
        errors["description"] = _("A strength needs no corrective action.")
    if not description.strip():
        errors["description"] = _("This field is required.")
    if owner is None or owner.organisation_id != audit.organisation_id:
        errors["owner"] = _("Choose an owner from your own organisation.")
    _date(errors, "due", due)
    latest = rules.action_due(finding.kind, audit.visited_on)
    if due is None:
        due = latest
    elif latest is not None and "due" not in errors and due > latest:
        errors["due"] = _(
            "Kela's deadline for this finding is %(date)s: give that day or an earlier one."
        ) % {"date": cal.finnish_date(latest)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        number = (finding.actions.aggregate(n=Max("number"))["n"] or 0) + 1
        action = CorrectiveAction.objects.create(
            finding=finding, number=number, description=description.strip(), owner=owner, due=due
        )
        _log(
            actor,
            audit.organisation_id,
            Action.CREATE,
            "corrective_action",
            action.pk,
            ["description", "owner", "due"],
        )
        recompute_due_items(audit, on)
    return action


def mark_done(
    actor: User | None,
    action: CorrectiveAction,
    *,
    done_on: dt.date,
    evidence: str,
    on: dt.date | None = None,
) -> CorrectiveAction:
    """The action was carried out on ``done_on``; ``evidence`` says what shows it."""
    audit = action.finding.audit
    _allowed(actor, audit.organisation_id)
    errors: dict[str, str] = {}
    _date(errors, "done_on", done_on, required=True)
    if not errors and done_on > (on or timezone.localdate()):
        errors["done_on"] = _("The day cannot be in the future.")
    if not evidence.strip():
        errors["evidence"] = _("Say what shows that the action was carried out.")
    if action.closed_on:
        errors["done_on"] = _("The action is closed.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action.done_on, action.evidence = done_on, evidence.strip()
        action.save(update_fields=["done_on", "evidence"])
        _log(
            actor,
            audit.organisation_id,
            Action.EDIT,
            "corrective_action",
            action.pk,
            ["done_on", "evidence"],
        )
        recompute_due_items(audit, on)
    return action


def record_check(
    actor: User | None,
    action: CorrectiveAction,
    *,
    checked_on: dt.date,
    effectiveness_check: str,
    on: dt.date | None = None,
) -> CorrectiveAction:
    """The effectiveness of a done action was checked: how, and what was found."""
    audit = action.finding.audit
    _allowed(actor, audit.organisation_id)
    errors: dict[str, str] = {}
    _date(errors, "checked_on", checked_on, required=True)
    if not errors and checked_on > (on or timezone.localdate()):
        errors["checked_on"] = _("The day cannot be in the future.")
    if not effectiveness_check.strip():
        errors["effectiveness_check"] = _(
            "Say how the effectiveness was checked and what was found."
        )
    if action.done_on is None:
        errors["checked_on"] = _("Mark the action done first.")
    elif "checked_on" not in errors and checked_on < action.done_on:
        errors["checked_on"] = _("The check cannot be before the action was done.")
    if action.closed_on:
        errors["checked_on"] = _("The action is closed.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action.checked_on = checked_on
        action.effectiveness_check = effectiveness_check.strip()
        action.checked_by = actor
        action.save(update_fields=["checked_on", "effectiveness_check", "checked_by"])
        _log(
            actor,
            audit.organisation_id,
            Action.EDIT,
            "corrective_action",
            action.pk,
            ["checked_on", "effectiveness_check"],
        )
        recompute_due_items(audit, on)
    return action


CLOSE_REFUSALS = {
    "not_done": gettext_lazy("The action is not done yet."),
    "not_checked": gettext_lazy("Check the action's effectiveness before closing it."),
    "checked_before_done": gettext_lazy("The check cannot be before the action was done."),
}


def close_action(
    actor: User | None, action: CorrectiveAction, *, on: dt.date | None = None
) -> CorrectiveAction:
    """Close an action: only once done and checked (AUDIT.DEADLINES). Closed actions stay
    readable; they are never deleted."""
    audit = action.finding.audit
    _allowed(actor, audit.organisation_id)
    day = on or timezone.localdate()
    if action.closed_on:
        raise ValidationError({"closed_on": _("The action is closed.")})
    try:
        rules.check_closable(
            rules.ActionFacts(action.ref, action.due, action.done_on, action.checked_on)
        )
    except rules.CannotClose as refused:
        raise ValidationError({"closed_on": str(CLOSE_REFUSALS[refused.reason])}) from None
    with transaction.atomic():
        action.closed_on = max(day, action.checked_on or day)
        action.save(update_fields=["closed_on"])
        _log(
            actor, audit.organisation_id, Action.EDIT, "corrective_action", action.pk, ["closed_on"]
        )
        recompute_due_items(audit, on)
    return action
