"""What the tests know about every client-data URL: how to call it and what it does.

``CLIENT_DATA_VIEWS`` must name every URL that ``client_data_urls()`` finds; the matrix
test fails for a URL that is missing here or lacks a client-data decorator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

# Modules whose views show or change client data, wherever their URLs are mounted.
CLIENT_DATA_MODULES = (
    "luotsi.clients",
    "luotsi.consents",
    "luotsi.cases",
    "luotsi.documents",
    "luotsi.billing",
    "luotsi.employment",
    "luotsi.imports",
)
CLIENT_DATA_PREFIXES = ("clients/",)


@dataclass(frozen=True)
class ViewSpec:
    action: str  # the policy action the view needs
    method: str = "get"
    per_client: bool = True
    extra_kwargs: tuple[str, ...] = ()  # e.g. ("consent_id",)
    ok_status: tuple[int, ...] = (200,)
    data: dict = field(default_factory=dict)
    by_token: bool = False  # fetched without a session, <token> in the URL (a calendar feed)
    roles: tuple[str, ...] | None = None  # a collection view open to fewer roles than its action
    kwargs: dict = field(default_factory=dict)  # fixed URL arguments, e.g. {"fmt": "csv"}
    # "employment": a view of the employment area's workspace (tests/employment/test_matrix.py
    # holds its expectations; provider roles are refused every one of them)
    area: str = "provider"
    section: str = "all"  # employment views: the policy section ("tym" or "all")
    actor: str | None = None  # the role that calls it in the access-log tests, when not
    # the action's usual one (tests/test_access_log.py ACTOR_FOR)


CLIENT_DATA_VIEWS: dict[str, ViewSpec] = {
    "clients:list": ViewSpec("list", per_client=False),
    "clients:create": ViewSpec("create", per_client=False),
    "clients:audit_lookup": ViewSpec("audit", per_client=False),
    "clients:detail": ViewSpec("view"),
    "clients:edit": ViewSpec("edit"),
    "clients:export": ViewSpec("export"),
    "clients:print": ViewSpec("print"),
    "clients:access_log": ViewSpec("audit"),
    "clients:access_report": ViewSpec("audit"),
    "clients:consent_create": ViewSpec("edit"),
    "clients:consent_revoke": ViewSpec(
        "edit", method="post", extra_kwargs=("consent_id",), ok_status=(302,)
    ),
    "clients:disclosure_create": ViewSpec("document"),
    "clients:case_detail": ViewSpec("view", extra_kwargs=("case_id",)),
    "clients:case_create": ViewSpec("edit"),
    "clients:case_days": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_meeting": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_absence": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_pause": ViewSpec("edit", extra_kwargs=("case_id",)),
    **{
        f"clients:case_{kind}": ViewSpec("edit", extra_kwargs=("case_id",))
        for kind in (
            "workplace",
            "phase",
            "flex",
            "kela_notice",
            "kela_agreement",
            "end",
            "no_interpreter",
            "vocational_plan",
            "step_skipped",
            "cannot_commit",
        )
    },
    # The advance contact, invitation letter and lighter approach are TEAK's: the matrix
    # opens them on a TEAK case.
    "clients:case_precontact": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_invitation_letter": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_light_approach": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_event_edit": ViewSpec("edit", extra_kwargs=("case_id", "event_id")),
    "clients:case_event_remove": ViewSpec("edit", extra_kwargs=("case_id", "event_id")),
    "clients:case_meeting_held": ViewSpec("edit", extra_kwargs=("case_id", "planned_id")),
    "clients:case_meeting_cancel": ViewSpec("edit", extra_kwargs=("case_id", "planned_id")),
    "clients:case_history": ViewSpec("view", extra_kwargs=("case_id",)),
    "clients:case_decision": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_note": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_group": ViewSpec("edit", per_client=False),
    "clients:dashboard": ViewSpec("list", per_client=False),
    "clients:due_list": ViewSpec("list", per_client=False),
    "clients:calendar_feed": ViewSpec("view", per_client=False, by_token=True),
    "clients:due_list_export": ViewSpec("export", per_client=False, kwargs={"fmt": "csv"}),
    "clients:caseload_export": ViewSpec("export", per_client=False, kwargs={"fmt": "xlsx"}),
    "clients:team": ViewSpec("list", per_client=False, roles=("team_lead",)),
    "clients:handover": ViewSpec("edit", per_client=False, roles=("team_lead",)),
    "clients:quality": ViewSpec("list", per_client=False, roles=("quality_manager",)),
    "clients:acknowledge": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:acknowledgements": ViewSpec("view", extra_kwargs=("case_id",)),
    "clients:case_documents": ViewSpec("view", extra_kwargs=("case_id",)),
    "clients:document_create": ViewSpec("document", extra_kwargs=("case_id",)),
    "clients:document_detail": ViewSpec("view", extra_kwargs=("case_id", "document_id")),
    "clients:document_edit": ViewSpec(
        "document",
        method="post",
        extra_kwargs=("case_id", "document_id"),
        ok_status=(302, 200),  # saved and back to the page, or the form with its errors
        data={"language": "fi"},
    ),
    "clients:document_preview": ViewSpec("view", extra_kwargs=("case_id", "document_id")),
    "clients:document_finalise": ViewSpec(
        "document",
        method="post",
        extra_kwargs=("case_id", "document_id"),
        ok_status=(302, 200),  # finalised or refused: back to the page, or the form with errors
    ),
    "clients:document_pdf": ViewSpec("print", extra_kwargs=("case_id", "document_id")),
    # A draft (what the scans make) goes back to its page; tests/casedocs reads a final text.
    "clients:document_text": ViewSpec(
        "print", extra_kwargs=("case_id", "document_id"), ok_status=(200, 302)
    ),
    "clients:document_sent": ViewSpec(
        "document", method="post", extra_kwargs=("case_id", "document_id"), ok_status=(302,)
    ),
    "clients:document_new_version": ViewSpec(
        "document", method="post", extra_kwargs=("case_id", "document_id"), ok_status=(302,)
    ),
    "clients:case_goals": ViewSpec("view", extra_kwargs=("case_id",)),
    # GET: the form; POST: the ZIP of a seeded sample (quality manager only).
    "clients:evidence_pack": ViewSpec(
        "export", per_client=False, roles=("quality_manager",), actor="quality_manager"
    ),
    # An empty form: the page again with the errors named at the fields.
    "clients:goal_save": ViewSpec("edit", method="post", extra_kwargs=("case_id",)),
    # No goal named: back to the goals page with a message.
    "clients:goal_remove": ViewSpec(
        "edit", method="post", extra_kwargs=("case_id",), ok_status=(302,)
    ),
    # Billing (issue 14): a case's invoices under clients/, the monthly run under billing/
    # (every client it shows is access-logged too; tests/billing/test_views.py).
    "clients:invoice_detail": ViewSpec("bill", extra_kwargs=("case_id", "invoice_id")),
    "clients:invoice_finvoice": ViewSpec("bill", extra_kwargs=("case_id", "invoice_id")),
    "clients:invoice_pdf": ViewSpec("bill", extra_kwargs=("case_id", "invoice_id")),
    "clients:invoice_credit": ViewSpec(
        "bill", method="post", extra_kwargs=("case_id", "invoice_id"), ok_status=(302,)
    ),
    "clients:invoice_paid": ViewSpec(
        "bill", method="post", extra_kwargs=("case_id", "invoice_id"), ok_status=(302,)
    ),
    "billing:home": ViewSpec("bill", per_client=False),
    "billing:price_list_upload": ViewSpec("bill", per_client=False, ok_status=(302,)),
    "billing:month": ViewSpec("bill", per_client=False),
    "billing:approve": ViewSpec("bill", per_client=False, ok_status=(302,)),
    "billing:send": ViewSpec("bill", per_client=False, ok_status=(302,)),
    "billing:month_zip": ViewSpec("bill", per_client=False, ok_status=(302,)),
    # A background job's result (any user's own job; tests/jobs has the full matrix).
    "clients:job_result": ViewSpec(
        "export",
        per_client=False,
        extra_kwargs=("job_id",),
        roles=("coach", "team_lead", "quality_manager", "administrator", "billing"),
    ),
    # To the new draft, or back to the case page when the finding is gone (a bare case).
    "clients:finding_notice": ViewSpec(
        "document",
        method="post",
        extra_kwargs=("case_id",),
        ok_status=(302,),
        data={"finding": "0"},
    ),
    # Spreadsheet imports (luotsi.imports): team leads only.
    "clients:import": ViewSpec("create", per_client=False, roles=("team_lead",)),
    "clients:import_template": ViewSpec("create", per_client=False, roles=("team_lead",)),
}

# The employment area's workspace (issue 18): policy.employment_scope(section).
EMPLOYMENT_VIEWS: dict[str, ViewSpec] = {
    "clients:employment_dashboard": ViewSpec("list", per_client=False, area="employment"),
    "clients:employment_jobseekers": ViewSpec("list", per_client=False, area="employment"),
    "clients:employment_caseload": ViewSpec("list", per_client=False, area="employment"),
    "clients:employment_caseload_xlsx": ViewSpec("export", per_client=False, area="employment"),
    "clients:employment_jobseeker_create": ViewSpec("create", per_client=False, area="employment"),
    "clients:employment_jobseeker": ViewSpec("view", area="employment"),
    "clients:employment_tym": ViewSpec("view", area="employment", section="tym"),
    "clients:employment_edit": ViewSpec("edit", area="employment"),
    "clients:employment_assessment": ViewSpec("edit", area="employment"),
    "clients:employment_tym_plan": ViewSpec("edit", area="employment"),
    "clients:employment_review": ViewSpec("edit", area="employment", extra_kwargs=("review_id",)),
    "clients:employment_kuty_new": ViewSpec("edit", area="employment"),
    "clients:employment_kuty": ViewSpec("edit", area="employment", extra_kwargs=("plan_id",)),
    "clients:employment_kuty_evaluate": ViewSpec(
        "edit", area="employment", extra_kwargs=("plan_id",)
    ),
    "clients:employment_kuty_finalise": ViewSpec(
        "document", area="employment", method="post", extra_kwargs=("plan_id",), ok_status=(302,)
    ),
    "clients:employment_kuty_pdf": ViewSpec("print", area="employment", extra_kwargs=("plan_id",)),
    # without a plan: back to the jobseeker's page with a message
    "clients:employment_koto_pdf": ViewSpec("print", area="employment", ok_status=(200, 302)),
    "clients:employment_koto_new": ViewSpec("edit", area="employment"),
    "clients:employment_consultation": ViewSpec("edit", area="employment"),
    "clients:employment_consultation_done": ViewSpec(
        "edit", area="employment", extra_kwargs=("consultation_id",)
    ),
    "clients:employment_rehabilitation": ViewSpec("edit", area="employment"),
    "clients:employment_consent": ViewSpec("edit", area="employment"),
}
CLIENT_DATA_VIEWS.update(EMPLOYMENT_VIEWS)


def employment_kwargs(client, spec):
    """The URL kwargs of an employment view for ``client`` (making the objects it needs;
    a provider's client, who is no jobseeker, gets ids that match nothing)."""
    import datetime as dt

    from luotsi.employment.models import ActivationPlan, Consultation, PlanReview, TymPlan

    kwargs = {"client_id": client.pk}
    js = getattr(client, "jobseeker", None) if hasattr(client, "jobseeker") else None
    if "review_id" in spec.extra_kwargs:
        review_id = 0
        if js is not None:
            plan = TymPlan.objects.create(jobseeker=js, date=dt.date(2027, 1, 5))
            review_id = PlanReview.objects.create(plan=plan, due=dt.date(2027, 4, 5)).pk
        kwargs["review_id"] = review_id
    if "plan_id" in spec.extra_kwargs:
        plan_id = 0
        if js is not None:
            plan_id = ActivationPlan.objects.create(jobseeker=js, made=dt.date(2027, 1, 5)).pk
        kwargs["plan_id"] = plan_id
    if "consultation_id" in spec.extra_kwargs:
        consultation_id = 0
        if js is not None:
            consultation_id = Consultation.objects.create(
                jobseeker=js, date=dt.date(2027, 1, 5), agreed_on=dt.date(2027, 1, 4)
            ).pk
        kwargs["consultation_id"] = consultation_id
    return kwargs


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield route, name, pattern.callback


def client_data_urls(urlconf=None):
    """(route, name, view) of every URL that serves client data."""
    for route, name, view in _walk(get_resolver(urlconf).url_patterns):
        module = getattr(view, "__module__", "") or ""
        if route.startswith(CLIENT_DATA_PREFIXES) or module.startswith(CLIENT_DATA_MODULES):
            yield route, name, view


def add_case(client, service="TK"):
    """A bare case of ``client`` for views that take a ``case_id``."""
    import datetime as dt

    from luotsi.cases.models import Case

    return Case.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        service=service,
        external_id=f"T-{client.pk}-{Case.objects.count()}",
        received=dt.date(2026, 1, 5),
    )


