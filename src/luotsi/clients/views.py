"""Client pages. Every view here wears ``client_view`` or ``client_collection_view``
(luotsi.access.decorators): the policy resolves the client and the access is logged."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import (
    AccessRecord,
    client_collection_view,
    client_view,
    record_access,
)
from luotsi.access.models import AccessLogEntry, Action
from luotsi.access.typing import ClientRequest
from luotsi.accounts.models import Role
from luotsi.forms import add_service_errors

from . import crypto, service
from .forms import (
    AuditLookupForm,
    ClientForm,
    SearchForm,
)
from .models import Client
from .validators import birth_date_part, validate_identity_code

PAGE_SIZE = 50
# An identity code entered for a new client, or another client, was this client's.
DUPLICATE_DETAIL = "identity code refused as a duplicate of this client"


@client_collection_view(Action.LIST, allowed=policy.can_list_clients)
def client_list(request: ClientRequest) -> HttpResponse:
    """The clients in the user's reach, identity codes masked.

    The search form is POSTed so that an identity code never appears in a URL (browser
    history, server logs); only a POSTed search looks for an identity code (through its
    keyed hash). Name searches also work as GET, for the page links."""
    by_post = request.method == "POST"
    form = SearchForm(request.POST if by_post else request.GET)
    clients = policy.clients_visible_to(request.user).select_related("team", "responsible_coach")
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    search = "list"
    code = None
    if query and by_post:
        try:
            code = validate_identity_code(query)
        except ValidationError:
            code = None
    born = birth_date_part(query) if by_post and code is None else None
    if code is not None:
        clients = clients.filter(identity_code_hmac=crypto.identity_code_hmac(code))
        search = "search by identity code"
        query = ""  # never echoed back into the page or its links
    elif born is not None:
        clients = clients.filter(birth_date__in=born)
        search = "search by date of birth"
        query = ""  # part of an identity code: not echoed either
    elif query:
        for term in query.split():
            # The case numbers through the reverse relation: cases sit above clients.
            cases = Client.objects.filter(cases__external_id__icontains=term).values("pk")
            clients = clients.filter(
                Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(pk__in=cases)
            )
        search = "search by name or case number"
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
    request.access.detail = f"{search}: {len(page.object_list)} shown"
    if code is not None and len(page.object_list) == 1:  # one person found: their record
        request.access.client = page.object_list[0]
    return render(
        request,
        "clients/list.html",
        {
            "form": SearchForm(initial={"q": query}),
            "page": page,
            "query": query,
            "searched": search != "list",
            "can_create": policy.can_create_client(request.user),
            "can_import": policy.may_import(request.user),
        },
    )


@client_collection_view(Action.CREATE, allowed=policy.can_create_client)
def client_create(request: ClientRequest) -> HttpResponse:
    user = request.user
    initial = {
        "responsible_coach": user if user.has_role(Role.COACH) else None,
        "team": user.teams.first(),
    }
    form = ClientForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            client = service.create_client(request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            duplicate = service.duplicate_client(
                user.organisation_id,  # type: ignore[arg-type]  # set: the policy let them in
                form.data.get("identity_code", ""),  # add_error took it out of cleaned_data
            )
            if duplicate is not None:  # the user now knows this person is a client
                request.access.client = duplicate
                request.access.detail = DUPLICATE_DETAIL
        else:
            request.access.client = client
            messages.success(request, _("The client was added."))
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "clients/form.html", {"form": form, "client": None})


@client_view(Action.VIEW)
def client_detail(request: ClientRequest, client: Client) -> HttpResponse:
    user = request.user
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "consents": client.consents.all(),
            "cases": client.cases.all(),
            "disclosures": client.disclosure_log.all()[:20],
            "can_edit": policy.can(user, Action.EDIT, client),
            "can_export": policy.can(user, Action.EXPORT, client),
            "can_print": policy.can(user, Action.PRINT, client),
            "can_document": policy.can(user, Action.DOCUMENT, client),
            "can_audit": policy.can(user, Action.AUDIT, client),
        },
    )


@client_view(Action.EDIT)
def client_edit(request: ClientRequest, client: Client) -> HttpResponse:
    initial = {field: getattr(client, field) for field in service.EDITABLE_FIELDS}
    initial["identity_code"] = client.identity_code
    form = ClientForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_client(request.user, client, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            duplicate = service.duplicate_client(
                client.organisation_id, form.data.get("identity_code", ""), exclude=client.pk
            )
            if duplicate is not None:  # logged against that client too
                record_access(
                    request,
                    AccessRecord(Action.EDIT, client=duplicate, detail=DUPLICATE_DETAIL),
                )
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "clients/form.html", {"form": form, "client": client})


@client_collection_view(Action.AUDIT, allowed=policy.can_audit)
def audit_lookup(request: ClientRequest) -> HttpResponse:
    """Find a client by full identity code to see who has looked at their data."""
    form = AuditLookupForm(request.POST or None)  # POST: no identity code in any URL
    if form.is_valid():
        try:
            code = validate_identity_code(form.cleaned_data["identity_code"])
        except ValidationError as exc:
            form.add_error("identity_code", exc)
        else:
            client = (
                policy.clients_for(request.user, Action.AUDIT)
                .filter(identity_code_hmac=crypto.identity_code_hmac(code))
                .first()
            )
            if client is None:
                form.add_error(
                    "identity_code", _("Your organisation has no client with this identity code.")
                )
            else:
                request.access.client = client
                return redirect("clients:access_log", client_id=client.pk)
    return render(request, "clients/audit_lookup.html", {"form": form})


@client_view(Action.AUDIT)
def client_access_log(request: ClientRequest, client: Client) -> HttpResponse:
    """Who looked at this client: every access-log row, newest first."""
    entries = AccessLogEntry.objects.filter(client=client).order_by("-at", "-pk")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "clients/access_log.html", {"client": client, "page": page})


@client_view(Action.AUDIT)
def client_access_report(request: ClientRequest, client: Client) -> HttpResponse:
    """The client's own access report (703/2023): who used their data, when and how.

    Printable; given to the client on request. Addresses and internal page names are left
    out, accesses by the same person on the same day for the same purpose are grouped."""
    rows: dict[tuple[object, str, str], int] = {}
    for entry in AccessLogEntry.objects.filter(client=client).order_by("at", "pk"):
        key = (entry.at.date(), entry.user_name, entry.get_action_display())
        rows[key] = rows.get(key, 0) + 1
    disclosures = client.disclosure_log.order_by("at", "pk")
    return render(
        request,
        "clients/access_report.html",
        {
            "client": client,
            "rows": [(day, who, what, count) for (day, who, what), count in rows.items()],
            "disclosures": disclosures,
        },
    )
