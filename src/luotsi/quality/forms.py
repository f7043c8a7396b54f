from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.cases.models import Service
from luotsi.forms import DateField

from .models import Area, FindingKind


class AuditForm(forms.Form):
    visited_on = DateField(label=_("Audit visit"))
    auditors = forms.CharField(label=_("Auditors"), max_length=300)
    scope = forms.CharField(
        label=_("Scope"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What Kela audited: services, offices, the client processes reviewed."),
    )
    services = forms.MultipleChoiceField(
        label=_("Services"),
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    report_received_on = DateField(label=_("Report received"), required=False)
    response_sent_on = DateField(label=_("Response sent to Kela"), required=False)


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of finding"), choices=FindingKind.choices)
    area = forms.ChoiceField(label=_("Quality area"), choices=Area.choices)
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    safety = forms.BooleanField(
        label=_("A client-safety matter"),
        required=False,
        help_text=_(
            "A late response on a major safety deviation always goes to Kela's contract party."
        ),
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due = DateField(
        label=_("Due"),
        required=False,
        help_text=_("Empty: Kela's deadline (major: at once, minor: by the response)."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        ).order_by("last_name", "first_name")


class DoneForm(forms.Form):
    done_on = DateField(label=_("Done on"))
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What shows the action was carried out (a document, a record, a training certificate)."
        ),
    )


class CheckForm(forms.Form):
    checked_on = DateField(label=_("Checked on"))
    effectiveness_check = forms.CharField(
        label=_("Effectiveness check"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the effect was checked and what was found."),
    )
