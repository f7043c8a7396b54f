"""The self-monitoring plan (omavalvontasuunnitelma) per service unit and its four-monthly
report of observations and measures: structured, versioned, prefilled from what Luotsi
knows (offices, the staff register, the quality figures), published as a public page and
a PDF without personal data.

The headings follow the contents that Valvira's regulation on the self-monitoring plan
(14.5.2024, in force 15.5.2024, under Act 741/2023 § 27) asks for; docs/quality.md says how
they were checked. Prefilled texts name roles and numbers, never a person: the plan is
public. A version published before a heading was added shows only the headings it has.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
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
from luotsi.organisations.models import Office
from luotsi.rules import calendar as cal
from luotsi.staff.models import StaffFinding, StaffMember, StaffRole

from . import figures
from .models import PublicationStatus, SelfMonitoringPlan, SelfMonitoringReport

# (key, heading): the plan's sections in the regulation's order.
SECTIONS: tuple[tuple[str, Any], ...] = (
    ("provider", gettext_lazy("Service provider and service unit")),
    ("mission", gettext_lazy("Mission, values and principles of operation")),
    (
        "responsibility",
        gettext_lazy("Responsibility for the quality of services and for self-monitoring"),
    ),
    (
        "risk_management",
        gettext_lazy("Risk management: identifying risks, corrective actions and informing"),
    ),
    ("staff", gettext_lazy("Staff: number, structure, sufficiency, qualifications and induction")),
    ("premises", gettext_lazy("Premises and equipment")),
    (
        "technology",
        gettext_lazy("Medical devices, information systems and the use of technology"),
    ),
    ("medication", gettext_lazy("Medication plan")),
    ("client_safety", gettext_lazy("Client safety")),
    (
        "client_rights",
        gettext_lazy(
            "Client's position and rights: information, self-determination, objections "
            "and complaints"
        ),
    ),
    ("data_protection", gettext_lazy("Processing of client data and data protection")),
    ("purchased_services", gettext_lazy("Purchased and subcontracted services, and cooperation")),
    ("quality_follow_up", gettext_lazy("How quality is followed: feedback, figures and audits")),
    ("implementation", gettext_lazy("Implementing, publishing, following and updating the plan")),
)
SECTION_KEYS = tuple(key for key, _heading in SECTIONS)
REPORT_MONTHS = 4


def _allowed(actor: User | None, organisation_id: int) -> None:
    if actor is None:
        return
    if actor.organisation_id != organisation_id or not policy.can_manage_quality(actor):
        raise PermissionDenied


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


def prefill(office: Office, on: dt.date) -> dict[str, str]:
    """The sections Luotsi can write from its own data: roles and numbers, no names."""
    organisation = office.organisation
    members = StaffMember.objects.filter(organisation=organisation, offices=office)
    roles = Counter(members.values_list("role", flat=True))
    services = sorted({s for svc in members.values_list("services", flat=True) for s in svc})
    role_text = "; ".join(
        f"{StaffRole(role).label}: {count}" for role, count in sorted(roles.items())
    )
    gaps = StaffFinding.objects.filter(organisation=organisation).values_list("rule", flat=True)
    month = on.year * 12 + on.month - 1 - 11
    period = figures.Filters(
        start=dt.date(month // 12, month % 12 + 1, 1), end=on.replace(day=1), office=office.name
    )
    overall = figures.total(figures.cells(organisation, period))
    return {
        "provider": _(
            "%(provider)s (business ID %(business_id)s). Service unit: %(office)s, "
            "%(address)s, %(postal_code)s %(city)s. Services: %(services)s."
        )
        % {
            "provider": organisation.name,
            "business_id": organisation.business_id,
            "office": office.name,
            "address": office.street_address,
            "postal_code": office.postal_code,
            "city": office.city,
            "services": ", ".join(services) or "–",
        },
        "staff": _(
            "Staff working at the unit by role: %(roles)s. Every TK/TV team has at least three "
            "coaches who stand in for each other, also in holiday seasons (TEAM.MIN_COACHES); "
            "every opening day someone present has a valid first-aid training (STAFF.FIRST_AID). "
            "Luotsi checks both on every working day ahead; open staffing findings today: "
            "%(gaps)s."
        )
        % {"roles": role_text or "–", "gaps": len(gaps)},
        "technology": _(
            "Client records are kept in Luotsi, which checks every case against Kela's "
            "service description. Every read of a client's data is recorded in an access log "
            "that the organisation reviews; identity codes and exported files are stored "
            "encrypted; users sign in personally and see only the clients of their role and "
            "organisation."
        ),
        "quality_follow_up": _(
            "Luotsi checks every case against Kela's service description. In the last twelve "
            "months, of %(cases)s cases at this unit: started within the deadline %(started)s, "
            "feedback reports within 14 days %(feedback)s, certificates complete and on time "
            "%(certificates)s. Clients answer an anonymous feedback survey at the end of their "
            "rehabilitation; Kela's audits and their corrective actions are followed in Luotsi."
        )
        % {
            "cases": overall.cases,
            "started": _pct(overall.share("started")),
            "feedback": _pct(overall.share("feedback")),
            "certificates": _pct(overall.share("certificates")),
        },
    }


def _clean_content(content: dict[str, str]) -> dict[str, str]:
    unknown = set(content) - set(SECTION_KEYS)
    if unknown:
        raise ValidationError(
            {"content": _("Unknown sections: %(keys)s") % {"keys": ", ".join(sorted(unknown))}}
        )
    return {key: str(content.get(key, "")).strip() for key in SECTION_KEYS}


def new_plan_version(
    actor: User | None, office: Office, on: dt.date | None = None
) -> SelfMonitoringPlan:
    """A new draft: the latest version's texts, with Luotsi's prefilled sections renewed."""
    _allowed(actor, office.organisation_id)
    on = on or timezone.localdate()
    with transaction.atomic():
        latest = SelfMonitoringPlan.objects.filter(office=office).order_by("-version").first()
        if latest is not None and latest.status == PublicationStatus.DRAFT:
            raise ValidationError(
                {"version": _("A draft already exists: edit it or publish it first.")}
            )
        content = dict(latest.content) if latest else dict.fromkeys(SECTION_KEYS, "")
        content.update(prefill(office, on))
        number = (
            SelfMonitoringPlan.objects.filter(office=office).aggregate(n=Max("version"))["n"] or 0
        ) + 1
        plan = SelfMonitoringPlan.objects.create(
            organisation_id=office.organisation_id, office=office, version=number, content=content
        )
        log_change(
            actor,
            organisation_id=office.organisation_id,
            client_id=None,
            action=Action.CREATE,
            object_type="self_monitoring_plan",
            object_id=plan.pk,
            fields=["content"],
        )
    return plan


def save_plan(
    actor: User | None, plan: SelfMonitoringPlan, content: dict[str, str]
) -> SelfMonitoringPlan:
    _allowed(actor, plan.organisation_id)
    if plan.status != PublicationStatus.DRAFT:
        raise ValidationError(
            {"content": _("A published version cannot be changed: make a new version.")}
        )
    cleaned = _clean_content(content)
    with transaction.atomic():
        changed = [k for k in SECTION_KEYS if plan.content.get(k, "") != cleaned[k]]
        plan.content = cleaned
        plan.save(update_fields=["content"])
        log_change(
            actor,
            organisation_id=plan.organisation_id,
            client_id=None,
            action=Action.EDIT,
            object_type="self_monitoring_plan",
            object_id=plan.pk,
            fields=changed,
        )
    return plan


def publish_plan(
    actor: User | None, plan: SelfMonitoringPlan, on: dt.date | None = None
) -> SelfMonitoringPlan:
    _allowed(actor, plan.organisation_id)
    if plan.status != PublicationStatus.DRAFT:
        raise ValidationError({"status": _("This version is already published.")})
    empty = [str(heading) for key, heading in SECTIONS if not plan.content.get(key, "").strip()]
    if empty:
        raise ValidationError(
            {
                "content": _("Fill in every section before publishing: %(sections)s.")
                % {"sections": "; ".join(empty)}
            }
        )
    with transaction.atomic():
        plan.status = PublicationStatus.PUBLISHED
        plan.published_on = on or timezone.localdate()
        plan.save(update_fields=["status", "published_on"])
        log_change(
            actor,
            organisation_id=plan.organisation_id,
            client_id=None,
            action=Action.EDIT,
            object_type="self_monitoring_plan",
            object_id=plan.pk,
            fields=["status", "published_on"],
        )
    return plan


def report_period(start: dt.date) -> tuple[dt.date, dt.date]:
    """A four-month period starts on 1 January, 1 May or 1 September."""
    if start.day != 1 or (start.month - 1) % REPORT_MONTHS:
        raise ValidationError(
            {"period_start": _("A period starts on 1 January, 1 May or 1 September.")}
        )
    return start, cal.add_months(start, REPORT_MONTHS) - dt.timedelta(days=1)


def save_report(
    actor: User | None,
    office: Office,
    *,
    period_start: dt.date,
    observations: str,
    measures: str,
    publish: bool = False,
    on: dt.date | None = None,
) -> SelfMonitoringReport:
    """Create or update (while a draft) the report of a four-month period."""
    _allowed(actor, office.organisation_id)
    errors: dict[str, str] = {}
    if not cal.in_date_range(period_start):
        errors["period_start"] = _("The date is outside the allowed range.")
    if not observations.strip():
        errors["observations"] = _("This field is required.")
    if not measures.strip():
        errors["measures"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    start, end = report_period(period_start)
    with transaction.atomic():
        report = SelfMonitoringReport.objects.filter(office=office, period_start=start).first()
        if report is not None and report.status == PublicationStatus.PUBLISHED:
            raise ValidationError(
                {"period_start": _("The report of this period is already published.")}
            )
        creating = report is None
        report = report or SelfMonitoringReport(
            organisation_id=office.organisation_id, office=office, period_start=start
        )
        report.period_end, report.observations, report.measures = (
            end,
            observations.strip(),
            measures.strip(),
        )
        if publish:
            report.status, report.published_on = (
                PublicationStatus.PUBLISHED,
                on or timezone.localdate(),
            )
        report.save()
        log_change(
            actor,
            organisation_id=office.organisation_id,
            client_id=None,
            action=Action.CREATE if creating else Action.EDIT,
            object_type="self_monitoring_report",
            object_id=report.pk,
            fields=["observations", "measures", "status"],
        )
    return report
