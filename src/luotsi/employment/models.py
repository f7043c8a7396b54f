"""The employment area (työllisyysalue): units, partner authorities, jobseekers and plans.

An employment area is an ``Organisation`` of kind ``employment_area`` (the tenant). Its
jobseekers are ``clients.Client`` records of that organisation, each with one ``Jobseeker``
row; everything here hangs from the jobseeker, so access (``luotsi.access.policy``), the
access and change logs and consents work as for every client. Write through
``luotsi.employment.service``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.rules.employment.kuty import ITEMS


class UnitKind(models.TextChoices):
    INITIAL = "initial", _("Initial and placement services")
    ADULTS = "adults", _("Multi-sector services (over 30)")
    YOUTH = "youth", _("Youth team (under 30)")
    INTEGRATION = "integration", _("Integration team")


class Unit(models.Model):
    """A unit of the employment area whose officers serve its jobseekers."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="employment_units"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="employment_units",
        verbose_name=_("officers"),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class PartyKind(models.TextChoices):
    """The three TYM authorities (TYM act 381/2023)."""

    EMPLOYMENT_AUTHORITY = "employment_authority", _("Employment authority")
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    KELA = "kela", _("Kela")


class PartnerAuthority(models.Model):
    """A partner authority of the area in TYM co-operation (the wellbeing county, Kela);
    its named TYM officers are users of the area with a partner role."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="partner_authorities"
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=[
            (PartyKind.WELLBEING_COUNTY, PartyKind.WELLBEING_COUNTY.label),
            (PartyKind.KELA, PartyKind.KELA.label),
        ],
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("partner authority")
        verbose_name_plural = _("partner authorities")
        ordering = ["organisation", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="partner_one_per_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class Jobseeker(models.Model):
    """A client of the employment area as a jobseeker: unit, officer, situation."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.PROTECT, related_name="jobseeker"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="jobseekers"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="jobseekers", verbose_name=_("unit")
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobseekers",
        verbose_name=_("responsible officer"),
    )
    job_search_start = models.DateField(_("job search started"))
    moved_to_unit_on = models.DateField(_("moved to the unit on"), null=True, blank=True)
    ended_on = models.DateField(_("client relationship ended"), null=True, blank=True)
    employment_condition_met = models.BooleanField(_("employment condition met"), default=False)
    residence_permit = models.BooleanField(
        _("residence permit or registration"), null=True, blank=True
    )
    # UNEMPLOYED (380/2023 3 § 4)
    employed = models.BooleanField(_("in an employment relationship"), default=False)
    fully_laid_off = models.BooleanField(_("fully laid off"), default=False)
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    business_days_continuous = models.PositiveIntegerField(
        _("days in business or own work continuously"), default=0
    )
    business_benefit_entitled = models.BooleanField(
        _("entitled to benefit despite the business"), default=False
    )
    full_time_student = models.BooleanField(_("full-time student"), default=False)
    studies_benefit_entitled = models.BooleanField(
        _("entitled to benefit despite the studies"), default=False
    )
    counters = models.JSONField(_("counters"), default=dict, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("jobseeker")
        verbose_name_plural = _("jobseekers")
        indexes = [models.Index(fields=["organisation", "unit"], name="jobseeker_org_unit")]

    def __str__(self) -> str:
        return str(self.client)


class Decision(models.TextChoices):
    REFER = "refer", _("Refer to multi-sector service")
    DO_NOT_REFER = "do_not_refer", _("Do not refer")


class Assessment(models.Model):
    """The multi-sector service-need assessment (TYM.REFERRAL): who took part, the facts,
    the decision and the rules' reasons."""

    jobseeker = models.ForeignKey(Jobseeker, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(_("date"))
    with_county = models.BooleanField(_("the wellbeing county took part"), default=False)
    with_kela = models.BooleanField(_("Kela took part"), default=False)
    capacity_limits = models.BooleanField(
        _("work or functional capacity limits are an obstacle"), null=True
    )
    life_management = models.BooleanField(_("life-management problems are an obstacle"), null=True)
    multi_sector_support = models.BooleanField(
        _("solving them needs multi-sector support"), null=True
    )
    consultation_only = models.BooleanField(
        _("consulting the authorities is enough"), default=False
    )
    public_services_suffice = models.BooleanField(
        _("public employment services suffice"), null=True
    )
    long_term_or_intensive = models.BooleanField(_("the need is long-term or intensive"), null=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    outcome = models.CharField(_("the criteria say"), max_length=20, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("service-need assessment")
        verbose_name_plural = _("service-need assessments")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.jobseeker}: {self.date}"


class TymPlan(models.Model):
    """The multi-sector employment plan (TYM.PLAN) with each party's services."""

    jobseeker = models.ForeignKey(Jobseeker, on_delete=models.CASCADE, related_name="tym_plans")
    date = models.DateField(_("date"))
    with_county = models.BooleanField(_("the wellbeing county is a party"), default=False)
    with_kela = models.BooleanField(_("Kela is a party"), default=False)
    goal = models.TextField(_("goal"), blank=True)
    ended = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("multi-sector employment plan")
        verbose_name_plural = _("multi-sector employment plans")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.jobseeker}: {self.date}"


class PlanService(models.Model):
    plan = models.ForeignKey(TymPlan, on_delete=models.CASCADE, related_name="services")
    party = models.CharField(_("party"), max_length=30, choices=PartyKind.choices)
    service = models.CharField(_("service"), max_length=300)

    class Meta:
        ordering = ["party", "pk"]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.service}"


class PlanReview(models.Model):
    plan = models.ForeignKey(TymPlan, on_delete=models.CASCADE, related_name="reviews")
    due = models.DateField(_("review by"))
    done = models.DateField(_("reviewed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.due}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class ActivationPlan(models.Model):
    """An activation plan with rehabilitative work activity (KUTY.PLAN_CONTENT)."""

    ITEM_FIELDS = ITEMS  # the law's six items and their fields

    jobseeker = models.ForeignKey(
        Jobseeker, on_delete=models.CASCADE, related_name="activation_plans"
    )
    made = models.DateField(_("made on"))
    goal = models.TextField(_("goal"), blank=True)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    hours_per_day = models.DecimalField(
        _("hours a day"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    days_per_week = models.PositiveSmallIntegerField(_("days a week"), null=True, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    support = models.TextField(_("support and guidance"), blank=True)
    other_services = models.TextField(_("other services"), blank=True)
    evaluate_by = models.DateField(_("effects evaluated by"), null=True, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )

    class Meta:
        verbose_name = _("activation plan")
        verbose_name_plural = _("activation plans")
        ordering = ["-made", "-pk"]

    def __str__(self) -> str:
        return f"KUTY-{self.pk}"


class IntegrationPlan(models.Model):
    """One integration plan's period (KOTO.PLAN); the jobseeker's first sets the clock."""

    jobseeker = models.ForeignKey(
        Jobseeker, on_delete=models.CASCADE, related_name="integration_plans"
    )
    initial_assessment = models.DateField(_("initial assessment"), null=True, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    goals = models.TextField(_("goals"), blank=True)
    services = models.TextField(_("services"), blank=True)
    extension_reason = models.TextField(_("reason for extending past two years"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )

    class Meta:
        verbose_name = _("integration plan")
        verbose_name_plural = _("integration plans")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


class Consultation(models.Model):
    """A multi-party consultation about the jobseeker (CONSULT.CONSENT, "Rukkanen")."""

    jobseeker = models.ForeignKey(Jobseeker, on_delete=models.CASCADE, related_name="consultations")
    date = models.DateField(_("date"))
    agreed_on = models.DateField(_("agreed with the client on"))
    with_county = models.BooleanField(_("the wellbeing county"), default=False)
    with_kela = models.BooleanField(_("Kela"), default=False)
    others = models.CharField(_("other parties"), max_length=300, blank=True)
    topic = models.TextField(_("topic"), blank=True)
    gone_through_on = models.DateField(_("gone through with the client on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.jobseeker}: {self.date}"


class RehabilitationReferral(models.Model):
    """The hand-off to vocational rehabilitation (KELA.ELIGIBILITY)."""

    jobseeker = models.OneToOneField(
        Jobseeker, on_delete=models.CASCADE, related_name="rehabilitation"
    )
    responsible = models.CharField(_("who is responsible"), max_length=30, blank=True)
    criteria = models.JSONField(_("Kela's criteria"), default=list, blank=True)
    service = models.CharField(_("service"), max_length=20, default="taito")
    applied_on = models.DateField(_("application date"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, default="pending")
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    starts_on = models.DateField(_("rehabilitation starts"), null=True, blank=True)

    class Meta:
        verbose_name = _("vocational rehabilitation referral")
        verbose_name_plural = _("vocational rehabilitation referrals")

    def __str__(self) -> str:
        return f"{self.jobseeker}: {self.service}"


class PartnerConsent(models.Model):
    """Which partner authority a client's consent (``consents.Consent``) names."""

    consent = models.OneToOneField(
        "consents.Consent", on_delete=models.PROTECT, related_name="partner"
    )
    authority = models.ForeignKey(
        PartnerAuthority, on_delete=models.PROTECT, related_name="consents"
    )

    def __str__(self) -> str:
        return f"{self.authority}: {self.consent_id}"


class JobseekerFinding(models.Model):
    """A finding of the employment-area rules, stored when the jobseeker last changed or
    was re-evaluated (the dashboard reads these rows, never the rules)."""

    jobseeker = models.ForeignKey(Jobseeker, on_delete=models.CASCADE, related_name="findings")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # the jobseeker's client, so that the due list filters ``client__in=`` the policy's
    # scope without joining the jobseekers first
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("rule"), max_length=60)
    severity = models.CharField(_("severity"), max_length=10)
    due = models.DateField(_("due"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    message_fi = models.TextField()
    message_sv = models.TextField()
    message_en = models.TextField()
    source = models.CharField(_("source"), max_length=200, blank=True)
    evaluated_on = models.DateField(_("evaluated on"))

    class Meta:
        ordering = ["due", "date", "rule", "pk"]
        indexes = [
            models.Index(fields=["organisation", "severity", "due"], name="jsfinding_org_sev_due"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity})"

    def message(self, lang: str) -> str:
        return {"fi": self.message_fi, "sv": self.message_sv}.get(lang, self.message_en)
