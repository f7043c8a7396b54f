"""The activation plan and the integration plan as PDFs (fi/sv) through ``luotsi.documents``,
and finalising an activation plan (refused, naming the missing items)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client
from luotsi.documents import render_pdf
from luotsi.documents.employment import activation_plan_context, integration_plan_context

from . import service
from .bridge import PREFETCH, jobseeker_file
from .models import ActivationPlan, Jobseeker, PlanStatus
from .views import ALL, jobseeker_of


def _names(js: Jobseeker) -> dict[str, str]:
    client = js.client
    return {
        "client_name": client.full_name,
        "identity_code": client.identity_code,
        "area": client.organisation.name,
        "unit": js.unit.name,
        "officer": str(js.responsible_officer or "–"),
    }


def _lang(request: HttpRequest, client: Client) -> str:
    lang = request.GET.get("lang") or client.language
    return lang if lang in ("fi", "sv") else "fi"


def _pdf(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _loaded(client: Client) -> Jobseeker:
    jobseeker_of(client)
    return (
        Jobseeker.objects.select_related("client__organisation", "unit", "responsible_officer")
        .prefetch_related(*PREFETCH)
        .get(client=client)
    )


@client_view(Action.PRINT, scope=ALL)
def kuty_pdf(request: HttpRequest, client: Client, plan_id: int) -> HttpResponse:
    """The activation plan as a PDF; a draft is marked as one."""
    js = _loaded(client)
    plan = get_object_or_404(ActivationPlan, pk=plan_id, jobseeker=js)
    context = activation_plan_context(
        jobseeker_file(js), f"KUTY-{plan.pk}", lang=_lang(request, client), names=_names(js),
        issued=timezone.localdate(), draft=plan.status == PlanStatus.DRAFT,
    )  # fmt: skip
    return _pdf(render_pdf(context), f"aktivointisuunnitelma-KUTY-{plan.pk}")


@client_view(Action.PRINT, scope=ALL)
def koto_pdf(request: HttpRequest, client: Client) -> HttpResponse:
    """The integration plans as a PDF, with the integration time used and left."""
    js = _loaded(client)
    plans = list(js.integration_plans.all())
    if not plans:
        messages.error(request, _("There is no integration plan to print."))
        return redirect("clients:employment_jobseeker", client_id=client.pk)
    today = timezone.localdate()
    context = integration_plan_context(
        jobseeker_file(js), lang=_lang(request, client), names=_names(js),
        texts=[(p.goals, p.services) for p in plans], on=today, issued=today,
    )  # fmt: skip
    return _pdf(render_pdf(context), f"kotoutumissuunnitelma-{js.pk}")


@client_view(Action.DOCUMENT, scope=ALL)
def kuty_finalise(request: HttpRequest, client: Client, plan_id: int) -> HttpResponse:
    """Finalise a draft activation plan, or say which of the law's items are missing."""
    js = jobseeker_of(client)
    plan = get_object_or_404(ActivationPlan, pk=plan_id, jobseeker=js)
    if request.method != "POST":  # the button is on the jobseeker's page
        return redirect("clients:employment_kuty", client_id=client.pk, plan_id=plan.pk)
    if plan.status == PlanStatus.FINAL:
        messages.info(request, _("The activation plan is already final."))
    else:
        try:
            service.finalise_activation_plan(request.user, plan)  # type: ignore[arg-type]
        except ValidationError as exc:
            refusal = service.finalise_refusal(plan)
            messages.error(request, refusal or "; ".join(exc.messages))
        else:
            messages.success(request, _("The activation plan was finalised."))
    url = redirect("clients:employment_jobseeker", client_id=client.pk).url
    return redirect(url + "#kuty")
