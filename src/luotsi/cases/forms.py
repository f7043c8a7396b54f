"""Forms of the case pages: a new decision, and the fast-entry forms of the case page.

Each fast-entry form turns its input into contract-form events (``events()``) and knows
which of its fields a service error's JSON pointer means (``field_for``), so the
service's and the engine's checks are not repeated here: the form checks only what a
person can get wrong in the form itself (order of dates, a week that is not a week).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from luotsi.forms import DateField, date_widget
from luotsi.rules.calendar import DATE_MAX, in_date_range
from luotsi.rules.params import param

from .models import Service

DATE_WIDGET = date_widget()

FIRST_DECISION_CHOICES = [
    ("first", _("First decision")),
    ("continuation", _("Continuation decision")),
]

MEETING_MODES = [
    ("face_to_face", _("Face to face")),
    ("video", _("Video call")),
    ("phone", _("Phone")),
]
MEETING_PLACES = [
    ("", _("Not stated")),
    ("provider_office", _("Provider's office")),
    ("workplace", _("Workplace")),
    ("network_premises", _("Network partner's premises")),
    ("other", _("Elsewhere")),
]
MEETING_KINDS = [
    ("individual", _("Individual meeting")),
    ("workplace_visit", _("Workplace visit")),
    ("network", _("Network meeting")),
    ("final_discussion", _("Final discussion")),
    ("phone_contact", _("Phone contact")),
]
PHASES = {
    "planning": _("Planning"),
    "job_search": _("Job search"),
    "workplace": _("Workplace phase"),
    "start": _("Start"),
    "practice": _("Work practice"),
    "deepening": _("Deepening"),
    "final": _("Final period"),
    "followup": _("Follow-up"),
}
PHASED_MEETING_PHASES = ("planning", "job_search", "workplace")
TAITO_MEETING_PHASES = ("start", "practice", "deepening", "final", "followup")
ABSENCE_REASONS = [
    ("sickness", _("Sickness")),
    ("annual_leave", _("Annual leave")),
    ("other", _("Other reason")),
]
PAUSE_REASONS = [
    ("employer_delay", _("The employer can let the client start only later")),
    ("workplace_closed", _("The workplace is closed for a short time")),
    ("awaiting_employer_replies", _("Waiting for employers' replies")),
    ("employment_ended", _("The employment ended")),
    ("client_own", _("A reason on the client's side")),
]
WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
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
        "/decision/granted_days": "granted_days",
        "/decision/first_decision": "first_decision",
        "/decision/medical_statement_b": "medical_statement_b",
    }


# --- fast entry -------------------------------------------------------------------------


class EntryForm(forms.Form):
    """Common parts of the fast-entry forms: the case version, the previewed change and a
    Kela-agreed deviation."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)
    kela_agreed = forms.BooleanField(label=_("Kela has agreed to this deviation"), required=False)
    kela_agreement_date = DateField(
        label=_("Date of the agreement with Kela"), widget=DATE_WIDGET, required=False
    )
    kela_agreement_reference = forms.CharField(
        label=_("Reference or reason of the agreement"), max_length=200, required=False
    )

    AGREEMENT_FIELDS = ("kela_agreed", "kela_agreement_date", "kela_agreement_reference")
    # contract field of an event → form field, for service error pointers
    FIELD_MAP: dict[str, str] = {}

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["version"].initial = case.version

    def entry_fields(self) -> list[forms.BoundField]:
        """The fields a person fills in (not the hidden ones, not the agreement)."""
        skip = {"version", "previewed", *self.AGREEMENT_FIELDS}
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

    def agreements(self, rules: list[str]) -> list[dict[str, Any]]:
        """``kela_agreement`` events for ``rules``, when the form says Kela agreed."""
        data = self.cleaned_data
        if not data.get("kela_agreed"):
            return []
        return [
            {
                "type": "kela_agreement",
                "date": data["kela_agreement_date"].isoformat(),
                "rule": rule,
                "reason": data["kela_agreement_reference"].strip(),
            }
            for rule in rules
        ]

    def field_for(self, index: int, key: str) -> str | None:
        """The form field of the ``index``-th new event's contract field ``key``."""
        if index >= len(self.events()):
            return "kela_agreement_date"
        return self.FIELD_MAP.get(key)

    @staticmethod
    def digest(version: int, events: list[dict[str, Any]]) -> str:
        """What a confirmation must match: the version and the exact events previewed."""
        text = json.dumps([version, events], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _order(form: forms.Form, start: str, end: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(
            end,
            forms.ValidationError(_("The end date cannot be before the start date."), "order"),
        )


class WeekForm(EntryForm):
    """A week of rehabilitation days: only the days with hours become ``rehab_day`` events."""

    week = DateField(
        label=_("Week starting on Monday"),
        widget=DATE_WIDGET,
        help_text=_("Fill in the hours of the days the client took part; leave the others empty."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, name in WEEKDAYS:
            self.fields[f"{key}_hours"] = forms.DecimalField(
                label=_("%(day)s: hours") % {"day": name},
                min_value=Decimal(0),
                max_value=Decimal(24),
                decimal_places=2,
                required=False,
            )
            self.fields[f"{key}_workplace_hours"] = forms.DecimalField(
                label=_("%(day)s: hours at the workplace") % {"day": name},
                min_value=Decimal(0),
                max_value=Decimal(24),
                decimal_places=2,
                required=False,
            )
            self.fields[f"{key}_paid_work"] = forms.BooleanField(
                label=_("%(day)s: paid work") % {"day": name}, required=False
            )

    def day_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        rows = []
        week = self.cleaned_data.get("week") if hasattr(self, "cleaned_data") else None
        for n, (key, name) in enumerate(WEEKDAYS):
            heading = str(name)
            if week:
                day = week + dt.timedelta(days=n)
                heading = f"{name} {date_format(day, 'j.n.')}"
            fields = [
                self[f"{key}_hours"],
                self[f"{key}_workplace_hours"],
                self[f"{key}_paid_work"],
            ]
            rows.append((heading, fields))
        return rows

    def clean_week(self) -> dt.date:
        week: dt.date = self.cleaned_data["week"]
        if week.weekday() != 0:
            raise forms.ValidationError(_("Choose the Monday the week starts on."), "monday")
        if not in_date_range(week + dt.timedelta(days=6)):
            raise forms.ValidationError(
                _("The week must end by %(last)s.") % {"last": date_format(DATE_MAX, "j.n.Y")},
                "date_range",
            )
        return week

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = 0
        week = data.get("week")
        today = timezone.localdate()
        for n, (key, _name) in enumerate(WEEKDAYS):
            hours = data.get(f"{key}_hours")
            workplace = data.get(f"{key}_workplace_hours")
            if hours is None:
                if workplace is not None or data.get(f"{key}_paid_work"):
                    self.add_error(
                        f"{key}_hours",
                        forms.ValidationError(
                            _("Give the day's hours, or leave the whole day empty."), "required"
                        ),
                    )
                continue
            filled += 1
            if week is not None and week + dt.timedelta(days=n) > today:
                self.add_error(
                    f"{key}_hours",
                    forms.ValidationError(
                        _("This day is still ahead: record it once it has taken place."),
                        "future",
                    ),
                )
            if workplace is not None and workplace > hours:
                self.add_error(
                    f"{key}_workplace_hours",
                    forms.ValidationError(
                        _("The hours at the workplace cannot exceed the day's hours."), "hours"
                    ),
                )
        if not filled and not self.errors:
            self.add_error(
                "mon_hours",
                forms.ValidationError(_("Fill in the hours of at least one day."), code="required"),
            )
        return data

    def _filled(self) -> list[tuple[str, int]]:
        return [
            (key, n)
            for n, (key, _name) in enumerate(WEEKDAYS)
            if self.cleaned_data.get(f"{key}_hours") is not None
        ]

    def events(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        out = []
        for key, n in self._filled():
            event: dict[str, Any] = {
                "type": "rehab_day",
                "date": (data["week"] + dt.timedelta(days=n)).isoformat(),
                "hours": float(data[f"{key}_hours"]),
                "paid_work": bool(data[f"{key}_paid_work"]),
            }
            if data.get(f"{key}_workplace_hours") is not None:
                event["workplace_hours"] = float(data[f"{key}_workplace_hours"])
            out.append(event)
        return out

    def field_for(self, index: int, key: str) -> str | None:
        filled = self._filled()
        if index >= len(filled):
            return "kela_agreement_date"
        day = filled[index][0]
        return {
            "date": f"{day}_hours",
            "hours": f"{day}_hours",
            "workplace_hours": f"{day}_workplace_hours",
            "paid_work": f"{day}_paid_work",
        }.get(key, f"{day}_hours")


class MeetingForm(EntryForm):
    date = DateField(label=_("Date"), widget=DATE_WIDGET)
    mode = forms.ChoiceField(label=_("Mode"), choices=MEETING_MODES)
    place = forms.ChoiceField(label=_("Place"), choices=MEETING_PLACES, required=False)
    office = forms.ChoiceField(label=_("Office"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=MEETING_KINDS)
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
        phases = TAITO_MEETING_PHASES if self.case.service == "TAITO" else PHASED_MEETING_PHASES
        self.fields["phase"].choices = [
            ("", _("From the recorded phases")),
            *[(p, PHASES[p]) for p in phases],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("office") and data.get("place") not in ("", None, "provider_office"):
            self.add_error(
                "office",
                forms.ValidationError(
                    _("An office is given only for a meeting at the provider's office."), "office"
                ),
            )
        return data

    def events(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        event: dict[str, Any] = {
            "type": "meeting",
            "date": data["date"].isoformat(),
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
        return [event]


class _SpanForm(EntryForm):
    TYPE = ""
    start = DateField(label=_("From"), widget=DATE_WIDGET)
    end = DateField(
        label=_("To"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leave empty while it still goes on."),
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
        event["reason"] = data["reason"]
        event.update(self.extra())
        return [event]


class AbsenceForm(_SpanForm):
    TYPE = "absence"
    reason = forms.ChoiceField(label=_("Reason"), choices=ABSENCE_REASONS)
    could_participate_remotely = forms.BooleanField(
        label=_("The client could have taken part remotely"), required=False
    )

    def extra(self) -> dict[str, Any]:
        return {"could_participate_remotely": bool(self.cleaned_data["could_participate_remotely"])}


class PauseForm(_SpanForm):
    TYPE = "pause"
    reason = forms.ChoiceField(label=_("Reason"), choices=PAUSE_REASONS)
    interim_tasks = forms.BooleanField(
        label=_("Interim tasks were agreed for the pause"), required=False
    )

    def extra(self) -> dict[str, Any]:
        return {"interim_tasks": bool(self.cleaned_data["interim_tasks"])}
