"""The staff register. Write only through ``luotsi.staff.service``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """A staff member's role in the services (not the same as a login role)."""

    COACH = "coach", _("Coach (valmentaja)")
    PERSONAL_COACH = "personal_coach", _("Personal coach (omaohjaaja)")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    TEAM_LEAD = "team_lead", _("Team lead")
    OTHER = "other", _("Other")


class StaffMember(models.Model):
    """One person working in the organisation's services."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="staff_members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
        verbose_name=_("login"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role = models.CharField(_("role"), max_length=30, choices=StaffRole.choices)
    services = models.JSONField(_("services"), default=list)
    offices = models.ManyToManyField(
        "organisations.Office", blank=True, related_name="staff_members", verbose_name=_("offices")
    )
    teams = models.ManyToManyField(
        "organisations.Team", blank=True, related_name="staff_members", verbose_name=_("teams")
    )
    qualifications = models.TextField(_("qualifications"), blank=True)
    active_from = models.DateField(_("works from"), null=True, blank=True)
    active_until = models.DateField(_("works until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class TrainingKind(models.Model):
    """A training the organisation follows. First aid's validity is the rules' parameter
    (``first_aid_valid_years``); the others' is the organisation's (empty: lasting)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="training_kinds"
    )
    name = models.CharField(_("name"), max_length=200)
    is_first_aid = models.BooleanField(_("first aid"), default=False)
    validity_months = models.PositiveIntegerField(_("valid for (months)"), null=True, blank=True)

    class Meta:
        verbose_name = _("training kind")
        verbose_name_plural = _("training kinds")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="trainingkind_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="trainings")
    kind = models.ForeignKey(TrainingKind, on_delete=models.PROTECT, related_name="trainings")
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["kind__name", "-completed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.completed_on}"


class AbsenceKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    SICKNESS = "sickness", _("Sickness")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other absence")


class StaffAbsence(models.Model):
    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="staffabsence_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end}"


class StoredFinding(models.Model):
    """A finding of a quality rule, stored when its subject last changed (like
    ``cases.CaseFinding``): pages read these, they never run the rules per request."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    rule = models.CharField(_("rule"), max_length=60)
    severity = models.CharField(_("severity"), max_length=10)
    due = models.DateField(_("due"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    message_fi = models.TextField(_("message (Finnish)"))
    message_sv = models.TextField(_("message (Swedish)"))
    message_en = models.TextField(_("message (English)"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    evaluated_on = models.DateField(_("evaluated on"))

    class Meta:
        abstract = True
        ordering = ["due", "date", "rule", "pk"]

    def message(self, lang: str) -> str:
        return {"fi": self.message_fi, "sv": self.message_sv}.get(lang, self.message_en)


class StaffFinding(StoredFinding):
    class Meta(StoredFinding.Meta):
        verbose_name = _("staff finding")
        verbose_name_plural = _("staff findings")

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity})"
