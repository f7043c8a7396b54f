from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_business_id


class OrganisationKind(models.TextChoices):
    """What kind of tenant an organisation is."""

    PROVIDER = "provider", _("Service provider")
    EMPLOYMENT_AREA = "employment_area", _("Employment area")


class Organisation(models.Model):
    """A tenant of all data: a service provider (palveluntuottaja) with a Kela contract, or
    a municipal employment area (työllisyysalue; its units, partner authorities and
    jobseekers are in ``luotsi.employment``)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.PROVIDER,
    )
    business_id = models.CharField(
        _("business ID"), max_length=9, unique=True, validators=[validate_business_id]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A contract office (toimipiste): the address named in the Kela contract.

    Meetings that the service description places at the provider's office must take
    place at one of these addresses (rule MEETING.OFFICE).
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="offices",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=5)
    city = models.CharField(_("city"), max_length=100)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="office_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.street_address}"

    @property
    def contract_address(self) -> str:
        """The address as the case-file format names an office: "City, Street 1"."""
        return f"{self.city}, {self.street_address}"


class Team(models.Model):
    """A team of coaches who stand in for each other (TEAM.MIN_COACHES: at least three).

    The staff register (``luotsi.staff``) names each team's members; the rule
    (``luotsi.rules.quality.staff.min_coaches``) checks that a team serving TK or TV has at
    least three coaches available on every working day ahead, absences counted, and the
    quality manager's page shows each shortfall (``staff.StaffFinding``)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisation")
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("office"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
