"""The entry forms of the other event types: flexibility, workplace, phase start, advance
contact, notice to Kela, agreement with Kela, end; and the form that corrects each type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.forms import CharField
from luotsi.rules.registry import SOURCES

from . import vocabulary as v
from .entry_forms import (
    AbsenceForm,
    DayForm,
    EntryForm,
    MeetingForm,
    PauseForm,
    PointForm,
    SpanForm,
    _hours,
    _number,
)
from .proposals import Agreement


class FlexForm(SpanForm):
    TYPE = "flex"
    days_per_week = forms.IntegerField(
        label=_("Days a week"), min_value=0, max_value=7, required=False
    )
    hours_per_day = _hours(_("Hours a day"))
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=v.choices(v.Flex, "reason", v.FLEX_LABELS, blank=_("Not stated")),
        required=False,
    )
    FIELD_MAP = SpanForm.FIELD_MAP | {
        "days_per_week": "days_per_week",
        "hours_per_day": "hours_per_day",
    }

    def extra(self) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {}
        if data.get("days_per_week") is not None:
            event["days_per_week"] = data["days_per_week"]
        if data.get("hours_per_day") is not None:
            event["hours_per_day"] = _number(data["hours_per_day"])
        return event


class WorkplaceForm(SpanForm):
    TYPE = "workplace"
    employer = forms.CharField(label=_("Employer"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of workplace"),
        choices=v.choices(v.Workplace, "kind", v.WORKPLACE_KINDS, blank=_("Not stated")),
        required=False,
    )
    paid = forms.BooleanField(label=_("Paid work"), required=False)
    provider_is_employer = forms.BooleanField(
        label=_("The provider is the employer"), required=False
    )
    FIELD_MAP = SpanForm.FIELD_MAP | {
        "employer": "employer",
        "kind": "kind",
        "paid": "paid",
        "provider_is_employer": "provider_is_employer",
    }

    def extra(self) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {
            "employer": data["employer"].strip(),
            "provider_is_employer": bool(data.get("provider_is_employer")),
            "paid": bool(data.get("paid")),
        }
        if data.get("kind"):
            event["kind"] = data["kind"]
        return event


class PhaseForm(PointForm):
    """The start of a phase: the workplace phase (TK, TV, TEAK), Taito's phases."""

    TYPE = "phase"
    phase = forms.ChoiceField(label=_("Phase"))
    FIELD_MAP = {"date": "date", "phase": "phase"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        only = v.TAITO_PHASES if self.case.service == "TAITO" else ("workplace",)
        self.fields["phase"].choices = v.choices(v.Phase, "phase", v.PHASE_LABELS, only=only)

    def fields_of(self) -> dict[str, Any]:
        return {"phase": self.cleaned_data["phase"]}


class PrecontactForm(PointForm):
    """The advance contact (TEAK)."""

    TYPE = "precontact"
    mode = forms.ChoiceField(label=_("Mode"), choices=v.choices(v.Precontact, "mode"))
    FIELD_MAP = {"date": "date", "mode": "mode"}

    def fields_of(self) -> dict[str, Any]:
        return {"mode": self.cleaned_data["mode"]}


class KelaNoticeForm(PointForm):
    TYPE = "kela_notice"
    topic = forms.CharField(label=_("What was reported"), max_length=500)
    FIELD_MAP = {"date": "date", "topic": "topic"}

    def fields_of(self) -> dict[str, Any]:
        return {"topic": self.cleaned_data["topic"].strip()}


class KelaAgreementForm(PointForm):
    """An agreement with Kela about a deviation from one rule."""

    TYPE = "kela_agreement"
    rule = forms.ChoiceField(label=_("Rule"))
    reason = forms.CharField(label=_("Reference or reason of the agreement"), max_length=500)
    FIELD_MAP = {"date": "date", "rule": "rule", "reason": "reason"}
    # The entry form for this event type is itself the agreement: no second one.
    AGREEMENT_FIELDS = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in EntryForm.AGREEMENT_FIELDS:
            del self.fields[name]
        rules = set(SOURCES)
        if self.event is not None and self.event.data.get("rule"):
            rules.add(self.event.data["rule"])  # an imported rule ID stays correctable
        self.fields["rule"].choices = [(rule, rule) for rule in sorted(rules)]

    def agreement(self) -> Agreement | None:
        return None

    def fields_of(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"rule": data["rule"], "reason": data["reason"].strip()}


class EndForm(PointForm):
    """The end of the case: completed, or interrupted (the short feedback report's clock)."""

    TYPE = "end"
    reason = forms.ChoiceField(label=_("Reason"), choices=v.choices(v.End, "reason", v.END_LABELS))
    FIELD_MAP = {"date": "date", "reason": "reason"}

    def fields_of(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


# --- round 2 of the rules (issue 15): the process as Kela must hear of it ----------------


def _text(data: dict[str, Any], event: dict[str, Any], **keys: str) -> dict[str, Any]:
    """``event`` with each given form field's text (stripped) under its contract key."""
    for key, name in keys.items():
        value = (data.get(name) or "").strip()
        if value:
            event[key] = value
    return event


class NoInterpreterForm(SpanForm):
    """DEADLINE.INTERPRETER: no interpreter was available (the deadlines may flex)."""

    TYPE = "no_interpreter"
    note = CharField(
        label=_("What was tried"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the interpreter services asked and their answers."),
    )
    FIELD_MAP = {"from": "start", "to": "end", "note": "note"}

    def extra(self) -> dict[str, Any]:
        return _text(self.cleaned_data, {}, note="note")


class VocationalPlanForm(PointForm):
    """PLAN.VOCATIONAL: the client made the vocational plan with the coach."""

    TYPE = "vocational_plan"
    summary = CharField(
        label=_("The plan in brief"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    FIELD_MAP = {"date": "date", "summary": "summary"}

    def fields_of(self) -> dict[str, Any]:
        return _text(self.cleaned_data, {}, summary="summary")


class InvitationLetterForm(PointForm):
    """TEAK.INVITATION: the invitation letter (kutsukirje) after the advance contact."""

    TYPE = "invitation_letter"
    FIELD_MAP = {"date": "date"}


class LightApproachForm(PointForm):
    """TEAK.LIGHT: the lighter rehabilitative approach, with its reason."""

    TYPE = "light_approach"
    reason = CharField(
        label=_("Why the lighter approach was chosen"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Without a reason the choice is a warning on the case."),
    )
    FIELD_MAP = {"date": "date", "reason": "reason"}

    def fields_of(self) -> dict[str, Any]:
        return _text(self.cleaned_data, {}, reason="reason")


class StepSkippedForm(PointForm):
    """PROCESS.STEP_SKIPPED: a step did not happen because of the client's situation."""

    TYPE = "step_skipped"
    step = CharField(label=_("The step that did not happen"), max_length=200)
    reason = CharField(
        label=_("Why (the client's situation)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kela must be told of the step and the reason."),
    )
    FIELD_MAP = {"date": "date", "step": "step", "reason": "reason"}

    def fields_of(self) -> dict[str, Any]:
        return _text(self.cleaned_data, {}, step="step", reason="reason")


class CannotCommitForm(PointForm):
    """CLIENT.CANNOT_COMMIT: the client cannot commit to the service (contact Kela)."""

    TYPE = "cannot_commit"
    reason = CharField(
        label=_("Why the client cannot commit"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    FIELD_MAP = {"date": "date", "reason": "reason"}

    def fields_of(self) -> dict[str, Any]:
        return _text(self.cleaned_data, {}, reason="reason")


# The form that corrects a recorded event, by its type (the week form records days).
CORRECTION_FORMS: dict[str, type[EntryForm]] = {
    "rehab_day": DayForm,
    "meeting": MeetingForm,
    "absence": AbsenceForm,
    "pause": PauseForm,
    "flex": FlexForm,
    "workplace": WorkplaceForm,
    "phase": PhaseForm,
    "precontact": PrecontactForm,
    "kela_notice": KelaNoticeForm,
    "kela_agreement": KelaAgreementForm,
    "end": EndForm,
    "no_interpreter": NoInterpreterForm,
    "vocational_plan": VocationalPlanForm,
    "invitation_letter": InvitationLetterForm,
    "light_approach": LightApproachForm,
    "step_skipped": StepSkippedForm,
    "cannot_commit": CannotCommitForm,
}
