from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member of staff may do; a person can hold several roles."""

    COACH = "coach", _("Coach")
    TEAM_LEAD = "team_lead", _("Team lead")
    QUALITY_MANAGER = "quality_manager", _("Quality manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    BILLING = "billing", _("Billing clerk")
    # The employment area (luotsi.employment): its officers and unit heads, and the named
    # TYM officers of the partner authorities who work in the area's shared system.
    EMPLOYMENT_OFFICER = "employment_officer", _("Employment officer")
    EMPLOYMENT_MANAGER = "employment_manager", _("Employment services manager")
    COUNTY_TYM_WORKER = "county_tym_worker", _("Wellbeing county TYM worker")
    KELA_TYM_OFFICER = "kela_tym_officer", _("Kela TYM officer")


class User(AbstractUser):
    """A member of a provider organisation's staff (valmentaja, laatupäällikkö, ...)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    teams = models.ManyToManyField(
        "organisations.Team", blank=True, related_name="members", verbose_name=_("teams")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def log_name(self) -> str:
        """How the access, change and disclosure logs name the user: "Name (username)"."""
        return f"{self} ({self.username})"

    @property
    def role_names(self) -> set[str]:
        return {assignment.role for assignment in self.role_assignments.all()}

    def has_role(self, role: str) -> bool:
        return role in self.role_names


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class StaffChangeLogEntry(models.Model):
    """An administrator deactivated or reactivated a user: who, whom, when (append-only:
    ``luotsi.accounts.service`` only creates rows)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("changed by"), max_length=300)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="status_changes")
    change = models.CharField(_("change"), max_length=20)

    class Meta:
        verbose_name = _("staff change log entry")
        verbose_name_plural = _("staff change log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.change} {self.user_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("Staff change log rows cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
