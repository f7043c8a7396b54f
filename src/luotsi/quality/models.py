"""Kela's audits of the organisation: the visit, its findings, the corrective actions and
the due items the audit rules find (``AuditDueItem``, stored on each change). Write only
through ``luotsi.quality.service``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.rules.calendar import finnish_date
from luotsi.rules.quality import audits as rules
from luotsi.staff.models import StoredFinding


class Area(models.TextChoices):
    """AUDIT.AREAS: Kela's seven quality areas (001 Tarkastettavat asiat)."""

    QUALITY_MANAGEMENT = "quality_management", _("Quality management")
    STAFF = "staff", _("Staff")
    PREMISES = "premises", _("Premises and equipment")
    CLIENT_SAFETY = "client_safety", _("Client safety")
    CLIENT_RIGHTS = "client_rights", _("Client rights")
    CLIENT_PROCESS = "client_process", _("Client process")
    DOCUMENTATION = "documentation", _("Documentation")


class FindingKind(models.TextChoices):
    """AUDIT.FINDINGS (001 Auditointihavainnot)."""

    MAJOR = rules.MAJOR, _("Major deviation")
    MINOR = rules.MINOR, _("Minor deviation")
    SUGGESTION = rules.SUGGESTION, _("Development suggestion")
    STRENGTH = rules.STRENGTH, _("Strength")


class Audit(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="audits"
    )
    visited_on = models.DateField(_("audit visit"))
    auditors = models.CharField(_("auditors"), max_length=300)
    scope = models.TextField(_("scope"))
    services = models.JSONField(_("services"), default=list)
    report_received_on = models.DateField(_("report received"), null=True, blank=True)
    response_sent_on = models.DateField(_("response sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return finnish_date(self.visited_on)

    @property
    def report_due(self) -> dt.date:
        return rules.report_due(self.visited_on)

    @property
    def response_due(self) -> dt.date:
        return rules.response_due(self.visited_on)


class AuditFinding(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    area = models.CharField(_("quality area"), max_length=30, choices=Area.choices)
    description = models.TextField(_("finding"))
    safety = models.BooleanField(
        _("client safety"),
        default=False,
        help_text=_("A safety matter: a late response goes to Kela's contract party."),
    )

    class Meta:
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="auditfinding_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.audit} #{self.number}"

    @property
    def is_closed(self) -> bool:
        """Closed: every corrective action closed (a deviation needs at least one)."""
        actions = list(self.actions.all())
        if not actions:
            return not rules.needs_action(self.kind)
        return all(a.closed_on is not None for a in actions)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done, effectiveness not yet checked")
    CHECKED = "checked", _("Effectiveness checked")
    CLOSED = "closed", _("Closed")


class CorrectiveAction(models.Model):
    finding = models.ForeignKey(AuditFinding, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveIntegerField(_("number"))
    description = models.TextField(_("corrective action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    effectiveness_check = models.TextField(_("effectiveness check"), blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["finding", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "number"], name="correctiveaction_unique_number"
            ),
            # Closed only once checked (the service also says why).
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(checked_on__isnull=False),
                name="correctiveaction_closed_after_check",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.finding}.{self.number}"

    @property
    def ref(self) -> str:
        return f"{self.finding.number}.{self.number}"

    @property
    def status(self) -> str:
        if self.closed_on:
            return ActionStatus.CLOSED
        if self.checked_on:
            return ActionStatus.CHECKED
        if self.done_on:
            return ActionStatus.DONE
        return ActionStatus.OPEN

    def get_status_display(self) -> str:
        return str(ActionStatus(self.status).label)


class AuditDueItem(StoredFinding):
    """A due item of an audit (AUDIT.DEADLINES) on the day it was last evaluated."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="due_items")

    class Meta(StoredFinding.Meta):
        verbose_name = _("audit due item")
        verbose_name_plural = _("audit due items")

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity})"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SelfMonitoringPlan(models.Model):
    """One version of a service unit's (office's) self-monitoring plan
    (omavalvontasuunnitelma, Act 741/2023 § 27; Valvira's regulation of 14.5.2024):
    ``content`` maps each heading's key (``luotsi.quality.selfmonitoring.SECTIONS``) to its
    text. A published version never changes; a new version starts from the latest one."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="self_monitoring_plans"
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus.choices, default="draft"
    )
    content = models.JSONField(_("content"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-monitoring plan")
        verbose_name_plural = _("self-monitoring plans")
        ordering = ["office", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "version"], name="smplan_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.office.name} v{self.version}"


class SelfMonitoringReport(models.Model):
    """The four-monthly report of a service unit's observations and the measures taken
    (Act 741/2023 § 27: published every four months)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="self_monitoring_reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    observations = models.TextField(_("observations"))
    measures = models.TextField(_("measures"))
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus.choices, default="draft"
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-monitoring report")
        verbose_name_plural = _("self-monitoring reports")
        ordering = ["office", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period_start"], name="smreport_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office.name} {self.period_start}–{self.period_end}"


class SurveyToken(models.Model):
    """One client's invitation to the anonymous feedback survey: only the SHA-256 of the
    token is kept. ``case`` is the link while the token is unused; answering clears it, and
    the answer itself names no token, case or client."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    service = models.CharField(_("service"), max_length=10)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    used = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(used=False) | models.Q(case__isnull=True),
                name="surveytoken_used_has_no_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.issued_on}"


class SurveyAnswer(models.Model):
    """One anonymous answer: the service, the quarter and the ratings (1–5), nothing else."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    service = models.CharField(_("service"), max_length=10)
    quarter = models.DateField(_("quarter"), help_text=_("The first day of the quarter."))
    support = models.PositiveSmallIntegerField(_("support"))
    goals = models.PositiveSmallIntegerField(_("goals"))
    respect = models.PositiveSmallIntegerField(_("respect"))
    recommend = models.PositiveSmallIntegerField(_("recommend"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(support__range=(1, 5))
                & models.Q(goals__range=(1, 5))
                & models.Q(respect__range=(1, 5))
                & models.Q(recommend__range=(1, 5)),
                name="surveyanswer_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.quarter}"