def case_kwargs(client, spec, name=""):
    """``case_id`` (and ``event_id`` or ``planned_id``) for a case view of ``client``."""
    import datetime as dt

    teak = name.endswith(("precontact", "invitation_letter", "light_approach"))
    case = add_case(client, service="TEAK-TK" if teak else "TK")
    kwargs = {"case_id": case.pk}
    if "event_id" in spec.extra_kwargs:
        event = case.events.create(
            type="kela_notice",
            date=dt.date(2026, 1, 20),
            data={"type": "kela_notice", "date": "2026-01-20", "topic": "test"},
        )
        kwargs["event_id"] = event.pk
    if "planned_id" in spec.extra_kwargs:
        planned = case.planned_meetings.create(
            date=dt.date(2026, 1, 20),
            start=dt.time(10, 0),
            minutes=60,
            mode="face_to_face",
            kind="individual",
        )
        kwargs["planned_id"] = planned.pk
    return kwargs


def add_document(client, final=False):
    """A feedback-report draft (or a final one, with a PDF) on a bare case of ``client``."""
    import hashlib

    from luotsi.casedocs.models import Document

    case = add_case(client)
    pdf = b"%PDF-1.7 test" if final else None
    return Document.objects.create(
        organisation_id=client.organisation_id,
        case=case,
        kind="feedback",
        language="fi",
        status="final" if final else "draft",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest() if pdf else "",
    )


