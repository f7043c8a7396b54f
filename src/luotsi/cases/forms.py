"""The new-decision form of the case pages (the entry forms are in ``entry_forms``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.forms import DateField, date_widget
from luotsi.rules.params import param

from .models import Service

DATE_WIDGET = date_widget()

FIRST_DECISION_CHOICES = [
    ("first", _("First decision")),
    ("continuation", _("Continuation decision")),
]


def needs_granted_days(service: str, received: dt.date) -> bool:
    """The service description gives no default number of days: the decision must."""
    return param("granted_days", received, service).value is None


class CaseForm(forms.Form):
    """A new case from a Kela decision; ``service.create_case`` validates and saves it."""

    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    external_id = forms.CharField(label=_("Case number"), max_length=100)
    received = DateField(
        label=_("Decision received"),
        widget=DATE_WIDGET,
        help_text=_("The day the decision and its documents arrived at the provider."),
    )
    given = DateField(
        label=_("Decision given"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_(
            "The date Kela gave the decision, as the decision says. The allowance's waiting "
            "time runs from it; left empty, from the day the decision was received."
        ),
    )
    granted_days = forms.IntegerField(
        label=_("Granted days"),
        min_value=0,
        max_value=400,
        required=False,
        help_text=_(
            "As the decision says. Required for TEAK work trial and Taito; for the others the "
            "service description's number applies when left empty."
        ),
    )
    first_decision = forms.ChoiceField(
        label=_("Decision"), choices=FIRST_DECISION_CHOICES, initial="first"
    )
    applies_allowance = forms.BooleanField(
        label=_("The client applies for rehabilitation allowance"), required=False, initial=True
    )
    in_working_life_at_start = forms.BooleanField(
        label=_("The client is in working life at the start"), required=False
    )
    medical_statement_b = DateField(
        label=_("Medical statement B dated"), widget=DATE_WIDGET, required=False
    )
    medical_statement_b_undated = forms.BooleanField(
        label=_("There is a medical statement B but its date is not known"), required=False
    )

    def clean_external_id(self) -> str:
        return self.cleaned_data["external_id"].strip()

    def clean_received(self) -> dt.date:
        received: dt.date = self.cleaned_data["received"]
        if received > timezone.localdate():
            raise forms.ValidationError(
                _("The decision cannot have been received in the future."), code="future"
            )
        return received

    def clean_given(self) -> dt.date | None:
        given: dt.date | None = self.cleaned_data.get("given")
        if given is not None and given > timezone.localdate():
            raise forms.ValidationError(
                _("The decision cannot have been given in the future."), code="future"
            )
        return given

    def clean_medical_statement_b(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("medical_statement_b")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                _("The statement cannot be dated in the future."), code="future"
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        service, received = data.get("service"), data.get("received")
        if (
            service
            and received
            and data.get("granted_days") is None
            and needs_granted_days(service, received)
        ):
            self.add_error(
                "granted_days",
                forms.ValidationError(
                    _("This service has no default number of days: enter the granted days."),
                    code="required",
                ),
            )
        given = data.get("given")
        if given and received and given > received:
            self.add_error(
                "given",
                forms.ValidationError(
                    _("The decision is given before it is received: check the dates."),
                    code="order",
                ),
            )
        if data.get("medical_statement_b") and data.get("medical_statement_b_undated"):
            self.add_error(
                "medical_statement_b_undated",
                forms.ValidationError(
                    _("Give either the statement's date or say that it is not known, not both."),
                    code="both",
                ),
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["first_decision"] = data["first_decision"] == "first"
        return data

    # Service error pointers → form fields.
    POINTERS = {
        "/id": "external_id",
        "/service": "service",
        "/decision/received": "received",
        "/decision/given": "given",
        "/decision/granted_days": "granted_days",
        "/decision/first_decision": "first_decision",
        "/decision/medical_statement_b": "medical_statement_b",
    }


# The decision's fields only a Taito case has (the medical statement B, seed 003).
TAITO_ONLY_SERVICES = frozenset({"TAITO"})
TAITO_ONLY_FIELDS = ("medical_statement_b", "medical_statement_b_undated")


class DecisionForm(CaseForm):
    """The decision of an existing case, corrected: the new-decision form's checks, without
    the service and the case number (a new service is a new decision and a new case), with
    the case version (optimistic locking) and the previewed correction."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Why it is corrected"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    HIDDEN = ("version", "previewed")

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        if not args and "data" not in kwargs:
            kwargs["initial"] = {**self.initial_for(case), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.case = case
        del self.fields["service"]
        del self.fields["external_id"]
        if case.service not in TAITO_ONLY_SERVICES:
            # Medical statement B is Taito's (003); other services keep what is stored.
            for name in TAITO_ONLY_FIELDS:
                del self.fields[name]
        self.fields["version"].initial = case.version

    @staticmethod
    def initial_for(case: Any) -> dict[str, Any]:
        """The decision as it is stored."""
        return {
            "received": case.received,
            "given": case.given,
            "granted_days": case.granted_days,
            "first_decision": "first" if case.first_decision else "continuation",
            "applies_allowance": case.applies_allowance,
            "in_working_life_at_start": case.in_working_life_at_start,
            "medical_statement_b": case.medical_statement_b,
            "medical_statement_b_undated": case.medical_statement_b_undated,
        }

    def clean(self) -> dict[str, Any]:
        self.cleaned_data["service"] = self.case.service
        data = super().clean()
        data.pop("service", None)
        return data

    # The entry template's parts (``cases/_entry_fields.html``, ``cases/entry.html``).
    def entry_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.HIDDEN]

    def agreement_fields(self) -> list[forms.BoundField]:
        return []

    def changes(self) -> dict[str, Any]:
        """The decision's fields as corrected (``service.update_decision``'s keywords)."""
        data = self.cleaned_data
        return {
            "received": data["received"],
            "given": data.get("given"),
            "granted_days": data.get("granted_days"),
            "first_decision": data["first_decision"] == "first",
            "applies_allowance": bool(data.get("applies_allowance")),
            "in_working_life_at_start": bool(data.get("in_working_life_at_start")),
            "medical_statement_b": data.get("medical_statement_b", self.case.medical_statement_b),
            "medical_statement_b_undated": bool(
                data.get("medical_statement_b_undated", self.case.medical_statement_b_undated)
            ),
        }
