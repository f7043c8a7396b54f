"""The start page, the coach's week, the organisation's due list and the calendar feed.

The coach dashboard, the due list and the feed show client data: they are mounted under
``clients/`` (luotsi.conf.urls) and wear the access decorators. They read stored
findings (``CaseFinding``) in a fixed number of queries; they never run the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luotsi.access import policy
from luotsi.access.decorators import client_collection_view, client_feed_view, needs_login
from luotsi.access.models import Action

from . import calendar, landing, prepared, tokens
from .findings import (
    ACKNOWLEDGED_COLUMN,
    COACH_EXTRA,
    DUE_EXTRA,
    SHOWN_SEVERITIES,
    finding_rows,
    findings_of,
    week_end,
)
from .forms import DueListFilter
from .months import month_range
from .rows import ClientCounts, RowMaker, grouped, url_maker

DUE_PAGE_SIZE = 50
# A new feed address goes to the dashboard in a short-lived cookie of the coach's own
# browser: the plain token is never stored on the server (not even in the session table).
NEW_FEED_COOKIE = "luotsi_new_feed"
NEW_FEED_COOKIE_SECONDS = 300


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own page (``landing.LANDINGS``); a user with no role there
    gets the welcome page."""
    url = landing.landing_url(request.user)
    if url is not None:
        return redirect(url)
    if policy.can_use_employment(request.user):  # the employment area's officers and partners
        return redirect("clients:employment_dashboard")
    return render(request, "dashboards/home.html", {"organisation": request.user.organisation})  # type: ignore[union-attr]


def _remember_roles(user: object) -> None:
    """Load the user's roles once for this request: the policy, the feed check and the
    navigation each ask for them (``User.role_names`` reads the prefetched rows)."""
    prefetch_related_objects([user], "role_assignments")


def _lang() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _own_clients(user: Any) -> QuerySet[Any]:
    """The user's own clients as responsible coach, within what the policy lets them view."""
    return policy.clients_for(user, Action.VIEW).filter(responsible_coach=user)


def coach_rows(user: Any, lang: str) -> list[tuple[Any, ...]]:
    """The coach's week's data: the shown findings of the user's own clients, as tuples
    of ``ROW_COLUMNS`` + ``COACH_EXTRA``. One query (the user's roles loaded beforehand);
    compiled once per user, roles and language (``prepared``)."""
    query = prepared.prepared(
        ("coach", policy.scope_key(user, Action.VIEW), lang),
        lambda: finding_rows(_own_clients(user), user.organisation_id, lang, COACH_EXTRA),
    )
    return query.run() if query is not None else []


def _filter_key(filters: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The due list's filters as part of a cache key (a chosen coach by id)."""
    return tuple(sorted((name, getattr(value, "pk", value)) for name, value in filters.items()))


def due_rows(
    user: Any, lang: str, severities: Sequence[str] = SHOWN_SEVERITIES, **filters: Any
) -> prepared.PreparedRows:
    """The due list's data before paging: the findings of every client in the user's reach
    (``policy.clients_for(user, LIST)``), as tuples of ``ROW_COLUMNS`` + ``DUE_EXTRA``;
    a slice runs one query for that page, ``count()`` one count. Both compiled once per
    user, roles, language and filters (``prepared``)."""
    key = (policy.scope_key(user, Action.LIST), tuple(severities), _filter_key(filters))

    # Acknowledged violations shown too: each row says whether it was acknowledged.
    extra = (*DUE_EXTRA, ACKNOWLEDGED_COLUMN) if filters.get("with_acknowledged") else DUE_EXTRA

    def rows() -> QuerySet[Any]:
        clients = policy.clients_for(user, Action.LIST)
        return finding_rows(clients, user.organisation_id, lang, extra, severities, **filters)

    def count() -> prepared.Prepared | None:
        # Counted without the coach's join (PostgreSQL: 53 → 36 ms for 32,000 findings).
        return prepared.prepared(
            ("due-count", *key),
            lambda: findings_of(
                policy.clients_for(user, Action.LIST), user.organisation_id, severities, **filters
            ),
            compiler=prepared.compile_count,
        )

    return prepared.PreparedRows(prepared.prepared(("due", lang, *key), rows), count)


@client_collection_view(Action.LIST, allowed=policy.can_list_clients)
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    """Tällä viikolla: the user's own clients (as responsible coach) and what is late, due,
    to be reported or at risk in their cases."""
    user = request.user
    _remember_roles(user)
    today = timezone.localdate()
    data = coach_rows(user, _lang())
    groups = grouped(data, RowMaker(today, may_acknowledge=True, back=reverse("clients:dashboard")))
    client_url = url_maker("clients:detail", "client_id")
    own = _own_clients(user)
    clients = {
        pk: ClientCounts(pk, f"{last}, {first}", client_url(pk), count)
        for pk, first, last, count in own.annotate(case_count=Count("cases"))
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "case_count")
    }
    shown = 0
    for group in groups:
        shown += len(group.rows)
        for row in group.rows:
            item = clients.get(row.client_id)  # None: reassigned meanwhile
            if item is not None:
                item.counts[group.key] = item.counts.get(group.key, 0) + 1
    new_token = request.COOKIES.get(NEW_FEED_COOKIE, "")
    feed_url = (  # only the user's current token: a stale or forged cookie shows nothing
        request.build_absolute_uri(reverse("clients:calendar_feed", kwargs={"token": new_token}))
        if new_token and tokens.user_for_token(new_token) == user
        else None
    )
    request.access.detail = (  # type: ignore[attr-defined]
        f"coach dashboard: {len(clients)} clients, {shown} findings"
    )
    response = render(
        request,
        "dashboards/coach.html",
        {
            "today": today,
            "week_end": week_end(today),
            "groups": groups,
            # Stored findings are as fresh as their last evaluation (on change, and nightly).
            "evaluated_on": min((values[-1] for values in data), default=None),
            "clients": list(clients.values()),
            "may_have_feed": tokens.may_have_feed(user),
            "has_feed": tokens.has_token(user),  # type: ignore[arg-type]
            "feed_url": feed_url,
        },
    )
    if NEW_FEED_COOKIE in request.COOKIES:  # shown once
        response.delete_cookie(NEW_FEED_COOKIE, path=reverse("clients:dashboard"))
    return response


