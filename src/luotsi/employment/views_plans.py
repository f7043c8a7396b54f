"""The officer's forms for the assessment and the plans (client-data views, edit action).

Each GET shows the form; each POST saves through ``luotsi.employment.service`` and
redirects, or re-renders the form with the refusals at their fields (nothing saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access.decorators import client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors

from . import service
from .forms import (
    ActivationPlanForm,
    AssessmentForm,
    ConsultationForm,
    EvaluationForm,
    GoneThroughForm,
    IntegrationPlanForm,
    PartnerConsentForm,
    RehabilitationForm,
    ReviewForm,
    TymPlanForm,
)
from .models import ActivationPlan, Consultation, PlanReview, PlanStatus
from .views import ALL, jobseeker_of

Save = Callable[[Any, dict[str, Any]], Any]


def form_page(
    request: HttpRequest,
    client: Client,
    form: forms.Form,
    save: Save,
    *,
    title: str,
    done: str,
    anchor: str = "",
    intro: str = "",
    buttons: tuple[tuple[str, str], ...] = (),
) -> HttpResponse:
    """The common shape: validate, ``save(user, cleaned_data)``, redirect to the jobseeker's
    page with a message, or the form again with the service's refusals at their fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            url = redirect("clients:employment_jobseeker", client_id=client.pk).url
            return redirect(url + anchor)
    return render(
        request,
        "employment/form.html",
        {"form": form, "client": client, "title": title, "intro": intro, "buttons": buttons},
    )


@client_view(Action.EDIT, scope=ALL)
def assessment_create(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    form = AssessmentForm(request.POST or None, initial={"date": timezone.localdate()})
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.record_assessment(user, js, **data),
        title=_("Multi-sector service-need assessment"),
        intro=_(
            "Who took part, the obstacles and the need found. The referral criteria "
            "(TYM.REFERRAL) are checked against the facts and shown with the decision."
        ),
        done=_("The assessment was saved."),
        anchor="#assessment",
    )


def _tym_save(js: Any) -> Save:
    def save(user: Any, data: dict[str, Any]) -> Any:
        services = {
            party: data.pop(f"services_{party}").splitlines()
            for party in ("employment_authority", "wellbeing_county", "kela")
        }
        return service.save_tym_plan(user, js, services=services, **data)

    return save


@client_view(Action.EDIT, scope=ALL)
def tym_plan_create(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    latest = js.assessments.first()
    initial = {
        "date": timezone.localdate(),
        "with_county": bool(latest and latest.with_county),
        "with_kela": bool(latest and latest.with_kela),
    }
    form = TymPlanForm(request.POST or None, initial=initial)
    return form_page(
        request,
        client,
        form,
        _tym_save(js),
        title=_("Multi-sector employment plan"),
        intro=_(
            "Each party's services and the date the plan is reviewed by. A new plan "
            "ends the one before it."
        ),
        done=_("The multi-sector employment plan was saved."),
        anchor="#tym-plan",
    )


@client_view(Action.EDIT, scope=ALL)
def review_complete(request: HttpRequest, client: Client, review_id: int) -> HttpResponse:
    js = jobseeker_of(client)
    review = get_object_or_404(PlanReview, pk=review_id, plan__jobseeker=js, done__isnull=True)
    form = ReviewForm(request.POST or None, initial={"done": timezone.localdate()})
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.complete_review(user, review, **data),
        title=_("Review of the multi-sector employment plan"),
        done=_("The review was saved."),
        anchor="#tym-plan",
    )


def _kuty_values(plan: ActivationPlan) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in ActivationPlanForm.base_fields}


