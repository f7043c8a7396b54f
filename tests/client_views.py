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
    # For a collection view narrower than its action's roles (the import: team leads only).
    allowed_roles: frozenset[str] | None = None


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
        )
    },
    # The advance contact is TEAK's: the matrix opens it on a TEAK case.
    "clients:case_precontact": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_event_edit": ViewSpec("edit", extra_kwargs=("case_id", "event_id")),
    "clients:case_event_remove": ViewSpec("edit", extra_kwargs=("case_id", "event_id")),
    "clients:case_meeting_held": ViewSpec("edit", extra_kwargs=("case_id", "planned_id")),
    "clients:case_meeting_cancel": ViewSpec("edit", extra_kwargs=("case_id", "planned_id")),
    "clients:case_history": ViewSpec("view", extra_kwargs=("case_id",)),
    "clients:case_note": ViewSpec("edit", extra_kwargs=("case_id",)),
    "clients:case_group": ViewSpec("edit", per_client=False),
    "clients:dashboard": ViewSpec("list", per_client=False),
    "clients:due_list": ViewSpec("list", per_client=False),
    "clients:calendar_feed": ViewSpec("view", per_client=False, by_token=True),
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
    # An empty form: the page again with the errors named at the fields.
    "clients:goal_save": ViewSpec("edit", method="post", extra_kwargs=("case_id",)),
    # No goal named: back to the goals page with a message.
    "clients:goal_remove": ViewSpec(
        "edit", method="post", extra_kwargs=("case_id",), ok_status=(302,)
    ),
    # Spreadsheet imports (luotsi.imports): team leads only.
    "clients:import": ViewSpec("create", per_client=False, allowed_roles=frozenset({"team_lead"})),
    "clients:import_template": ViewSpec(
        "create", per_client=False, allowed_roles=frozenset({"team_lead"})
    ),
}


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

    case = add_case(client, service="TEAK-TK" if name.endswith("precontact") else "TK")
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
