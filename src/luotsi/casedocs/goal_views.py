"""The GAS goals of a case: the list with its entry form, saving a goal, removing one.

Mounted under ``/clients/<client_id>/cases/<case_id>/goals/``: client-data views. Reading
needs ``view``; recording goals needs ``edit`` (as recording the case's events does).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client

from . import goals as service
from .forms import GasGoalForm
from .models import GasGoal
from .views import _case


def _goals_page(client: Client, case_id: int) -> HttpResponse:
    return redirect("clients:case_goals", client_id=client.pk, case_id=case_id)


def _page(
    request: HttpRequest,
    client: Client,
    case_id: int,
    form: GasGoalForm | None = None,
    editing: GasGoal | None = None,
    status: int = 200,
) -> HttpResponse:
    case = _case(client, case_id)
    can_edit = policy.can(request.user, Action.EDIT, client)
    if can_edit and form is None:
        form = GasGoalForm(initial=_initial(editing) if editing else None)
    return render(
        request,
        "casedocs/goals.html",
        {
            "client": client,
            "case": case,
            "goals": list(case.gas_goals.order_by("position", "pk")),
            "form": form if can_edit else None,
            "editing": editing,
            "can_edit": can_edit,
        },
        status=status,
    )


def _initial(goal: GasGoal) -> dict[str, object]:
    return {key: getattr(goal, key) for key in service.GOAL_FIELDS}


def _goal(case_id: int, value: object) -> GasGoal | None:
    try:
        pk = int(str(value))
    except ValueError:
        return None
    return get_object_or_404(GasGoal.objects.select_related("case"), pk=pk, case_id=case_id)


@client_view(Action.VIEW)
def case_goals(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """The case's GAS goals; ``?edit=<id>`` opens one in the form."""
    _case(client, case_id)
    editing = _goal(case_id, request.GET["edit"]) if request.GET.get("edit") else None
    return _page(request, client, case_id, editing=editing)


@client_view(Action.EDIT)
def goal_save(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """POST: add a goal, or change the one named by ``goal_id``; a GET goes to the page."""
    if request.method != "POST":
        return _goals_page(client, case_id)
    case = _case(client, case_id)
    editing = _goal(case_id, request.POST["goal_id"]) if request.POST.get("goal_id") else None
    form = GasGoalForm(request.POST)
    if form.is_valid():
        try:
            service.save_goal(request.user, case, form.cleaned_data, editing)  # type: ignore[arg-type]
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The GAS goal was saved."))
            return _goals_page(client, case_id)
    return _page(request, client, case_id, form=form, editing=editing)


@client_view(Action.EDIT)
def goal_remove(request: HttpRequest, client: Client, case_id: int) -> HttpResponse:
    """POST: remove the goal named by ``goal_id``; a GET goes to the page."""
    if request.method == "POST":
        _case(client, case_id)
        goal = _goal(case_id, request.POST.get("goal_id", ""))
        if goal is None:
            messages.error(request, _("Choose the goal to remove."))
        else:
            service.remove_goal(request.user, goal)  # type: ignore[arg-type]
            messages.success(request, _("The GAS goal was removed."))
    return _goals_page(client, case_id)
