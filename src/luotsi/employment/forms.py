"""The officer's forms. Validation that is a rule lives in the service (the rules decide);
the forms parse, limit dates to Luotsi's range (``luotsi.forms.DateField``) and show the
service's field-named refusals at their fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.clients.validators import validate_identity_code
from luotsi.forms import DateField

from .models import Decision, PartnerAuthority, Unit

TRI_STATE = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]
RESPONSIBLE = [
    ("", _("Not established")),
    ("kela", _("Kela")),
    ("pension_institution", _("An earnings-related pension institution")),
    ("employment_authority", _("The employment authority")),
    ("unclear", _("Unclear")),
]
CRITERIA = [
    (
        "illness_weakens_capacity",
        _(
            "A diagnosed illness or injury has substantially weakened, or will soon weaken, "
            "work or study capacity and earning ability"
        ),
    ),
    (
        "young_illness_hinders",
        _(
            "A young person of working age whom illness keeps from work, studies or a "
            "suitable field"
        ),
    ),
    ("young_partially_able_at_risk", _("A partially able young person at risk of exclusion")),
    ("partially_able_adult", _("A partially able adult of working age")),
    (
        "educated_cannot_work",
        _(
            "Educated, cannot do their work because of illness, no longer in touch with "
            "working life"
        ),
    ),
    (
        "uneducated_illness_hinders",
        _("Without vocational education, illness hinders employment or finding a field"),
    ),
    (
        "pension_institution_rejected",
        _("An earnings-related pension institution rejected the application"),
    ),
    ("kela_purchased_service", _("Vocational rehabilitation organised (purchased) by Kela")),
]
SERVICES = [
    ("taito", _("Taito vocational rehabilitation (18–64)")),
    ("akse", _("Vocational rehabilitation assessment (AKSE)")),
    ("work_trial", _("Kela's work trial")),
    ("other", _("Other")),
]
DECISIONS = [("pending", _("Pending")), ("granted", _("Granted")), ("denied", _("Denied"))]


def tri_state(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


class TriStateField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=TRI_STATE, coerce=tri_state, empty_value=None, required=False, **kwargs
        )


def officers_of(organisation_id: int) -> Any:
    return User.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        role_assignments__role=Role.EMPLOYMENT_OFFICER,
    ).order_by("last_name", "first_name")


class SituationFields(forms.Form):
    """The UNEMPLOYED facts (380/2023 3 § 4)."""

    employed = forms.BooleanField(label=_("In an employment relationship"), required=False)
    fully_laid_off = forms.BooleanField(label=_("Fully laid off"), required=False)
    weekly_hours = forms.DecimalField(
        label=_("Weekly working hours"),
        required=False,
        min_value=0,
        max_value=168,
        decimal_places=2,
    )
    business_days_continuous = forms.IntegerField(
        label=_("Days in business or own work continuously"), min_value=0, initial=0
    )
    business_benefit_entitled = forms.BooleanField(
        label=_("Entitled to benefit despite the business"), required=False
    )
    full_time_student = forms.BooleanField(label=_("Full-time student"), required=False)
    studies_benefit_entitled = forms.BooleanField(
        label=_("Entitled to benefit despite the studies"), required=False
    )


class JobseekerForm(SituationFields):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    identity_code = forms.CharField(
        label=_("Identity code"), max_length=11, validators=[validate_identity_code]
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    responsible_officer = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=User.objects.none(), required=False
    )
    job_search_start = DateField(label=_("Job search started"))
    residence_permit = TriStateField(
        label=_("Residence permit or registered right of residence"),
        help_text=_("Needed by every client of the employment authority (integration)."),
    )
    field_order = [
        "first_name",
        "last_name",
        "identity_code",
        "unit",
        "responsible_officer",
        "job_search_start",
        "residence_permit",
    ]

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["responsible_officer"].queryset = officers_of(organisation_id)  # type: ignore[attr-defined]


class JobseekerEditForm(SituationFields):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    responsible_officer = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=User.objects.none(), required=False
    )
    job_search_start = DateField(label=_("Job search started"))
    moved_to_unit_on = DateField(label=_("Moved to the unit on"), required=False)
    ended_on = DateField(label=_("Client relationship ended"), required=False)
    employment_condition_met = forms.BooleanField(
        label=_("Employment condition met"), required=False
    )
    residence_permit = TriStateField(label=_("Residence permit or registered right of residence"))
    field_order = [
        "unit",
        "responsible_officer",
        "job_search_start",
        "moved_to_unit_on",
        "ended_on",
        "employment_condition_met",
        "residence_permit",
    ]

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["responsible_officer"].queryset = officers_of(organisation_id)  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    date = DateField(label=_("Date of the assessment"))
    with_county = forms.BooleanField(
        label=_("The wellbeing services county took part"), required=False
    )
    with_kela = forms.BooleanField(label=_("Kela took part"), required=False)
    capacity_limits = TriStateField(
        label=_("Work or functional capacity limits are an obstacle to employment")
    )
    life_management = TriStateField(
        label=_("Life-management problems are an obstacle to employment")
    )
    multi_sector_support = TriStateField(label=_("Solving them needs multi-sector support"))
    consultation_only = forms.BooleanField(
        label=_("Consulting the other authorities is enough"), required=False
    )
    public_services_suffice = TriStateField(label=_("Public employment services meet the need"))
    long_term_or_intensive = TriStateField(
        label=_("The need for multi-sector support is long-term or intensive")
    )
    decision = forms.ChoiceField(
        label=_("Referral decision"),
        choices=[("", _("Not decided yet")), *Decision.choices],
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TymPlanForm(forms.Form):
    date = DateField(label=_("Date of the plan"))
    with_county = forms.BooleanField(
        label=_("The wellbeing services county is a party"), required=False
    )
    with_kela = forms.BooleanField(label=_("Kela is a party"), required=False)
    goal = forms.CharField(
        label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    services_employment_authority = forms.CharField(
        label=_("Services of the employment authority"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One service a line."),
    )
    services_wellbeing_county = forms.CharField(
        label=_("Services of the wellbeing services county"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One service a line."),
    )
    services_kela = forms.CharField(
        label=_("Services of Kela"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One service a line."),
    )
    review_by = DateField(label=_("The plan is reviewed by"))


class ReviewForm(forms.Form):
    done = DateField(label=_("Reviewed on"))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    next_review = DateField(label=_("Next review by"), required=False)


class ActivationPlanForm(forms.Form):
    made = DateField(label=_("Plan made on"))
    goal = forms.CharField(
        label=_("1. Goal of the rehabilitative work activity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("1. Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(
        label=_("1. Place where it is arranged"), required=False, max_length=300
    )
    hours_per_day = forms.DecimalField(
        label=_("2. Hours a day"), required=False, min_value=0.5, max_value=24, decimal_places=1
    )
    days_per_week = forms.IntegerField(
        label=_("2. Days a week"), required=False, min_value=1, max_value=7
    )
    start = DateField(label=_("3. Start"), required=False)
    end = DateField(
        label=_("3. End"), required=False, help_text=_("At least 3 months from the start.")
    )
    support = forms.CharField(
        label=_("4. Support and guidance during the activity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    other_services = forms.CharField(
        label=_("5. Other social, health, rehabilitation and education services"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evaluate_by = DateField(
        label=_("6. Effects evaluated and next steps decided by"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "made":  # a draft may lack them; a final plan needs every one
                field.required_note = _("needed to finalise")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return data


class EvaluationForm(forms.Form):
    evaluated_on = DateField(label=_("Effects evaluated on"))


class IntegrationPlanForm(forms.Form):
    initial_assessment = DateField(
        label=_("Initial assessment on"),
        required=False,
        help_text=_("The integration time starts from it (the first plan only)."),
    )
    start = DateField(label=_("Plan from"))
    end = DateField(label=_("Plan to"))
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    services = forms.CharField(
        label=_("Services"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    extension_reason = forms.CharField(
        label=_("Reason for extending past two years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. work or functional capacity; at most three years in all."),
    )


class ConsultationForm(forms.Form):
    date = DateField(label=_("Date of the consultation"))
    agreed_on = DateField(
        label=_("The client agreed to it on"),
        required=False,
        help_text=_("Agreed with the client beforehand, with the parties below."),
    )
    with_county = forms.BooleanField(label=_("The wellbeing services county"), required=False)
    with_kela = forms.BooleanField(label=_("Kela"), required=False)
    others = forms.CharField(label=_("Other parties"), max_length=300, required=False)
    topic = forms.CharField(
        label=_("Topic"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class GoneThroughForm(forms.Form):
    gone_through_on = DateField(label=_("Gone through with the client on"))


class RehabilitationForm(forms.Form):
    responsible = forms.ChoiceField(
        label=_("Who is responsible for the vocational rehabilitation"),
        choices=RESPONSIBLE,
        required=False,
    )
    criteria = forms.MultipleChoiceField(
        label=_("Kela's criteria that apply"),
        choices=CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    service = forms.ChoiceField(label=_("Service"), choices=SERVICES)
    applied_on = DateField(label=_("Application date"), required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    decided_on = DateField(label=_("Decision date"), required=False)
    starts_on = DateField(label=_("Rehabilitation starts"), required=False)


class PartnerConsentForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Partner authority"), queryset=PartnerAuthority.objects.none()
    )
    scope = forms.CharField(
        label=_("Scope"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which data, for what purpose, as the client signed it."),
    )
    covers_health_data = forms.BooleanField(label=_("Covers health data"), required=False)
    given_on = DateField(label=_("Given on"))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = PartnerAuthority.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )
