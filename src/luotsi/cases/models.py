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
    # The day Kela gave the decision (``decision.given``; ALLOWANCE.WAIT_INTERIM), if known.
    given = models.DateField(_("decision given"), null=True, blank=True)
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


class AppendOnlyQuerySet(models.QuerySet):
    """Rows that are never changed or deleted: the history of a case."""

    def update(self, **kwargs: object) -> int:
        raise TypeError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{self.model.__name__} rows are append-only")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{type(self).__name__} rows are append-only")


class RevisionAction(models.TextChoices):
    ADD = "add", _("Recorded")
    EDIT = "edit", _("Corrected")
    REMOVE = "remove", _("Removed")
    PLAN = "plan", _("Planned")
    HOLD = "hold", _("Marked held")
    CANCEL = "cancel", _("Cancelled")


class CaseRevision(AppendOnly):
    """One change of a case's record, with the event before and after it (append-only).

    The change log (``access.ChangeLogEntry``) names the fields only; the values live here,
    so a coach and a quality manager can read what was corrected, by whom and when."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("case")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_name = models.CharField(_("user name"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=RevisionAction.choices)
    event_type = models.CharField(_("type"), max_length=20)
    # The CaseEvent (or PlannedMeeting) changed; a plain number, as the row may be gone.
    object_id = models.PositiveIntegerField(_("object"), null=True, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    version = models.PositiveIntegerField(_("case version"))

    class Meta:
        verbose_name = _("case revision")
        verbose_name_plural = _("case revisions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.event_type}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class PlannedMeeting(models.Model):
    """A meeting agreed for a day ahead. It is not an event of the case file and counts for
    nothing in the engine until the coach marks it held (then a ``meeting`` event is
    recorded) or cancelled (with a reason)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="planned_meetings", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    start = models.TimeField(_("start time"))
    minutes = models.PositiveIntegerField(_("length in minutes"))
    mode = models.CharField(_("mode"), max_length=20)
    place = models.CharField(_("place"), max_length=20, blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20)
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    held_event = models.ForeignKey(
        CaseEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the meeting held"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")
        ordering = ["date", "start", "pk"]
        indexes = [models.Index(fields=["status", "date"], name="plannedmeeting_status_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.start:%H:%M}"

    @property
    def mode_label(self) -> str:
        from .vocabulary import label

        return label(self.mode)

    @property
    def place_label(self) -> str:
        from .vocabulary import label

        return self.office or (label(self.place) if self.place else "")


class CaseNote(AppendOnly):
    """A coach's free-text note on a case, or on one of its meetings (append-only).

    Read only on the case pages (access-logged) and in the client's data export; never in
    the calendar feed."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    meeting = models.ForeignKey(
        CaseEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("meeting"),
    )
    planned_meeting = models.ForeignKey(
        PlannedMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("planned meeting"),
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author's name"), max_length=200)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d}"
