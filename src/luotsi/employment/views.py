"""The officer's workspace: the due list, jobseekers, the jobseeker's page.

Mounted under ``clients/`` (namespace ``clients``) by ``luotsi.conf.urls``: every view is a
client-data view (``luotsi.access.decorators``), scoped by ``policy.employment_scope``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view, client_view
from luotsi.access.models import Action
from luotsi.clients.models import Client
from luotsi.forms import add_service_errors

from . import service
from .forms import DECISIONS, RESPONSIBLE, SERVICES, JobseekerEditForm, JobseekerForm
from .models import Jobseeker, JobseekerFinding

ALL = policy.employment_scope("all")
TYM = policy.employment_scope("tym")
PAGE_SIZE = 50
DUE_SEVERITIES = ("violation", "due", "action")
# What the officer's due list groups (issue 18): the rules whose deadlines the area keeps.
DUE_GROUPS = (
    ("TYM.PLAN", "plan_reviews"),
    ("KUTY.PLAN_CONTENT", "kuty"),
    ("KOTO.PLAN", "koto"),
    ("YOUTH.ROUTE", "youth"),
    ("CONSULT.CONSENT", "consultations"),
)
PARTNER_RULES = ("TYM.REFERRAL", "TYM.PLAN")
REHAB_LABELS = {**dict(RESPONSIBLE), **dict(SERVICES), **dict(DECISIONS)}
# UNEMPLOYED: the clause of 380/2023 3 § 4 that decides, as the officer reads it
CLAUSES = {
    "1.1_not_employed": gettext_lazy("Not in an employment relationship (clause 1)"),
    "1.1_fully_laid_off": gettext_lazy("Fully laid off (clause 1)"),
    "1.2_under_weekly_hours": gettext_lazy("Works under 4 hours a week (clause 1)"),
    "1.3_under_minimum_hours": gettext_lazy(
        "Agreed minimum working time under 4 hours a week (clause 1)"
    ),
    "1_employed": gettext_lazy("Employed for 4 hours a week or more (clause 1)"),
    "2_business": gettext_lazy("In business or own work over two weeks continuously (clause 2)"),
    "3_student": gettext_lazy("A full-time student without benefit (clause 3)"),
}


def due_order(key: tuple[int, str, dt.date | None, dt.date | None]) -> tuple[Any, ...]:
    """No deadline first, then the earliest deadline; then the date (none last), the id."""
    pk, _rule, due, date = key
    return (due is not None, due or dt.date.min, date is None, date or dt.date.min, pk)


def lang() -> str:
    return (get_language() or "fi")[:2]


def jobseeker_of(client: Client) -> Jobseeker:
    try:
        return client.jobseeker  # type: ignore[attr-defined,no-any-return]
    except Jobseeker.DoesNotExist as exc:
        raise Http404 from exc


def remember_roles(user: Any) -> None:
    """Load the user's roles once for this request (the policy asks for them often)."""
    prefetch_related_objects([user], "role_assignments")


def only_partner(user: Any) -> bool:
    """A partner authority's officer without an officer's or manager's role."""
    roles = user.role_names
    return bool(roles & set(policy.PARTNER_ROLES)) and not roles & policy.EMPLOYMENT_STAFF_ROLES


@client_collection_view(Action.LIST, allowed=policy.can_use_employment)
def dashboard(request: HttpRequest) -> HttpResponse:
    """What is due: plan reviews, KUTY evaluations, KOTO time, the youth route's 5-month
    mark, consultations to go through — stored findings of the jobseekers in reach, earliest
    deadline first (a constant number of queries)."""
    user = request.user
    remember_roles(user)
    partner = only_partner(user)
    section = "tym" if partner else "all"
    findings = JobseekerFinding.objects.filter(
        organisation_id=user.organisation_id,  # type: ignore[union-attr]
        severity__in=DUE_SEVERITIES,
        client__in=policy.employment_clients_for(user, Action.LIST, section),
    )
    if partner:
        findings = findings.filter(rule__in=PARTNER_RULES)
    group = request.GET.get("group", "")
    rules = {g: r for r, g in DUE_GROUPS}
    # One pass over the findings in reach (a few numbers each): the counts per kind, the
    # order (what has no deadline first, then by deadline, date, id) and the page are made
    # here, and only the page's rows are read in full; the policy's scope is joined once.
    keys = list(findings.order_by().values_list("pk", "rule", "due", "date"))
    counts = Counter(rule for _pk, rule, _due, _date in keys)
    if group in rules:
        keys = [k for k in keys if k[1] == rules[group]]
    keys.sort(key=due_order)
    page = Paginator([k[0] for k in keys], PAGE_SIZE).get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    found = JobseekerFinding.objects.select_related("jobseeker__client", "jobseeker__unit").in_bulk(
        on_page
    )
    request.access.detail = f"employment due list: {len(on_page)} shown"  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = [found[pk] for pk in on_page if pk in found]
    return render(
        request,
        "employment/dashboard.html",
        {
            "page": page,
            "rows": [(f, f.message(lang()), f.due is not None and f.due < today) for f in rows],
            "groups": [(g, counts.get(r, 0)) for r, g in DUE_GROUPS],
            "group": group,
            "partner": partner,
            "today": today,
            "can_manage": policy.can_manage_jobseekers(user),
            "can_see_caseload": policy.can_see_caseload(user),
        },
    )


