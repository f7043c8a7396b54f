"""The administrator's page: the organisation's users, their roles and two-factor status,
and deactivating or reactivating them (``luotsi.accounts.service``). Not client data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.login import needs_login

from . import service
from .models import RoleAssignment, StaffChangeLogEntry, User


def _administrator(request: HttpRequest) -> HttpResponse | None:
    if needs_login(request):
        return redirect_to_login(request.get_full_path())
    if not service.may_administer(request.user):
        raise PermissionDenied
    return None


def users(request: HttpRequest) -> HttpResponse:
    """Every user of the administrator's organisation (three queries, however many)."""
    refused = _administrator(request)
    if refused is not None:
        return refused
    people = (
        User.objects.filter(organisation_id=request.user.organisation_id)  # type: ignore[union-attr]
        .annotate(two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role")),
            "teams",
        )
        .order_by("-is_active", "last_name", "first_name", "pk")
    )
    changes = StaffChangeLogEntry.objects.filter(
        organisation_id=request.user.organisation_id  # type: ignore[union-attr]
    ).select_related("user")[:20]
    return render(request, "accounts/users.html", {"people": people, "changes": changes})


@require_POST
def set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    refused = _administrator(request)
    if refused is not None:
        return refused
    person = get_object_or_404(
        User,
        pk=user_id,
        organisation_id=request.user.organisation_id,  # type: ignore[union-attr]
    )
    active = request.POST.get("active") == "1"
    try:
        service.set_active(request.user, person, active)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if active:
            messages.success(request, _("%(user)s was reactivated.") % {"user": person})
        else:
            messages.success(
                request,
                _("%(user)s was deactivated and can no longer log in.") % {"user": person},
            )
    return redirect("accounts:users")