def due_filters(form: DueListFilter, today: Any) -> tuple[Sequence[str], dict[str, Any]]:
    """The severities and the ``findings_of`` filters the due list's form asks for."""
    severities: Sequence[str] = SHOWN_SEVERITIES
    filters: dict[str, Any] = {}
    if not form.is_valid():
        return severities, filters
    data = form.cleaned_data
    if data["service"]:
        filters["case__service"] = data["service"]
    if data["severity"]:
        severities = (data["severity"],)
    if data["coach"]:
        filters["case__client__responsible_coach"] = data["coach"]
    if data["due_before"]:
        filters["due_by"] = data["due_before"]
    if data["group"]:
        filters["group"] = (data["group"], today)
    if data["rule"]:
        filters["rule"] = data["rule"]
    if data["month"]:
        filters["month"] = month_range(data["month"])
    if data["with_acknowledged"]:
        filters["with_acknowledged"] = True
    return severities, filters


@client_collection_view(Action.LIST, allowed=policy.can_list_clients)
def due_list(request: HttpRequest) -> HttpResponse:
    """Everything due, late, to report or at risk in the user's whole reach (a team lead:
    the team's clients; a quality manager: the organisation's), filtered, a page at a time."""
    user = request.user
    _remember_roles(user)
    form = DueListFilter(request.GET or None, organisation_id=user.organisation_id)  # type: ignore[union-attr]
    severities, filters = due_filters(form, timezone.localdate())
    rows_source = due_rows(user, _lang(), severities, **filters)
    page = Paginator(rows_source, DUE_PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    today = timezone.localdate()
    maker = RowMaker(
        today, may_acknowledge=policy.can_create_client(user), back=request.get_full_path()
    )
    rows = [maker.due_row(values) for values in page.object_list]
    request.access.detail = f"due list: {len(rows)} findings shown"  # type: ignore[attr-defined]
    return render(
        request,
        "dashboards/due_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "coach_choices": [
                (str(coach.pk), str(coach))
                for coach in form.fields["coach"].queryset  # type: ignore[attr-defined]
            ],
            "selected_coach": str(form["coach"].value() or ""),
            "query": request.GET.urlencode(),
        },
    )


@client_feed_view(Action.VIEW, tokens.user_for_token, allowed=tokens.may_have_feed)
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The coach's meetings and deadlines as iCalendar, for a calendar app (no session)."""
    lang = request.GET.get("lang", "")
    if lang not in {code for code, _name in settings.LANGUAGES}:
        lang = settings.LANGUAGE_CODE
    body, count = calendar.feed_for(request.user, timezone.localdate(), lang, request)
    request.access.detail = f"calendar feed: {count} events"  # type: ignore[attr-defined]
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="luotsi.ics"'
    return response


@require_POST
def calendar_feed_token(request: HttpRequest) -> HttpResponse:
    """Make (or replace) or revoke the user's calendar feed token."""
    if needs_login(request):
        return redirect_to_login(reverse("clients:dashboard"))
    if not tokens.may_have_feed(request.user):
        raise PermissionDenied
    dashboard = reverse("clients:dashboard")
    response = redirect(dashboard + "#calendar-feed")
    if request.POST.get("action") == "revoke":
        tokens.revoke_token(request.user)  # type: ignore[arg-type]
        messages.success(request, _("The calendar feed address was revoked."))
    else:
        response.set_cookie(
            NEW_FEED_COOKIE,
            tokens.issue_token(request.user),  # type: ignore[arg-type]
            max_age=NEW_FEED_COOKIE_SECONDS,
            path=dashboard,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
        messages.success(
            request,
            _("A new calendar feed address was made. Any earlier address no longer works."),
        )
    return response