@client_view(Action.EDIT, scope=ALL)
def kuty_edit(request: HttpRequest, client: Client, plan_id: int | None = None) -> HttpResponse:
    """An activation plan with rehabilitative work activity: save a draft, or save and
    finalise (refused, naming each missing item at its field, unless all six are there)."""
    js = jobseeker_of(client)
    plan = None
    if plan_id is not None:
        plan = get_object_or_404(ActivationPlan, pk=plan_id, jobseeker=js, status=PlanStatus.DRAFT)
    initial = _kuty_values(plan) if plan else {"made": timezone.localdate()}
    form = ActivationPlanForm(request.POST or None, initial=initial)
    finalise = "finalise" in request.POST
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.save_activation_plan(user, js, plan, finalise=finalise, **data),
        title=_("Activation plan: rehabilitative work activity"),
        intro=_(
            "The act on rehabilitative work activity requires the six numbered items. "
            "A draft may lack some; a final plan has them all and lasts at least 3 months."
        ),
        done=_("The activation plan was finalised.")
        if finalise
        else _("The activation plan was saved."),
        anchor="#kuty",
        buttons=(("save", _("Save draft")), ("finalise", _("Save and finalise"))),
    )


@client_view(Action.EDIT, scope=ALL)
def kuty_evaluate(request: HttpRequest, client: Client, plan_id: int) -> HttpResponse:
    js = jobseeker_of(client)
    plan = get_object_or_404(ActivationPlan, pk=plan_id, jobseeker=js)
    form = EvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.evaluate_activation_plan(user, plan, **data),
        title=_("Evaluation of the rehabilitative work activity"),
        intro=_(
            "Item 6: the effects on the chances of employment are evaluated and the next "
            "steps and the renewal of the plan decided."
        ),
        done=_("The evaluation was saved."),
        anchor="#kuty",
    )


@client_view(Action.EDIT, scope=ALL)
def koto_create(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    form = IntegrationPlanForm(request.POST or None)
    if js.integration_plans.exists():
        del form.fields["initial_assessment"]
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.save_integration_plan(user, js, **data),
        title=_("Integration plan"),
        intro=_(
            "The first plan is at most one year; all plans together at most two years from "
            "the first, three with a recorded reason."
        ),
        done=_("The integration plan was saved."),
        anchor="#koto",
    )


@client_view(Action.EDIT, scope=ALL)
def consultation_create(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    form = ConsultationForm(request.POST or None, initial={"date": timezone.localdate()})
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.record_consultation(user, js, **data),
        title=_("Consultation"),
        intro=_(
            "Only the parties the client needs, agreed with the client beforehand; what "
            "comes up is gone through with the client afterwards."
        ),
        done=_("The consultation was saved."),
        anchor="#consultations",
    )


@client_view(Action.EDIT, scope=ALL)
def consultation_gone_through(
    request: HttpRequest, client: Client, consultation_id: int
) -> HttpResponse:
    js = jobseeker_of(client)
    c = get_object_or_404(Consultation, pk=consultation_id, jobseeker=js)
    form = GoneThroughForm(request.POST or None, initial={"gone_through_on": timezone.localdate()})
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.consultation_gone_through(
            user, c, on_day=data["gone_through_on"]
        ),
        title=_("Consultation gone through with the client"),
        done=_("Saved: the consultation was gone through with the client."),
        anchor="#consultations",
    )


@client_view(Action.EDIT, scope=ALL)
def rehabilitation_edit(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    rehab = getattr(js, "rehabilitation", None)
    initial = {f: getattr(rehab, f) for f in RehabilitationForm.base_fields} if rehab else {}
    form = RehabilitationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.save_rehabilitation(user, js, **data),
        title=_("Referral to vocational rehabilitation"),
        intro=_(
            "Before referring, establish who is responsible. Kela's criteria as a "
            "checklist; when the situation is unclear, Kela's vocational rehabilitation "
            "assessment (AKSE)."
        ),
        done=_("The vocational rehabilitation referral was saved."),
        anchor="#rehabilitation",
    )


@client_view(Action.EDIT, scope=ALL)
def partner_consent_create(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    form = PartnerConsentForm(
        request.POST or None,
        organisation_id=client.organisation_id,
        initial={"given_on": timezone.localdate()},
    )
    return form_page(
        request,
        client,
        form,
        lambda user, data: service.record_partner_consent(user, js, **data),
        title=_("Consent for a partner authority"),
        intro=_(
            "The client's written consent that a partner authority may see their data "
            "beyond the multi-sector employment plan."
        ),
        done=_("The consent was recorded."),
        anchor="#consents",
    )
