"""The self-monitoring plan and reports: the quality manager's pages and the public ones
(no login; published versions only; no personal data)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from luotsi.documents.render import render_pdf
from luotsi.forms import DateField
from luotsi.organisations.models import Office
from luotsi.rules.calendar import finnish_date
from luotsi.staff.access import quality_view
from luotsi.staff.views import apply_errors

from . import selfmonitoring as sm
from .models import PublicationStatus, SelfMonitoringPlan, SelfMonitoringReport


class PlanForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in sm.SECTIONS:
            self.fields[key] = forms.CharField(
                label=heading, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )


class ReportForm(forms.Form):
    period_start = DateField(
        label=gettext_lazy("Period from"),
        help_text=gettext_lazy("1 January, 1 May or 1 September: the report covers four months."),
    )
    observations = forms.CharField(
        label=gettext_lazy("Observations"), widget=forms.Textarea(attrs={"rows": 4})
    )
    measures = forms.CharField(
        label=gettext_lazy("Measures"), widget=forms.Textarea(attrs={"rows": 4})
    )
    publish = forms.BooleanField(label=gettext_lazy("Publish now"), required=False)


def _office(request: HttpRequest, office_id: int) -> Office:
    return get_object_or_404(Office, pk=office_id, organisation=request.user.organisation)  # type: ignore[union-attr]


@quality_view
def overview(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    offices = list(Office.objects.filter(organisation=organisation))
    plans: dict[int, list[SelfMonitoringPlan]] = {o.pk: [] for o in offices}
    for plan in SelfMonitoringPlan.objects.filter(organisation=organisation).order_by("-version"):
        plans[plan.office_id].append(plan)
    reports: dict[int, list[SelfMonitoringReport]] = {o.pk: [] for o in offices}
    for report in SelfMonitoringReport.objects.filter(organisation=organisation):
        reports[report.office_id].append(report)
    for office in offices:
        office.plans = plans[office.pk]
        office.reports = reports[office.pk]
        office.is_public = any(
            item.status == PublicationStatus.PUBLISHED for item in [*office.plans, *office.reports]
        )
    return render(
        request, "quality/sm_overview.html", {"offices": offices, "report_form": ReportForm()}
    )


@quality_view
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, office_id: int) -> HttpResponse:
    office = _office(request, office_id)
    if request.method == "POST":
        try:
            plan = sm.new_plan_version(request.user, office)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("quality:sm_plan", plan_id=plan.pk)
    return redirect("quality:self_monitoring")


@quality_view
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(
        SelfMonitoringPlan.objects.select_related("office"),
        pk=plan_id,
        organisation=request.user.organisation,  # type: ignore[union-attr]
    )
    form = PlanForm(request.POST if request.method == "POST" else None, initial=plan.content)
    if request.method == "POST" and form.is_valid():
        try:
            sm.save_plan(request.user, plan, form.cleaned_data)  # type: ignore[arg-type]
            if "publish" in request.POST:
                sm.publish_plan(request.user, plan)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The self-monitoring plan was saved."))
            return redirect("quality:sm_plan", plan_id=plan.pk)
    published = [(heading, plan.content.get(key, "")) for key, heading in sm.SECTIONS]
    return render(
        request, "quality/sm_plan.html", {"plan": plan, "form": form, "published": published}
    )


@quality_view
@require_http_methods(["GET", "POST"])
def report_save(request: HttpRequest, office_id: int) -> HttpResponse:
    office = _office(request, office_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sm.save_report(request.user, office, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("quality:self_monitoring")
    return render(request, "quality/sm_report.html", {"office": office, "form": form})


# ---- public ----------------------------------------------------------------------------


def _published(
    office_id: int,
) -> tuple[Office, SelfMonitoringPlan | None, list[SelfMonitoringReport]]:
    office = get_object_or_404(Office.objects.select_related("organisation"), pk=office_id)
    plan = (
        SelfMonitoringPlan.objects.filter(office=office, status=PublicationStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    reports = list(
        SelfMonitoringReport.objects.filter(office=office, status=PublicationStatus.PUBLISHED)
    )
    if plan is None and not reports:
        raise Http404
    return office, plan, reports


def public_page(request: HttpRequest, office_id: int) -> HttpResponse:
    office, plan, reports = _published(office_id)
    sections = (
        [(heading, plan.content[key]) for key, heading in sm.SECTIONS if key in plan.content]
        if plan
        else []
    )
    return render(
        request,
        "quality/sm_public.html",
        {"office": office, "plan": plan, "sections": sections, "reports": reports},
    )


def public_pdf(request: HttpRequest, office_id: int) -> HttpResponse:
    office, plan, reports = _published(office_id)
    lang = request.GET.get("lang", "fi")
    lang = lang if lang in ("fi", "sv") else "fi"
    from django.utils import translation

    from luotsi.documents.org_i18n import ORG_STRINGS

    s = ORG_STRINGS[lang]
    with translation.override(lang):
        sections = (
            [(str(h), plan.content[k]) for k, h in sm.SECTIONS if k in plan.content] if plan else []
        )
        context = {
            "kind": "self_monitoring",
            "lang": lang,
            "s": s,
            "title": s["sm_title"],
            "provider": office.organisation.name,
            "business_id": office.organisation.business_id,
            "office": f"{office.name}, {office.street_address}, {office.postal_code} {office.city}",
            "version": plan.version if plan else None,
            "published_on": finnish_date(plan.published_on) if plan else "",
            "sections": sections,
            "reports": [
                {
                    "period": f"{finnish_date(r.period_start)}–{finnish_date(r.period_end)}",
                    "observations": r.observations,
                    "measures": r.measures,
                }
                for r in reports
            ],
        }
    response = HttpResponse(render_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="omavalvontasuunnitelma-{office.pk}-{lang}.pdf"'
    )
    return response
