from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.cases.models import Service
from luotsi.forms import DateField
from luotsi.organisations.models import Office, Team

from .models import AbsenceKind, StaffRole, TrainingKind


class MemberForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
    services = forms.MultipleChoiceField(
        label=_("Services"),
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    qualifications = forms.CharField(
        label=_("Qualifications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Degrees and qualifications, one a line."),
    )
    active_from = DateField(label=_("Works from"), required=False)
    active_until = DateField(label=_("Works until"), required=False)
    user = forms.ModelChoiceField(
        label=_("Login"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The member's Luotsi login, if they have one."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["teams"].queryset = Team.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["user"].queryset = User.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Training"), queryset=TrainingKind.objects.none())
    completed_on = DateField(label=_("Completed on"))

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = TrainingKind.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of absence"), choices=AbsenceKind.choices)
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))


class TrainingKindForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    is_first_aid = forms.BooleanField(
        label=_("First aid"),
        required=False,
        help_text=_("First aid is valid three years (the rules' parameter)."),
    )
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("Empty: the training does not expire."),
    )