def add_invoice(client):
    """A sent invoice (with its price list) on a bare case of ``client``."""
    import datetime as dt
    from decimal import Decimal
    from pathlib import Path

    from luotsi.billing.models import Invoice, InvoiceCounter, PriceList

    case = add_case(client)
    source = (Path(__file__).parent / "billing" / "data" / "prices.yaml").read_text("utf-8")
    price_list, _ = PriceList.objects.get_or_create(
        organisation_id=client.organisation_id,
        contract="Kela contract 2026/123",
        valid_from=dt.date(2026, 1, 1),
        defaults={"services": "TK,TV", "source": source},
    )
    counter, _ = InvoiceCounter.objects.get_or_create(organisation_id=client.organisation_id)
    counter.last += 1  # numbered as the billing run numbers, so a credit note follows it
    counter.save()
    number = str(counter.last)
    line = {
        "price_type": 2, "unit": "rehab_day", "name": "Kuntoutuspäivä",
        "dates": ["2026-03-02"], "quantity": 1, "unit_price": "95.00", "amount": "95.00",
    }  # fmt: skip
    return Invoice.objects.create(
        organisation_id=client.organisation_id,
        case=case,
        price_list=price_list,
        number=number,
        state="sent",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        invoice_date=dt.date(2026, 4, 1),
        due_date=dt.date(2026, 4, 15),
        total=Decimal("95.00"),
        lines=[line],
    )


def add_job(user):
    """A finished background job of ``user`` with a result file (for ``<job_id>``)."""
    from luotsi.jobs import runner, service
    from tests.jobs import kinds

    job, _ = service.start(kinds.count_to, user=user, enqueue=False, n=1)
    runner.run(job.pk, job.attempt)
    return job


def collection_kwargs(spec, user):
    """The URL arguments of a view that is not about one client, for ``user``."""
    return {"job_id": add_job(user).pk} if "job_id" in spec.extra_kwargs else {}