@client_collection_view(Action.LIST, allowed=policy.can_use_employment)
def jobseeker_list(request: HttpRequest) -> HttpResponse:
    """The jobseekers in reach, by name; a partner sees the TYM clients and the consented."""
    user = request.user
    remember_roles(user)
    section = "tym" if only_partner(user) else "all"
    clients = policy.employment_clients_for(user, Action.LIST, section)
    query = request.GET.get("q", "").strip()
    jobseekers = Jobseeker.objects.filter(client__in=clients).select_related(
        "client", "unit", "responsible_officer"
    )
    for term in query.split():
        jobseekers = jobseekers.filter(
            Q(client__first_name__icontains=term) | Q(client__last_name__icontains=term)
        )
    jobseekers = jobseekers.order_by("client__last_name", "client__first_name", "pk")
    page = Paginator(jobseekers, PAGE_SIZE).get_page(request.GET.get("page"))
    request.access.detail = (  # type: ignore[attr-defined]
        f"{'search by name' if query else 'list'}: {len(page.object_list)} shown"
    )
    return render(
        request,
        "employment/list.html",
        {
            "page": page,
            "query": query,
            "can_manage": policy.can_manage_jobseekers(user),
            "section": section,
            "can_see_caseload": policy.can_see_caseload(user),
        },
    )


@client_collection_view(Action.CREATE, allowed=policy.can_manage_jobseekers)
def jobseeker_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    org = user.organisation_id  # type: ignore[union-attr]
    initial = {
        "responsible_officer": user,
        "unit": user.employment_units.first(),  # type: ignore[union-attr]
        "job_search_start": timezone.localdate(),
    }
    form = JobseekerForm(request.POST or None, initial=initial, organisation_id=org)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            js = service.create_jobseeker(user, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.access.client = js.client  # type: ignore[attr-defined]
            messages.success(request, _("The jobseeker was added."))
            return redirect("clients:employment_jobseeker", client_id=js.client_id)
    return render(
        request,
        "employment/form.html",
        {"form": form, "title": _("Add a jobseeker"), "back": "clients:employment_jobseekers"},
    )


def _jobseeker_context(request: HttpRequest, client: Client, section: str) -> dict[str, Any]:
    js = (
        Jobseeker.objects.select_related("client", "unit", "responsible_officer")
        .prefetch_related("tym_plans__services", "tym_plans__reviews")
        .get(client=client)
    )
    user = request.user
    remember_roles(user)
    tym_plans = list(js.tym_plans.all())
    context: dict[str, Any] = {
        "client": client,
        "js": js,
        "section": section,
        "assessments": list(js.assessments.all()),
        "plan": tym_plans[0] if tym_plans else None,
        "can_edit": policy.can(user, Action.EDIT, client),
        "can_see_caseload": policy.can_see_caseload(user),
        "can_see_all": policy.employment_clients_for(user, Action.VIEW, "all")
        .filter(pk=client.pk)
        .exists(),
    }
    findings = js.findings.all()
    if section == "tym":
        findings = findings.filter(rule__in=PARTNER_RULES)
    context["findings"] = [(f, f.message(lang())) for f in findings]
    return context


@client_view(Action.VIEW, scope=ALL)
def jobseeker_detail(request: HttpRequest, client: Client) -> HttpResponse:
    """Everything about the jobseeker: situation, assessment, plans, consultations, hand-off."""
    context = _jobseeker_context(request, client, "all")
    js = context["js"]
    rehab = getattr(js, "rehabilitation", None)
    context.update(
        activation_plans=list(js.activation_plans.all()),
        integration_plans=list(js.integration_plans.all()),
        consultations=list(js.consultations.all()),
        rehabilitation=rehab,
        rehab_labels=(
            {
                f: REHAB_LABELS.get(getattr(rehab, f), getattr(rehab, f))
                for f in ("responsible", "service", "decision")
            }
            if rehab
            else {}
        ),
        clause=CLAUSES.get(js.counters.get("unemployed_clause", ""), ""),
        partner_consents=client.consents.filter(partner__isnull=False).select_related(
            "partner__authority"
        ),
        counters=js.counters,
        dates={  # the counters' ISO dates as dates, shown the Finnish way
            key: dt.date.fromisoformat(js.counters[key])
            for key in ("integration_ends", "youth_route_by")
            if js.counters.get(key)
        },
    )
    return render(request, "employment/jobseeker.html", context)


@client_view(Action.VIEW, scope=TYM)
def jobseeker_tym(request: HttpRequest, client: Client) -> HttpResponse:
    """The assessment and the multi-sector employment plan: what the three TYM authorities
    see of a TYM client by law."""
    return render(request, "employment/tym.html", _jobseeker_context(request, client, "tym"))


@client_view(Action.EDIT, scope=ALL)
def jobseeker_edit(request: HttpRequest, client: Client) -> HttpResponse:
    js = jobseeker_of(client)
    fields = list(JobseekerEditForm.base_fields)
    initial = {f: getattr(js, f) for f in fields}
    initial["residence_permit"] = {True: "yes", False: "no"}.get(js.residence_permit, "")  # type: ignore[arg-type]
    form = JobseekerEditForm(
        request.POST or None, initial=initial, organisation_id=client.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.update_jobseeker(request.user, js, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The jobseeker's details were saved."))
            return redirect("clients:employment_jobseeker", client_id=client.pk)
    return render(
        request,
        "employment/form.html",
        {"form": form, "client": client, "title": _("Jobseeker's details")},
    )
