"""Taito group periods for a whole group at once: a roster of clients, one week.

The coach chooses the week, the days (Monday–Thursday by default) and the clients' Taito
cases; each case gets a group rehabilitation day (``group: true``, no hours at a
workplace) on each chosen day. Preview first (what each case's findings would do), then
confirm: every case is locked, checked and saved in one transaction — all or nothing;
an error names the client and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action
from luotsi.forms import DateField

from . import proposals, service
from .checks import Change
from .describe import finding_rows
from .entry_forms import _number
from .entry_views import matches_preview
from .models import Case
from .week_form import WEEKDAYS, monday

GROUP_DAYS = ("mon", "tue", "wed", "thu")


def roster_cases(user: Any) -> QuerySet[Case]:
    """The Taito cases whose clients ``user`` may edit, by client name."""
    return (
        Case.objects.filter(
            organisation_id=user.organisation_id,
            service="TAITO",
            client__in=policy.clients_for(user, Action.EDIT).values("pk"),
        )
        .select_related("client", "organisation")
        .order_by("client__last_name", "client__first_name", "external_id")
    )


class GroupForm(forms.Form):
    week = DateField(label=_("Week starting on Monday"))
    days = forms.MultipleChoiceField(
        label=_("Group days"),
        choices=WEEKDAYS,
        initial=list(GROUP_DAYS),
        widget=forms.CheckboxSelectMultiple,
    )
    hours = forms.DecimalField(
        label=_("Hours a day"),
        min_value=Decimal(0),
        max_value=Decimal(24),
        decimal_places=2,
        initial=6,
    )
    cases = forms.MultipleChoiceField(
        label=_("Clients in the group"), widget=forms.CheckboxSelectMultiple
    )
    versions = forms.CharField(widget=forms.HiddenInput, required=False)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, cases: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roster = {str(case.pk): case for case in cases}
        self.fields["cases"].choices = [
            (str(case.pk), f"{case.client.full_name} · {case.external_id}") for case in cases
        ]
        # Each client's travel to and from the group, in minutes, on every day of the period
        # (``travel_minutes``, ALLOWANCE.WORK), as on the week form; empty: not recorded.
        for case in cases:
            self.fields[self.travel_field(case)] = forms.IntegerField(
                label=_("%(client)s: travel in minutes") % {"client": case.client.full_name},
                min_value=0,
                max_value=1440,
                required=False,
            )
        if not self.is_bound:
            self.initial.setdefault("week", monday(timezone.localdate()) - dt.timedelta(days=7))

    def clean_week(self) -> dt.date:
        week: dt.date = self.cleaned_data["week"]
        if week.weekday() != 0:
            raise forms.ValidationError(_("Choose the Monday the week starts on."), "monday")
        return week

    @staticmethod
    def travel_field(case: Case) -> str:
        return f"travel_{case.pk}"

    def travel_fields(self) -> list[forms.BoundField]:
        return [self[self.travel_field(case)] for case in self.roster.values()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = set(data.get("cases") or [])
        for pk, case in self.roster.items():
            name = self.travel_field(case)
            if data.get(name) is not None and pk not in chosen:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("This client is not in the group: choose them or leave this empty."),
                        "not_chosen",
                    ),
                )
        week, days = data.get("week"), data.get("days") or []
        keys = [key for key, _name in WEEKDAYS]
        if week is not None and any(
            week + dt.timedelta(days=keys.index(day)) > timezone.localdate() for day in days
        ):
            self.add_error(
                "days",
                forms.ValidationError(
                    _("A chosen day is still ahead: record the days once they have taken place."),
                    "future",
                ),
            )
        return data

    def chosen(self) -> list[Case]:
        return [self.roster[pk] for pk in self.cleaned_data["cases"]]

    def travel(self, case: Case) -> int | None:
        value: int | None = self.cleaned_data.get(self.travel_field(case))
        return value

    def events(self, case: Case) -> list[dict[str, Any]]:
        """The group days of ``case``: one per chosen day, with its travel when given."""
        data = self.cleaned_data
        keys = [key for key, _name in WEEKDAYS]
        travel = self.travel(case)
        events: list[dict[str, Any]] = []
        for day in sorted(data["days"], key=keys.index):
            event: dict[str, Any] = {
                "type": "rehab_day",
                "date": (data["week"] + dt.timedelta(days=keys.index(day))).isoformat(),
                "hours": _number(data["hours"]),
                "workplace_hours": 0,
                "group": True,
            }
            if travel is not None:
                event["travel_minutes"] = travel
            events.append(event)
        return events

    def posted_versions(self) -> dict[str, int]:
        try:
            versions = json.loads(self.cleaned_data.get("versions") or "{}")
        except ValueError:
            return {}
        return {str(k): int(v) for k, v in versions.items()} if isinstance(versions, dict) else {}


def _client_error(case: Case, exc: ValidationError) -> str:
    return gettext("%(client)s (%(case)s): %(error)s") % {
        "client": case.client.full_name,
        "case": case.external_id,
        "error": " ".join(exc.messages),
    }


def _digest(rows: list[tuple[Case, proposals.Proposal]]) -> str:
    text = json.dumps([(case.pk, proposal.digest) for case, proposal in rows])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@client_collection_view(Action.EDIT, allowed=policy.can_create_client)
def group_days(request: HttpRequest) -> HttpResponse:
    """Record a Taito group period for a roster of clients: preview, then confirm."""
    if request.method == "GET":  # opened only: a read of the roster
        request.access.action = Action.VIEW  # type: ignore[attr-defined]
    cases = list(roster_cases(request.user))
    form = GroupForm(request.POST or None, cases=cases)
    context: dict[str, Any] = {"form": form, "has_cases": bool(cases)}
    if request.method != "POST" or not form.is_valid():
        return render(request, "cases/group.html", context)
    chosen = form.chosen()
    posted = form.posted_versions()
    versions = {str(case.pk): case.version for case in chosen}
    changed = [case for case in chosen if posted and posted.get(str(case.pk)) != case.version]
    for case in changed:
        form.add_error(None, _client_error(case, service.stale_version(case, request.user)))
    rows: list[tuple[Case, proposals.Proposal]] = []
    current = chosen[0] if chosen else None
    for case in chosen:
        try:
            rows.append((case, proposals.propose(case, Change(add=form.events(case)))))
        except ValidationError as exc:
            form.add_error("cases", _client_error(case, exc))
    data = form.data.copy()
    data["versions"] = json.dumps(versions)
    form.data = data
    if form.errors:
        return render(request, "cases/group.html", context)
    digest = _digest(rows)
    if "confirm" in request.POST and matches_preview(form, digest):
        try:
            with transaction.atomic():
                for case, proposal in rows:
                    current = case
                    proposals.confirm(
                        request.user,  # type: ignore[arg-type]
                        case,
                        Change(add=form.events(case)),
                        posted[str(case.pk)],
                        proposal.digest,
                    )
        except ValidationError as exc:
            form.add_error(None, _client_error(current, exc))
        else:
            messages.success(
                request,
                ngettext(
                    "Group days were recorded for %(count)d client.",
                    "Group days were recorded for %(count)d clients.",
                    len(rows),
                )
                % {"count": len(rows)},
            )
            return redirect("clients:case_group")
    lang = (get_language() or "en")[:2]
    context.update(
        {
            "rows": [
                (
                    case,
                    form.travel(case),
                    finding_rows(p.shown.appeared, lang),
                    finding_rows(p.shown.disappeared, lang),
                )
                for case, p in rows
            ],
            "digest": digest,
            "summary": ngettext(
                "Group days on %(days)d days for %(count)d client.",
                "Group days on %(days)d days for %(count)d clients.",
                len(rows),
            )
            % {"days": len(form.cleaned_data["days"]), "count": len(rows)},
        }
    )
    return render(request, "cases/group.html", context)
