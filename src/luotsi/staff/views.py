"""The staff register's pages (quality manager, administrator). Thin: forms in, service
functions do the work; the findings are the stored ones."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import service
from .access import quality_view
from .forms import AbsenceForm, MemberForm, TrainingForm, TrainingKindForm
from .models import StaffAbsence, StaffFinding, StaffMember, Training, TrainingKind


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form, at the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _member(request: HttpRequest, member_id: int) -> StaffMember:
    return get_object_or_404(
        StaffMember.objects.select_related("organisation"),
        pk=member_id,
        organisation=request.user.organisation,  # type: ignore[union-attr]
    )


def training_status(training: Training, today: Any) -> str:
    if training.valid_until is None:
        return "lasting"
    if training.valid_until < today:
        return "expired"
    if (training.valid_until - today).days <= 60:
        return "expiring"
    return "valid"


@quality_view
def register(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    today = timezone.localdate()
    members = list(service.members_of(organisation))
    for m in members:
        m.latest = {}
        for t in m.trainings.all():
            if t.kind_id not in m.latest:  # ordered latest first within a kind
                m.latest[t.kind_id] = t
                t.status = training_status(t, today)
        m.coming_absences = [a for a in m.absences.all() if a.end >= today]
    findings = StaffFinding.objects.filter(organisation=organisation)
    return render(
        request,
        "staff/register.html",
        {"members": members, "findings": findings, "today": today},
    )


@quality_view
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest) -> HttpResponse:
    return _member_form(request, None)


@quality_view
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_form(request, _member(request, member_id))


def _member_form(request: HttpRequest, member: StaffMember | None) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    initial = None
    if member is not None:
        initial = {
            **{f: getattr(member, f) for f in service.MEMBER_FIELDS},
            "offices": list(member.offices.all()),
            "teams": list(member.teams.all()),
        }
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offices, teams = data.pop("offices"), data.pop("teams")
        try:
            saved = service.save_member(
                request.user,  # type: ignore[arg-type]
                organisation,
                member=member,
                offices=offices,
                teams=teams,
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The staff member was saved."))
            return redirect("staff:member", member_id=saved.pk)
    context: dict[str, Any] = {"form": form, "member": member}
    if member is not None:
        context.update(_member_context(request, member))
    return render(request, "staff/member.html", context)


def _member_context(request: HttpRequest, member: StaffMember) -> dict[str, Any]:
    organisation = member.organisation
    today = timezone.localdate()
    trainings = list(member.trainings.select_related("kind"))
    for t in trainings:
        t.status = training_status(t, today)
    return {
        "trainings": trainings,
        "absences": list(member.absences.all()),
        "training_form": TrainingForm(organisation=organisation, prefix="training"),
        "absence_form": AbsenceForm(prefix="absence"),
    }


def _rerender(request: HttpRequest, member: StaffMember, **forms_: forms.Form) -> HttpResponse:
    context: dict[str, Any] = {
        "member": member,
        "form": MemberForm(
            organisation=member.organisation,
            initial={
                **{f: getattr(member, f) for f in service.MEMBER_FIELDS},
                "offices": list(member.offices.all()),
                "teams": list(member.teams.all()),
            },
        ),
        **_member_context(request, member),
        **forms_,
    }
    return render(request, "staff/member.html", context, status=200)


@quality_view
@require_http_methods(["GET", "POST"])
def training_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    if request.method != "POST":
        return redirect("staff:member", member_id=member.pk)
    form = TrainingForm(request.POST, organisation=member.organisation, prefix="training")
    if form.is_valid():
        try:
            service.add_training(request.user, member, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The training was added."))
            return redirect("staff:member", member_id=member.pk)
    return _rerender(request, member, training_form=form)


@quality_view
@require_http_methods(["GET", "POST"])
def absence_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    if request.method != "POST":
        return redirect("staff:member", member_id=member.pk)
    form = AbsenceForm(request.POST, prefix="absence")
    if form.is_valid():
        try:
            service.add_absence(request.user, member, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The absence was added."))
            return redirect("staff:member", member_id=member.pk)
    return _rerender(request, member, absence_form=form)


@quality_view
@require_http_methods(["GET", "POST"])
def training_remove(request: HttpRequest, member_id: int, training_id: int) -> HttpResponse:
    member = _member(request, member_id)
    if request.method == "POST":
        training = get_object_or_404(Training, pk=training_id, member=member)
        service.remove_training(request.user, training)  # type: ignore[arg-type]
        messages.success(request, _("The training was removed."))
    return redirect("staff:member", member_id=member.pk)


@quality_view
@require_http_methods(["GET", "POST"])
def absence_remove(request: HttpRequest, member_id: int, absence_id: int) -> HttpResponse:
    member = _member(request, member_id)
    if request.method == "POST":
        absence = get_object_or_404(StaffAbsence, pk=absence_id, member=member)
        service.remove_absence(request.user, absence)  # type: ignore[arg-type]
        messages.success(request, _("The absence was removed."))
    return redirect("staff:member", member_id=member.pk)


@quality_view
@require_http_methods(["GET", "POST"])
def training_kinds(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    form = TrainingKindForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_training_kind(request.user, organisation, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The training was added to the list."))
            return redirect("staff:training_kinds")
    kinds = TrainingKind.objects.filter(organisation=organisation)
    return render(request, "staff/training_kinds.html", {"form": form, "kinds": kinds})
