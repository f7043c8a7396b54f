"""The entry forms of the case page: one per event type of ``luotsi-case/1``.

Each form turns its input into a ``Change`` (``change()``): new events, or, given the
``event`` it corrects, that event replaced. It knows which of its fields a service error's
JSON pointer means (``field_for``), so the service's and the engine's checks are not
repeated here: a form checks only what a person can get wrong in the form itself (order of
dates, a week that is not a week). Choices come from the contract's vocabularies
(``vocabulary``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.forms import DateField

from . import vocabulary as v
from .checks import Change
from .models import CaseEvent
from .proposals import Agreement


class EntryForm(forms.Form):
    """Common parts: the case version, the previewed change and a Kela-agreed deviation."""

    TYPE = ""
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)
    kela_agreed = forms.BooleanField(label=_("Kela has agreed to this deviation"), required=False)
    kela_agreement_date = DateField(label=_("Date of the agreement with Kela"), required=False)
    kela_agreement_reference = forms.CharField(
        label=_("Reference or reason of the agreement"), max_length=200, required=False
    )

    AGREEMENT_FIELDS = ("kela_agreed", "kela_agreement_date", "kela_agreement_reference")
    HIDDEN = ("version", "previewed")
    # contract field of an event → form field, for service error pointers
    FIELD_MAP: dict[str, str] = {}

    def __init__(
        self, *args: Any, case: Any, event: CaseEvent | None = None, **kwargs: Any
    ) -> None:
        if event is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {**self.initial_for(event.data), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.case = case
        self.event = event
        self.fields["version"].initial = case.version
        if event is not None:
            self.fields["correction_reason"] = forms.CharField(
                label=_("Why it is corrected"), max_length=500, required=False
            )

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        """The form's initial values for a recorded event (to correct it)."""
        initial = {}
        for key, name in cls.FIELD_MAP.items():
            if key in data:
                initial[name] = data[key]
        return initial

    def entry_fields(self) -> list[forms.BoundField]:
        """The fields a person fills in (not the hidden ones, not the agreement)."""
        skip = {*self.HIDDEN, *self.AGREEMENT_FIELDS}
        return [self[name] for name in self.fields if name not in skip]

    def agreement_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.AGREEMENT_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kela_agreed"):
            if not data.get("kela_agreement_date"):
                self.add_error(
                    "kela_agreement_date",
                    forms.ValidationError(_("Give the date of the agreement."), code="required"),
                )
            elif data["kela_agreement_date"] > timezone.localdate():
                self.add_error(
                    "kela_agreement_date",
                    forms.ValidationError(
                        _("The agreement cannot be dated in the future."), code="future"
                    ),
                )
            if not (data.get("kela_agreement_reference") or "").strip():
                self.add_error(
                    "kela_agreement_reference",
                    forms.ValidationError(
                        _("Give the reference or reason of the agreement."), code="required"
                    ),
                )
        return data

    def events(self) -> list[dict[str, Any]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def change(self) -> Change:
        """The change this form asks for: its events added, or the corrected event."""
        events = self.events()
        if self.event is not None:
            reason = self.cleaned_data.get("correction_reason", "")
            return Change(replace={self.event.pk: events[0]}, add=events[1:], reason=reason)
        return Change(add=events)

    def agreement(self) -> Agreement | None:
        data = self.cleaned_data
        if not data.get("kela_agreed"):
            return None
        return Agreement(data["kela_agreement_date"], data["kela_agreement_reference"])

    def field_for(self, index: int, key: str) -> str | None:
        """The form field of the ``index``-th proposed event's contract field ``key``."""
        if index >= len(self.events()):
            return "kela_agreement_date"
        return self.FIELD_MAP.get(key)


def _order(form: forms.Form, start: str, end: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(
            end,
            forms.ValidationError(_("The end date cannot be before the start date."), "order"),
        )


def _hours(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(24),
        decimal_places=2,
        required=required,
    )


def _number(value: Any) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


class PointForm(EntryForm):
    """An event on one day: ``date`` plus ``fields()``."""

    date = DateField(label=_("Date"))

    def fields_of(self) -> dict[str, Any]:
        return {}

    def events(self) -> list[dict[str, Any]]:
        event = {"type": self.TYPE, "date": self.cleaned_data["date"].isoformat()}
        event.update(self.fields_of())
        return [event]


class DayForm(PointForm):
    """One rehabilitation day, corrected (the week form records new ones)."""

    TYPE = "rehab_day"
    hours = _hours(_("Hours"), required=True)
    workplace_hours = _hours(_("Hours at the workplace"))
    paid_work = forms.BooleanField(label=_("Paid work"), required=False)
    independent = forms.BooleanField(label=_("Independent day"), required=False)
    planned_in_advance = forms.BooleanField(label=_("Planned in advance"), required=False)
    coach_contact = forms.BooleanField(label=_("In contact with the coach"), required=False)
    group = forms.BooleanField(label=_("Group day"), required=False)
    remote = forms.BooleanField(label=_("Remote day"), required=False)
    travel_minutes = forms.IntegerField(
        label=_("Travel in minutes"),
        min_value=0,
        max_value=1440,
        required=False,
        help_text=_(
            "Travel to and from the day's rehabilitation: it counts towards the 4-hour day of "
            "a client in working life."
        ),
    )
    client_worked = forms.BooleanField(
        label=_("The client also worked that day"),
        required=False,
        help_text=_("Paid or own work alongside the rehabilitation: Kela must be told."),
    )

    FLAGS = (
        *("paid_work", "independent", "planned_in_advance", "coach_contact", "group", "remote"),
        "client_worked",
    )
    FIELD_MAP = {
        "date": "date",
        "hours": "hours",
        "workplace_hours": "workplace_hours",
        "travel_minutes": "travel_minutes",
    } | {flag: flag for flag in FLAGS}

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        defaults = {"hours": 6, "workplace_hours": 5, "planned_in_advance": True}
        return {**defaults, "coach_contact": True, **super().initial_for(data)}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        hours, workplace = data.get("hours"), data.get("workplace_hours")
        if hours is not None and workplace is not None and workplace > hours:
            self.add_error(
                "workplace_hours",
                forms.ValidationError(
                    _("The hours at the workplace cannot exceed the day's hours."), "hours"
                ),
            )
        return data

    def fields_of(self) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {"hours": _number(data["hours"])}
        if data.get("workplace_hours") is not None:
            event["workplace_hours"] = _number(data["workplace_hours"])
        if data.get("travel_minutes") is not None:
            event["travel_minutes"] = data["travel_minutes"]
        event.update({flag: bool(data.get(flag)) for flag in self.FLAGS})
        return event


class MeetingForm(PointForm):
    """A meeting held, or (dated ahead) a planned one: then the start time is required."""

    TYPE = "meeting"
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("For a meeting ahead (a planned meeting)."),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=v.choices(v.Meeting, "mode"))
    place = forms.ChoiceField(
        label=_("Place"),
        choices=v.choices(v.Meeting, "place", blank=_("Not stated")),
        required=False,
    )
    office = forms.ChoiceField(label=_("Office"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=v.choices(v.Meeting, "kind"))
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=0, required=False)
    employer_present = forms.BooleanField(
        label=_("The employer's representative took part"), required=False
    )

    FIELD_MAP = {
        key: key for key in ("date", "mode", "place", "office", "kind", "phase", "minutes")
    } | {"employer_present": "employer_present"}

    def __init__(self, *args: Any, offices: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", _("Not at an office")), *[(o, o) for o in offices]]
        taito = self.case.service == "TAITO"
        phases = v.TAITO_PHASES if taito else v.PHASED_MEETING_PHASES
        self.fields["phase"].choices = v.choices(
            v.Meeting, "phase", v.PHASE_LABELS, blank=_("From the recorded phases"), only=phases
        )
        if self.event is not None:  # a meeting held is corrected, never planned
            del self.fields["start_time"]

    def is_planned(self) -> bool:
        day = self.cleaned_data.get("date")
        planning = self.event is None and "start_time" in self.fields
        return planning and day is not None and day > timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("office") and data.get("place") not in ("", None, "provider_office"):
            self.add_error(
                "office",
                forms.ValidationError(
                    _("An office is given only for a meeting at the provider's office."), "office"
                ),
            )
        if self.is_planned():
            if data.get("start_time") is None:
                self.add_error(
                    "start_time",
                    forms.ValidationError(
                        _("A meeting ahead is planned: give its start time."), "required"
                    ),
                )
            if data.get("minutes") is None:
                self.add_error(
                    "minutes",
                    forms.ValidationError(
                        _("A meeting ahead is planned: give its length."), "required"
                    ),
                )
        return data

    def plan(self) -> dict[str, Any]:
        """The planned meeting's fields (``planning.plan_meeting``)."""
        data = self.cleaned_data
        place = data.get("place") or ("provider_office" if data.get("office") else "")
        return {
            "date": data["date"],
            "start": data["start_time"],
            "minutes": data["minutes"],
            "mode": data["mode"],
            "kind": data["kind"],
            "place": place,
            "office": data.get("office") or "",
            "phase": data.get("phase") or "",
        }

    def fields_of(self) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {
            "kind": data["kind"],
            "mode": data["mode"],
            "employer_present": bool(data["employer_present"]),
        }
        for key in ("phase", "place", "office"):
            if data.get(key):
                event[key] = data[key]
        if data.get("office") and not data.get("place"):
            event["place"] = "provider_office"
        if data.get("minutes") is not None:
            event["minutes"] = data["minutes"]
        return event


class SpanForm(EntryForm):
    """An event from a day to a day (``to`` empty while it goes on)."""

    start = DateField(label=_("From"))
    end = DateField(
        label=_("To"), required=False, help_text=_("Leave empty while it still goes on.")
    )

    FIELD_MAP = {"from": "start", "to": "end", "reason": "reason"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _order(self, "start", "end")
        return data

    def extra(self) -> dict[str, Any]:
        return {}

    def events(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        event: dict[str, Any] = {"type": self.TYPE, "from": data["start"].isoformat()}
        if data.get("end"):
            event["to"] = data["end"].isoformat()
        if data.get("reason"):
            event["reason"] = data["reason"]
        event.update(self.extra())
        return [event]


class _ReplacesDays(SpanForm):
    """An absence or pause may turn recorded rehabilitation days into itself, when the
    coach says so (``remove_days``): those days are removed in the same change."""

    field_order = [
        *("start", "end", "reason", "could_participate_remotely", "interim_tasks"),
        *("planned_absence", "remove_days"),
    ]
    remove_days = forms.BooleanField(
        label=_("Remove the rehabilitation days recorded in this period"),
        required=False,
        help_text=_("Tick this when those days were in fact not rehabilitation days."),
    )

    def days_inside(self) -> list[CaseEvent]:
        data = self.cleaned_data
        days = self.case.events.filter(type="rehab_day", date__gte=data["start"])
        if data.get("end"):
            days = days.filter(date__lte=data["end"])
        if self.event is not None:
            days = days.exclude(pk=self.event.pk)
        return list(days.order_by("date"))

    def change(self) -> Change:
        change = super().change()
        if self.cleaned_data.get("remove_days"):
            change.remove = [day.pk for day in self.days_inside()]
        return change


class AbsenceForm(_ReplacesDays):
    TYPE = "absence"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=v.choices(v.Absence, "reason", v.ABSENCE_LABELS)
    )
    could_participate_remotely = forms.BooleanField(
        label=_("The client could have taken part remotely"), required=False
    )
    planned_absence = forms.BooleanField(
        label=_("This is a planned absence (agreed in advance)"),
        required=False,
        help_text=_("An absence that has not started yet is recorded only as a planned one."),
    )
    FIELD_MAP = SpanForm.FIELD_MAP | {"could_participate_remotely": "could_participate_remotely"}

    def extra(self) -> dict[str, Any]:
        return {"could_participate_remotely": bool(self.cleaned_data["could_participate_remotely"])}

    def change(self) -> Change:
        change = super().change()
        change.planned_absence = bool(self.cleaned_data.get("planned_absence"))
        return change


class PauseForm(_ReplacesDays):
    TYPE = "pause"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=v.choices(v.Pause, "reason", v.PAUSE_LABELS)
    )
    interim_tasks = forms.BooleanField(
        label=_("Interim tasks were agreed for the pause"), required=False
    )
    FIELD_MAP = SpanForm.FIELD_MAP | {"interim_tasks": "interim_tasks"}

    def extra(self) -> dict[str, Any]:
        return {"interim_tasks": bool(self.cleaned_data["interim_tasks"])}
