"""The team lead's page: the team's caseload by coach, and handing clients over.

Both are client-data views under ``clients/`` (the policy's reach of a team lead: the
clients of their teams). The caseload is counted in SQL (one query for the findings, one
for the clients, one for the coaches), whatever the number of clients.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view
from luotsi.access.models import Action
from luotsi.accounts.models import Role, User
from luotsi.clients import service as client_service
from luotsi.clients.models import Client

from .findings import GROUPS, SHOWN_SEVERITIES, findings_of, group_condition
from .rows import ClientCounts, url_maker

CASELOAD_GROUPS = ("late", "kela", "this_week", "risk")


def is_team_lead(user: Any) -> bool:
    return client_service.may_hand_over(user)


@dataclass
class CoachLoad:
    """One coach's row: clients, cases and findings per group."""

    coach_id: int | None
    name: str
    active: bool = True
    clients: int = 0
    cases: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(key, self.counts.get(key, 0)) for key in CASELOAD_GROUPS]


def caseload(user: Any, today: dt.date) -> list[CoachLoad]:
    """The caseload of ``user``'s reach (``clients_for(user, LIST)``) by responsible coach,
    in three queries: the finding counts per group, the clients and cases, the coaches
    (the members of the user's teams who coach, and anyone responsible for a client)."""
    clients = policy.clients_for(user, Action.LIST)
    counts = (
        findings_of(clients, user.organisation_id, SHOWN_SEVERITIES)
        .values("case__client__responsible_coach")
        .annotate(
            **{key: Count("pk", filter=group_condition(key, today)) for key in CASELOAD_GROUPS}
        )
        .order_by()
    )
    loads: dict[int | None, CoachLoad] = {}
    for row in counts:
        coach_id = row.pop("case__client__responsible_coach")
        loads[coach_id] = CoachLoad(coach_id, "", counts=row)
    for coach_id, client_count, case_count in (
        clients.values("responsible_coach")
        .annotate(n=Count("pk", distinct=True), cases=Count("cases"))
        .order_by()
        .values_list("responsible_coach", "n", "cases")
    ):
        load = loads.setdefault(coach_id, CoachLoad(coach_id, ""))
        load.clients, load.cases = client_count, case_count
    coaches = (
        User.objects.filter(organisation_id=user.organisation_id)
        .filter(
            Q(pk__in=[pk for pk in loads if pk is not None])
            | Q(
                teams__in=user.teams.all(),
                role_assignments__role__in=[Role.COACH, Role.TEAM_LEAD],
            )
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    rows = []
    for coach in coaches:
        load = loads.pop(coach.pk, None) or CoachLoad(coach.pk, "")
        load.name, load.active = str(coach), coach.is_active
        rows.append(load)
    if None in loads:
        load = loads.pop(None)
        load.name = _("No responsible coach")
        rows.append(load)
    return rows


def coach_clients(user: Any, coach_id: int | None, today: dt.date) -> list[ClientCounts]:
    """One coach's clients in ``user``'s reach, each with cases and findings per group
    (the drill-down of a coach's row): two queries."""
    clients = policy.clients_for(user, Action.LIST).filter(responsible_coach_id=coach_id)
    client_url = url_maker("clients:detail", "client_id")
    people = {
        pk: ClientCounts(pk, f"{last}, {first}", client_url(pk), cases)
        for pk, first, last, cases in clients.annotate(n=Count("cases"))
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "n")
    }
    counts = (
        findings_of(clients, user.organisation_id, SHOWN_SEVERITIES)
        .values("case__client")
        .annotate(**{key: Count("pk", filter=group_condition(key, today)) for key in GROUPS})
        .order_by()
    )
    for row in counts:
        person = people.get(row.pop("case__client"))
        if person is not None:
            person.counts = {key: count for key, count in row.items() if count}
    return list(people.values())


@client_collection_view(Action.LIST, allowed=is_team_lead)
def team(request: HttpRequest) -> HttpResponse:
    """The team's caseload by coach: late, to report, due within 7 days, risks; each number
    opens the due list of that coach and group. ``?coach=<id>`` (``none``: clients without
    a coach) adds that coach's clients with their counts (the drill-down)."""
    user = request.user
    prefetch_related_objects([user], "role_assignments")
    today = timezone.localdate()
    rows = caseload(user, today)
    chosen = request.GET.get("coach", "")
    selected = next(
        (
            row
            for row in rows
            if (chosen == "none" and row.coach_id is None) or str(row.coach_id) == chosen
        ),
        None,
    )
    clients = coach_clients(user, selected.coach_id, today) if selected is not None else []
    request.access.detail = (  # type: ignore[attr-defined]
        f"team caseload: {len(rows)} coaches"
        + (f", {len(clients)} clients of one coach" if selected is not None else "")
    )
    return render(
        request,
        "dashboards/team.html",
        {
            "rows": rows,
            "group_titles": [GROUPS[key] for key in CASELOAD_GROUPS],
            "all_group_titles": list(GROUPS.values()),
            "today": today,
            "teams": list(user.teams.all()),  # type: ignore[union-attr]
            "selected": selected,
            "clients": clients,
        },
    )


class HandoverForm(forms.Form):
    """From which coach, which of their clients, to whom."""

    clients = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Clients to hand over"),
        queryset=Client.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one client to hand over.")},
    )
    to_coach = forms.ModelChoiceField(
        label=gettext_lazy("New responsible coach"),
        queryset=User.objects.none(),
        empty_label=gettext_lazy("Choose a coach"),
        error_messages={"required": gettext_lazy("Choose the coach who takes the clients over.")},
    )

    def __init__(self, *args: Any, clients: QuerySet[Client], coaches: QuerySet[User], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["clients"].queryset = clients  # type: ignore[attr-defined]
        self.fields["to_coach"].queryset = coaches  # type: ignore[attr-defined]


def _coaches(organisation_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            role_assignments__role__in=[Role.COACH, Role.TEAM_LEAD],
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


@client_collection_view(Action.EDIT, allowed=is_team_lead)
def handover(request: HttpRequest) -> HttpResponse:
    """Hand a coach's clients (in the team lead's reach) over to another coach: holiday
    cover, or a coach leaving. ``?from=<coach id>`` (``none``: clients without a coach)."""
    user = request.user
    source = request.POST.get("from") or request.GET.get("from") or ""
    clients = policy.clients_for(user, Action.EDIT).select_related("responsible_coach")
    from_coach = None
    if source == "none":
        clients = clients.filter(responsible_coach__isnull=True)
    elif source.isdigit():
        from_coach = User.objects.filter(organisation_id=user.organisation_id, pk=source).first()  # type: ignore[union-attr]
        clients = clients.filter(responsible_coach_id=int(source))
    else:  # choose the coach first
        request.access.detail = "handover: choose a coach"  # type: ignore[attr-defined]
        return render(
            request,
            "dashboards/handover.html",
            {"form": None, "coaches": caseload(user, timezone.localdate())},
        )
    form = HandoverForm(
        request.POST if request.method == "POST" else None,
        clients=clients.order_by("last_name", "first_name", "pk"),
        coaches=_coaches(user.organisation_id).exclude(pk=getattr(from_coach, "pk", None)),  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["clients"])
        to_coach = form.cleaned_data["to_coach"]
        try:
            changed = client_service.hand_over(user, chosen, to_coach)  # type: ignore[arg-type]
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            request.access.detail = (  # type: ignore[attr-defined]
                f"handover: {len(changed)} clients to user {to_coach.pk}"
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d client was handed over to %(coach)s.",
                    "%(count)d clients were handed over to %(coach)s.",
                    len(changed),
                )
                % {"count": len(changed), "coach": to_coach},
            )
            return redirect("clients:team")
    request.access.detail = "handover form"  # type: ignore[attr-defined]
    return render(
        request,
        "dashboards/handover.html",
        {"form": form, "from_coach": from_coach, "source": source},
    )
