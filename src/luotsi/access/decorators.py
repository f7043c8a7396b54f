"""The decorators every client-data view must wear, and the registry of those views.

``client_view(action)`` — a view of one client, ``<client_id>`` in the URL: resolves the
client through ``policy.clients_for`` (a client outside the user's scope, including every
client of another organisation, is a 404), calls the view with the client, writes exactly
one ``AccessLogEntry`` and marks the response ``Cache-Control: no-store``. An ``edit`` view
opened without changing anything (GET, HEAD) is logged as ``view``.

``client_collection_view(action, allowed=...)`` — a view of several or not-yet-existing
clients (list, search, create): refuses with 403 unless ``allowed(user)``, writes exactly one
``AccessLogEntry`` (the view may name the client it ended up with in ``request.access``).

Both send to the login page a user who is not logged in, or whose session lacks the second
factor they have set up.

``client_feed_view(action, user_for_token, allowed=...)`` — a feed fetched without a
session (a calendar app): ``<token>`` in the URL names its user through
``user_for_token``; an unknown or revoked token, an inactive user or one no longer
``allowed`` is a 404. The view runs as that user (scope through ``policy.clients_for``), and
each fetch writes exactly one ``AccessLogEntry``.

tests/test_authorization_matrix.py walks every URL under ``clients/`` and fails for a view
without one of these decorators (``is_client_data_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from luotsi.accounts.login import needs_login

from . import policy
from .models import AccessLogEntry, Action
from .typing import AuthedRequest, ClientRequest

if TYPE_CHECKING:
    from luotsi.clients.models import Client

__all__ = [  # needs_login (luotsi.accounts.login) is offered here too, beside the decorators
    "AccessRecord",
    "client_collection_view",
    "client_feed_view",
    "client_ip",
    "client_view",
    "is_client_data_view",
    "needs_login",
    "record_access",
]

ATTRIBUTE = "luotsi_client_data"
SAFE = frozenset(("GET", "HEAD", "OPTIONS"))


@dataclass
class ClientDataView:
    """What the registry knows about a decorated view."""

    action: str
    per_client: bool
    by_token: bool = False


@dataclass
class AccessRecord:
    """The access a request is making; written to the log when the view returns."""

    action: str
    client: Client | None = None
    detail: str = ""
    path: str | None = None  # what to log instead of request.path (a feed hides its token)
    organisation_id: int | None = None  # when the user has none (a superuser in the admin)


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from.

    REMOTE_ADDR, unless ``settings.LUOTSI_PROXY_COUNT`` trusted proxies stand in front:
    then the address the outermost of them saw (counted from the right of
    X-Forwarded-For, the part a client cannot forge)."""
    proxies = getattr(settings, "LUOTSI_PROXY_COUNT", 0)
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= proxies:
            return addresses[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def record_access(request: AuthedRequest, record: AccessRecord) -> AccessLogEntry:
    user = request.user
    match = request.resolver_match
    return AccessLogEntry.objects.create(
        organisation_id=user.organisation_id or record.organisation_id,  # type: ignore[misc]
        user=user,
        user_name=user.log_name,
        client=record.client,
        action=Action(record.action),
        view_name=match.view_name if match else "",
        path=(record.path or request.path)[:500],
        ip_address=client_ip(request),
        detail=record.detail[:300],
    )


def is_client_data_view(view: Any) -> bool:
    return isinstance(getattr(view, ATTRIBUTE, None), ClientDataView)


def client_view(
    action: str, scope: Callable[[Any, str], Any] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """``scope(user, action)`` gives the clients in reach (default ``policy.clients_for``;
    the employment area's views pass ``policy.employment_scope(section)``)."""
    action = Action(action)
    in_scope = scope or policy.clients_for

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(
            request: ClientRequest, client_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if needs_login(request):
                return redirect_to_login(request.get_full_path())
            client = get_object_or_404(
                in_scope(request.user, action).select_related(
                    "organisation", "team", "responsible_coach"
                ),
                pk=client_id,
            )
            # An edit page opened (GET) shows the data and changes nothing: logged as a view,
            # so the client's access report does not list it among the changes.
            logged = Action.VIEW if action == Action.EDIT and request.method in SAFE else action
            request.access = AccessRecord(action=logged, client=client)
            response = view(request, client, *args, **kwargs)
            record_access(request, request.access)
            add_never_cache_headers(response)
            return response

        setattr(wrapper, ATTRIBUTE, ClientDataView(action=action, per_client=True))
        return wrapper

    return decorator


def client_collection_view(
    action: str, allowed: Callable[[Any], bool]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    action = Action(action)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: ClientRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if needs_login(request):
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            # As for one client: a form of an edit only opened changed nothing.
            logged = Action.VIEW if action == Action.EDIT and request.method in SAFE else action
            request.access = AccessRecord(action=logged)
            response = view(request, *args, **kwargs)
            record_access(request, request.access)
            add_never_cache_headers(response)
            return response

        setattr(wrapper, ATTRIBUTE, ClientDataView(action=action, per_client=False))
        return wrapper

    return decorator


def client_feed_view(
    action: str, user_for_token: Callable[[str], Any], allowed: Callable[[Any], bool]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    action = Action(action)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: ClientRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
            user = user_for_token(token)
            if user is None or not user.is_active or not allowed(user):
                raise Http404
            request.user = user
            request.access = AccessRecord(
                action=action, path=request.path.replace(token, "<token>")
            )
            response = view(request, *args, **kwargs)
            record_access(request, request.access)
            add_never_cache_headers(response)
            return response

        setattr(wrapper, ATTRIBUTE, ClientDataView(action=action, per_client=False, by_token=True))
        return wrapper

    return decorator
