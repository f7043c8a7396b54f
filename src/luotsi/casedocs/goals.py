"""Recording a case's GAS goals: add, change, remove — each in one transaction with its
change-log row (``luotsi.access.audit.log_change``). The feedback report prints them
(``feedback_goals``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import User
from luotsi.cases.models import Case
from luotsi.documents import GasGoal as PrintedGoal

from .models import GasGoal, GasLevel

# What the coach writes for each goal, and what a goal may not leave empty.
GOAL_FIELDS = (
    "goal",
    "indicator",
    "level_minus2",
    "level_minus1",
    "level_0",
    "level_plus1",
    "level_plus2",
    "timetable",
    "reached",
)
REQUIRED = tuple(key for key in GOAL_FIELDS if key != "reached")


def _check(actor: User | None, case: Case) -> None:
    if actor is not None and not policy.can(actor, Action.EDIT, case.client):
        raise PermissionDenied(_("You may not change this client's case."))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """The goal's values, stripped; refused (field-named) when a required one is empty or
    the level reached is not on the scale."""
    unknown = set(data) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"not a field of a GAS goal: {sorted(unknown)}")
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key in GOAL_FIELDS:
        value = data.get(key)
        if key == "reached":
            if value in (None, ""):
                values[key] = None
            else:
                try:
                    values[key] = GasLevel(int(value)).value
                except (TypeError, ValueError):
                    errors[key] = _("The level reached is one of −2, −1, 0, +1 and +2.")
            continue
        values[key] = str(value or "").strip()
        if key in REQUIRED and not values[key]:
            errors[key] = _("This field is required.")
    if len(values.get("timetable", "")) > 200:
        errors["timetable"] = _("At most 200 characters.")
    if errors:
        raise ValidationError(errors)
    return values


def save_goal(
    actor: User | None, case: Case, data: dict[str, Any], goal: GasGoal | None = None
) -> GasGoal:
    """Add a GAS goal to ``case`` (``goal`` None) or change ``goal``; one transaction with its
    change-log row. Refused (field-named, nothing saved) when a required field is empty."""
    _check(actor, case)
    values = _clean(data)
    with transaction.atomic():
        if goal is None:
            last = GasGoal.objects.filter(case=case).aggregate(m=Max("position"))["m"] or 0
            goal = GasGoal.objects.create(
                organisation_id=case.organisation_id, case=case, position=last + 1, **values
            )
            action, fields = Action.CREATE, list(values)
        else:
            goal = GasGoal.objects.select_for_update().get(pk=goal.pk, case=case)
            fields = [key for key, value in values.items() if getattr(goal, key) != value]
            for key, value in values.items():
                setattr(goal, key, value)
            goal.save()
            action = Action.EDIT
        log_change(
            actor,
            organisation_id=case.organisation_id,
            client_id=case.client_id,
            action=action,
            object_type="gas_goal",
            object_id=goal.pk,
            fields=fields,
        )
    return goal


@transaction.atomic
def remove_goal(actor: User | None, goal: GasGoal) -> None:
    """Remove a GAS goal; the change log keeps that it was there and who removed it."""
    case = goal.case
    _check(actor, case)
    pk = goal.pk
    GasGoal.objects.filter(pk=pk).delete()
    log_change(
        actor,
        organisation_id=case.organisation_id,
        client_id=case.client_id,
        action=Action.EDIT,
        object_type="gas_goal",
        object_id=pk,
        fields=["removed"],
    )


def feedback_goals(case: Case) -> list[PrintedGoal]:
    """The case's GAS goals as the feedback report prints them, in order."""
    return [
        PrintedGoal(
            goal=g.goal,
            indicator=g.indicator,
            levels=g.levels(),
            timetable=g.timetable,
            reached=g.reached,
        )
        for g in case.gas_goals.order_by("position", "pk")
    ]
