"""The quality manager's page and Kela's audits. Thin: forms in, ``service`` does the
work, pages read the stored due items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luotsi.access import policy
from luotsi.staff.access import quality_view
from luotsi.staff.models import StaffFinding
from luotsi.staff.views import apply_errors

from . import letters, service
from .forms import ActionForm, AuditForm, CheckForm, DoneForm, FindingForm
from .models import Audit, AuditDueItem, AuditFinding, CorrectiveAction

AUDIT_FIELDS = (
    "visited_on",
    "auditors",
    "scope",
    "services",
    "report_received_on",
    "response_sent_on",
)


@quality_view
def home(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    return render(
        request,
        "quality/home.html",
        {
            "staff_findings": StaffFinding.objects.filter(organisation=organisation),
            "audit_items": AuditDueItem.objects.filter(organisation=organisation),
            "audits": Audit.objects.filter(organisation=organisation)[:5],
            "can_export_evidence_pack": policy.can_export_evidence_pack(request.user),
        },
    )


def _audit(request: HttpRequest, audit_id: int) -> Audit:
    return get_object_or_404(
        Audit.objects.select_related("organisation"),
        pk=audit_id,
        organisation=request.user.organisation,  # type: ignore[union-attr]
    )


@quality_view
def audit_list(request: HttpRequest) -> HttpResponse:
    audits = Audit.objects.filter(organisation=request.user.organisation)  # type: ignore[union-attr]
    return render(request, "quality/audit_list.html", {"audits": audits})


@quality_view
@require_http_methods(["GET", "POST"])
def audit_create(request: HttpRequest) -> HttpResponse:
    return _audit_form(request, None)


@quality_view
@require_http_methods(["GET", "POST"])
def audit_edit(request: HttpRequest, audit_id: int) -> HttpResponse:
    return _audit_form(request, _audit(request, audit_id))


def _audit_form(request: HttpRequest, audit: Audit | None) -> HttpResponse:
    initial = {f: getattr(audit, f) for f in AUDIT_FIELDS} if audit else None
    form = AuditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.save_audit(
                request.user,  # type: ignore[arg-type]
                request.user.organisation,  # type: ignore[union-attr]
                audit=audit,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The audit was saved."))
            return redirect("quality:audit", audit_id=saved.pk)
    return render(request, "quality/audit_form.html", {"form": form, "audit": audit})


def _detail(
    request: HttpRequest, audit: Audit, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The audit page; ``bound`` puts a form with its errors in the place it came from
    (keys ``finding``, ``action-<finding id>``, ``done-<action id>``, ``check-<action id>``,
    ``close-<action id>``)."""
    bound = bound or {}
    organisation = audit.organisation
    findings = list(
        audit.findings.prefetch_related("actions__owner", "actions__checked_by").order_by("number")
    )
    owners = ActionForm(organisation=organisation).fields["owner"].queryset  # type: ignore[attr-defined]
    owner_list = list(owners)
    for finding in findings:
        finding.action_form = bound.get(f"action-{finding.pk}") or ActionForm(
            organisation=organisation, prefix=f"action-{finding.pk}"
        )
        finding.action_form.fields["owner"].queryset = owners
        finding.action_form.fields["owner"].choices = [("", "---------")] + [
            (u.pk, str(u)) for u in owner_list
        ]
        for action in finding.actions.all():
            action.done_form = bound.get(f"done-{action.pk}") or DoneForm(
                prefix=f"done-{action.pk}"
            )
            action.check_form = bound.get(f"check-{action.pk}") or CheckForm(
                prefix=f"check-{action.pk}"
            )
            action.close_error = bound.get(f"close-{action.pk}")
    context: dict[str, Any] = {
        "audit": audit,
        "findings": findings,
        "due_items": AuditDueItem.objects.filter(audit=audit),
        "finding_form": bound.get("finding") or FindingForm(prefix="finding"),
    }
    return render(request, "quality/audit_detail.html", context)


@quality_view
def audit_detail(request: HttpRequest, audit_id: int) -> HttpResponse:
    return _detail(request, _audit(request, audit_id))


@quality_view
@require_http_methods(["GET", "POST"])
def finding_add(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit(request, audit_id)
    if request.method != "POST":
        return redirect("quality:audit", audit_id=audit.pk)
    form = FindingForm(request.POST, prefix="finding")
    if form.is_valid():
        try:
            service.add_finding(request.user, audit, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The finding was added."))
            return redirect("quality:audit", audit_id=audit.pk)
    return _detail(request, audit, {"finding": form})


def _finding(audit: Audit, finding_id: int) -> AuditFinding:
    return get_object_or_404(AuditFinding, pk=finding_id, audit=audit)


def _action(audit: Audit, action_id: int) -> CorrectiveAction:
    return get_object_or_404(
        CorrectiveAction.objects.select_related("finding__audit"),
        pk=action_id,
        finding__audit=audit,
    )


@quality_view
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, audit_id: int, finding_id: int) -> HttpResponse:
    audit = _audit(request, audit_id)
    finding = _finding(audit, finding_id)
    if request.method != "POST":
        return redirect("quality:audit", audit_id=audit.pk)
    form = ActionForm(request.POST, organisation=audit.organisation, prefix=f"action-{finding.pk}")
    if form.is_valid():
        try:
            service.add_action(request.user, finding, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The corrective action was added."))
            return redirect("quality:audit", audit_id=audit.pk)
    return _detail(request, audit, {f"action-{finding.pk}": form})


def _action_step(request: HttpRequest, audit_id: int, action_id: int, step: str) -> HttpResponse:
    audit = _audit(request, audit_id)
    action = _action(audit, action_id)
    if request.method != "POST":
        return redirect("quality:audit", audit_id=audit.pk)
    user = request.user
    if step == "close":
        try:
            service.close_action(user, action)  # type: ignore[arg-type]
        except ValidationError as error:
            return _detail(request, audit, {f"close-{action.pk}": error.messages})  # type: ignore[dict-item]
        messages.success(request, _("The corrective action was closed."))
        return redirect("quality:audit", audit_id=audit.pk)
    form_class = DoneForm if step == "done" else CheckForm
    form = form_class(request.POST, prefix=f"{step}-{action.pk}")
    if form.is_valid():
        try:
            if step == "done":
                service.mark_done(user, action, **form.cleaned_data)  # type: ignore[arg-type]
            else:
                service.record_check(user, action, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The corrective action was saved."))
            return redirect("quality:audit", audit_id=audit.pk)
    return _detail(request, audit, {f"{step}-{action.pk}": form})


@quality_view
@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, audit_id: int, action_id: int) -> HttpResponse:
    return _action_step(request, audit_id, action_id, "done")


@quality_view
@require_http_methods(["GET", "POST"])
def action_check(request: HttpRequest, audit_id: int, action_id: int) -> HttpResponse:
    return _action_step(request, audit_id, action_id, "check")


@quality_view
@require_http_methods(["GET", "POST"])
def action_close(request: HttpRequest, audit_id: int, action_id: int) -> HttpResponse:
    return _action_step(request, audit_id, action_id, "close")


@quality_view
def response_letter(request: HttpRequest, audit_id: int) -> HttpResponse:
    """The response to Kela (vastine) as a PDF, in Finnish or Swedish (``?lang=sv``)."""
    audit = _audit(request, audit_id)
    lang = request.GET.get("lang", "fi")
    if lang not in ("fi", "sv"):
        lang = "fi"
    pdf = letters.response_pdf(audit, lang, sender=str(request.user))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="vastine-{audit.visited_on.isoformat()}-{lang}.pdf"'
    )
    return response
