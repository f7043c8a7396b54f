"""The week form: a week of rehabilitation days, with the days already recorded in it.

Opened for a week, the form shows the days recorded in that week (``recorded``), and they
can be corrected there: a changed day is a correction, a day emptied is removed, a new day
is added — one change, previewed and confirmed like any other. A week posted without its
recorded days having been shown (``loaded_week`` differs) is not saved: the form shows
them first, so nothing recorded is removed unseen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from luotsi.forms import DateField
from luotsi.rules.calendar import DATE_MAX, finnish_date, in_date_range

from .checks import Change
from .entry_forms import EntryForm, _hours, _number
from .models import CaseEvent

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
]


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_to_enter(case: Any, today: dt.date) -> dt.date:
    """The week a coach most likely enters next: the one after the last recorded day's week,
    but never a week still ahead (then this week)."""
    last = case.events.filter(type="rehab_day").order_by("-date").values_list("date", flat=True)
    last_day = last.first()
    if last_day is None:
        return monday(today)
    return min(monday(last_day) + dt.timedelta(days=7), monday(today))


class WeekForm(EntryForm):
    """A week of rehabilitation days: only the days with hours are recorded."""

    TYPE = "rehab_day"
    week = DateField(
        label=_("Week starting on Monday"),
        help_text=_("Fill in the hours of the days the client took part; leave the others empty."),
    )
    loaded_week = forms.DateField(widget=forms.HiddenInput, required=False)
    HIDDEN = ("version", "previewed", "loaded_week")

    def __init__(self, *args: Any, week: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, name in WEEKDAYS:
            self.fields[f"{key}_hours"] = _hours(_("%(day)s: hours") % {"day": name})
            self.fields[f"{key}_workplace_hours"] = _hours(
                _("%(day)s: hours at the workplace") % {"day": name}
            )
            self.fields[f"{key}_paid_work"] = forms.BooleanField(
                label=_("%(day)s: paid work") % {"day": name}, required=False
            )
            self.fields[f"{key}_travel_minutes"] = forms.IntegerField(
                label=_("%(day)s: travel in minutes") % {"day": name},
                min_value=0,
                max_value=1440,
                required=False,
            )
            self.fields[f"{key}_client_worked"] = forms.BooleanField(
                label=_("%(day)s: the client also worked") % {"day": name}, required=False
            )
        if self.is_bound:
            week = self._posted_week()
        self.shown_week = week
        self.recorded = self._recorded(week)
        if not self.is_bound and week is not None:
            self.initial.update({"week": week, "loaded_week": week, **self._values()})

    def _posted_week(self) -> dt.date | None:
        try:
            return self.fields["week"].clean(self.data.get("week"))
        except forms.ValidationError:
            return None

    def _recorded(self, week: dt.date | None) -> dict[str, CaseEvent]:
        """The days recorded in ``week``, by weekday key."""
        if week is None or week.weekday() != 0:
            return {}
        days = self.case.events.filter(
            type="rehab_day", date__gte=week, date__lte=week + dt.timedelta(days=5)
        )
        keys = dict(enumerate(key for key, _name in WEEKDAYS))
        return {keys[day.date.weekday()]: day for day in days if day.date.weekday() in keys}

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, day in self.recorded.items():
            values[f"{key}_hours"] = day.data.get("hours", 6)
            values[f"{key}_workplace_hours"] = day.data.get("workplace_hours", 5)
            values[f"{key}_paid_work"] = bool(day.data.get("paid_work"))
            if day.data.get("travel_minutes") is not None:
                values[f"{key}_travel_minutes"] = day.data["travel_minutes"]
            values[f"{key}_client_worked"] = bool(day.data.get("client_worked"))
        return values

    def day_rows(self) -> list[tuple[str, list[forms.BoundField], bool]]:
        rows = []
        week = self.shown_week if self.shown_week and self.shown_week.weekday() == 0 else None
        for n, (key, name) in enumerate(WEEKDAYS):
            heading = str(name)
            if week:
                heading = f"{name} {date_format(week + dt.timedelta(days=n), 'j.n.')}"
            fields = [
                self[f"{key}_hours"],
                self[f"{key}_workplace_hours"],
                self[f"{key}_paid_work"],
                self[f"{key}_travel_minutes"],
                self[f"{key}_client_worked"],
            ]
            rows.append((heading, fields, key in self.recorded))
        return rows

    def clean_week(self) -> dt.date:
        week: dt.date = self.cleaned_data["week"]
        if week.weekday() != 0:
            raise forms.ValidationError(_("Choose the Monday the week starts on."), "monday")
        if not in_date_range(week + dt.timedelta(days=6)):
            raise forms.ValidationError(
                _("The week must end by %(last)s.") % {"last": finnish_date(DATE_MAX)},
                "date_range",
            )
        return week

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        week = data.get("week")
        if week is not None and self.recorded and data.get("loaded_week") != week:
            self._show_recorded(week)
            return data
        today = timezone.localdate()
        for n, (key, _name) in enumerate(WEEKDAYS):
            hours = data.get(f"{key}_hours")
            workplace = data.get(f"{key}_workplace_hours")
            if hours is None:
                if (
                    workplace is not None
                    or data.get(f"{key}_paid_work")
                    or data.get(f"{key}_travel_minutes") is not None
                    or data.get(f"{key}_client_worked")
                ):
                    self.add_error(
                        f"{key}_hours",
                        forms.ValidationError(
                            _("Give the day's hours, or leave the whole day empty."), "required"
                        ),
                    )
                continue
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
        if not self.errors and not self._plan(data)[0]:
            message = (
                _("The recorded days were not changed.")
                if self.recorded
                else _("Fill in the hours of at least one day.")
            )
            self.add_error("mon_hours", forms.ValidationError(message, code="required"))
        return data

    def _show_recorded(self, week: dt.date) -> None:
        """Put the recorded days of ``week`` into the form (the days typed stay) and say so."""
        posted = self.data.copy()
        for name, value in self._values().items():
            key = name.split("_", 1)[0]
            if not posted.get(f"{key}_hours"):
                if isinstance(value, bool):
                    if value:
                        posted[name] = "on"
                else:
                    posted[name] = str(value)
        posted["loaded_week"] = week.isoformat()
        self.data = posted
        dates = ", ".join(finnish_date(day.date) for day in self.recorded.values())
        self.add_error(
            "week",
            forms.ValidationError(
                _(
                    "Days of this week are already recorded (%(dates)s). They are shown now: "
                    "check them and preview again."
                )
                % {"dates": dates},
                "recorded",
            ),
        )

    def _event(self, data: dict[str, Any], key: str, n: int) -> dict[str, Any]:
        event: dict[str, Any] = {
            "type": "rehab_day",
            "date": (data["week"] + dt.timedelta(days=n)).isoformat(),
            "hours": _number(data[f"{key}_hours"]),
            "paid_work": bool(data[f"{key}_paid_work"]),
        }
        if data.get(f"{key}_workplace_hours") is not None:
            event["workplace_hours"] = _number(data[f"{key}_workplace_hours"])
        if data.get(f"{key}_travel_minutes") is not None:
            event["travel_minutes"] = data[f"{key}_travel_minutes"]
        worked = bool(data.get(f"{key}_client_worked"))
        if worked:
            event["client_worked"] = True
        recorded = self.recorded.get(key)
        if recorded is not None:  # what the week form does not show stays as it was
            event = {**recorded.data, **event}
            if data.get(f"{key}_travel_minutes") is None:
                event.pop("travel_minutes", None)  # emptied here: no longer recorded
            if not worked and "client_worked" in event:
                event["client_worked"] = False
        return event

    def _plan(self, data: dict[str, Any]) -> tuple[list[tuple[str, Any]], Change]:
        """The weekday key of each proposed event, in order, and the change."""
        replace: dict[int, dict[str, Any]] = {}
        add: list[dict[str, Any]] = []
        keys: list[tuple[str, Any]] = []
        added_keys: list[tuple[str, Any]] = []
        remove: list[int] = []
        for n, (key, _name) in enumerate(WEEKDAYS):
            recorded = self.recorded.get(key)
            if data.get(f"{key}_hours") is None:
                if recorded is not None:
                    remove.append(recorded.pk)
                continue
            event = self._event(data, key, n)
            if recorded is None:
                add.append(event)
                added_keys.append((key, None))
            elif _normal(event) != _normal(recorded.data):
                replace[recorded.pk] = event
                keys.append((key, recorded.pk))
        touched = [*keys, *added_keys]
        if not (replace or add or remove):
            return [], Change()
        return touched or [("mon", None)], Change(add=add, replace=replace, remove=remove)

    def events(self) -> list[dict[str, Any]]:
        return self._plan(self.cleaned_data)[1].proposed

    def change(self) -> Change:
        return self._plan(self.cleaned_data)[1]

    def field_for(self, index: int, key: str) -> str | None:
        keys = self._plan(self.cleaned_data)[0]
        if index >= len(self.events()):
            return "kela_agreement_date"
        day = keys[index][0]
        return {
            "date": f"{day}_hours",
            "hours": f"{day}_hours",
            "workplace_hours": f"{day}_workplace_hours",
            "paid_work": f"{day}_paid_work",
            "travel_minutes": f"{day}_travel_minutes",
            "client_worked": f"{day}_client_worked",
        }.get(key, f"{day}_hours")


def _normal(event: dict[str, Any]) -> dict[str, Any]:
    """An event with numbers compared as numbers (6 and 6.0 are the same hours)."""
    return {
        k: float(v) if isinstance(v, int | float | Decimal) and not isinstance(v, bool) else v
        for k, v in event.items()
    }
