"""A client's rehabilitation under one Kela decision, its events and stored findings.

Write cases only through ``luotsi.cases.service``: it validates every event against the
``luotsi-case/1`` models, keeps ``version`` for optimistic locking and recomputes the stored
findings in the same transaction. Lists read ``CaseFinding``; they never run the engine.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    TK = "TK", _("Work trial (TK)")
    TV = "TV", _("Job coaching (TV)")
    TEAK_TK = "TEAK-TK", _("TEAK work trial")
    TEAK_TV = "TEAK-TV", _("TEAK job coaching")
    TEAK_YHD = "TEAK-YHD", _("TEAK combined")
    TAITO = "TAITO", _("Taito")


class Case(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("organisation"),
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("client"),
    )
    service = models.CharField(_("service"), max_length=10, choices=Service.choices)
    external_id = models.CharField(_("case number"), max_length=100)
    received = models.DateField(_("decision received"))
    granted_days = models.PositiveIntegerField(_("granted days"), null=True, blank=True)
    first_decision = models.BooleanField(_("first decision"), default=True)
    medical_statement_b = models.DateField(_("medical statement B"), null=True, blank=True)
    medical_statement_b_undated = models.BooleanField(
        _("medical statement B (date not known)"), default=False
    )
    applies_allowance = models.BooleanField(_("applies for rehabilitation allowance"), default=True)
    in_working_life_at_start = models.BooleanField(_("in working life at start"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    counters = models.JSONField(_("counters"), default=dict, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="case_unique_number_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} ({self.service})"


class CaseEvent(models.Model):
    """One event exactly in contract form (``data``); the dates are copied for queries."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    type = models.CharField(_("type"), max_length=20)
    date = models.DateField(_("date"), null=True, blank=True)
    from_date = models.DateField(_("from"), null=True, blank=True)
    to_date = models.DateField(_("to"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    data = models.JSONField(_("data"))

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["case", "type"], name="caseevent_case_type")]

    def __str__(self) -> str:
        return f"{self.type} {self.date or self.from_date}"


class CaseFinding(models.Model):
    """A finding of the engine, stored when the case last changed or was re-evaluated."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="findings", verbose_name=_("case")
    )
    rule = models.CharField(_("rule"), max_length=60)
    severity = models.CharField(_("severity"), max_length=10)
    due = models.DateField(_("due"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    # The deadline behind the finding: its due date, or the deadline a violation broke
    # (missed, or met late); the dashboards' due column and "late by N days".
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    message_fi = models.TextField(_("message (Finnish)"))
    message_sv = models.TextField(_("message (Swedish)"))
    message_en = models.TextField(_("message (English)"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    evaluated_on = models.DateField(_("evaluated on"))

    class Meta:
        verbose_name = _("case finding")
        verbose_name_plural = _("case findings")
        ordering = ["due", "date", "rule", "pk"]
        indexes = [
            models.Index(fields=["severity", "due"], name="casefinding_severity_due"),
            # The due lists read findings in this order (luotsi.dashboards.findings.ORDER).
            models.Index(fields=["due", "date", "id"], name="casefinding_due_order"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity})"

    def message(self, lang: str) -> str:
        return {"fi": self.message_fi, "sv": self.message_sv}.get(lang, self.message_en)

    def as_contract(self) -> dict[str, object]:
        """The finding as the ``check`` command prints it (English message)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "due": self.due.isoformat() if self.due else None,
            "date": self.date.isoformat() if self.date else None,
            "message": self.message_en,
            "source": self.source,
        }
