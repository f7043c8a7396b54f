from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.cases.models import Service
from luotsi.forms import DateField

from .findings import GROUPS

SEVERITY_CHOICES = [
    ("", _("Everything to act on")),
    ("violation", _("Violation")),
    ("due", _("Due")),
    ("action", _("Action needed")),
    ("warning", _("Warning")),
    ("info", _("Information")),
]


class DueListFilter(forms.Form):
    """The organisation-wide due list's filters (GET: the page can be bookmarked)."""

    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("All services")), *Service.choices]
    )
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=SEVERITY_CHOICES)
    coach = forms.ModelChoiceField(
        label=_("Responsible coach"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("All coaches"),
    )
    group = forms.ChoiceField(
        label=_("Group"), required=False, choices=[("", _("All groups")), *GROUPS.items()]
    )
    rule = forms.RegexField(
        label=_("Rule ID"),
        required=False,
        regex=r"^[A-Z0-9_]+(\.[A-Z0-9_]+)*$",
        max_length=60,
        help_text=_("For example CERT.MISSING."),
        error_messages={"invalid": _("A rule ID is capital letters and dots, e.g. CERT.MISSING.")},
    )
    month = forms.RegexField(
        label=_("Month"),
        required=False,
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        help_text=_("The month of the deadline (else of the finding's date), e.g. 2026-11."),
        error_messages={"invalid": _("Give the month as YYYY-MM, e.g. 2026-11.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    with_acknowledged = forms.BooleanField(
        label=_("Include acknowledged violations"), required=False
    )
    due_before = DateField(
        label=_("Due on or before"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("For example 13.3.2026. What has no deadline is always shown."),
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, organisation_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coach_field = self.fields["coach"]
        assert isinstance(coach_field, forms.ModelChoiceField)
        coach_field.queryset = (
            User.objects.filter(
                organisation_id=organisation_id,
                is_active=True,
                role_assignments__role=Role.COACH,
            )
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
