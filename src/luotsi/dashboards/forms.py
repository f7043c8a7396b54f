from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.cases.models import Service
from luotsi.forms import DateField

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
