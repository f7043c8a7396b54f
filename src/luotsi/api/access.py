"""Every API operation that reads or changes client data wears ``client_data(action)``.

As ``luotsi.access.decorators`` does for the web views, the decorator

* refuses a ``read`` token on anything but GET (403, ``scope``);
* per client (``client_id`` in the path): finds the client through
  ``policy.clients_for(user, action)`` — outside the user's reach, another organisation's
  client included, is a 404 exactly like a client that does not exist;
* for collections: refuses with 403 unless ``allowed(user)``;
* calls the operation and, when it succeeds, writes exactly one ``AccessLogEntry`` whose
  detail names the token (``API token 'payroll' (lt_AbCdEfGh…)``), and marks the answer
  ``Cache-Control: no-store``. A refused request writes nothing.

``not_client_data`` marks the few operations that touch no stored client data (the engine
on a posted file). tests/api/test_api_authorization.py fails for an operation with
neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.decorators import AccessRecord, record_access
from luotsi.access.models import Action
from luotsi.clients.models import Client

from .models import Scope
from .problems import ApiProblem

ATTRIBUTE = "luotsi_api_access"
SAFE = frozenset(("GET", "HEAD", "OPTIONS"))


@dataclass(frozen=True)
class ApiAccess:
    action: str | None  # None: no client data
    per_client: bool


def not_found() -> ApiProblem:
    return ApiProblem(404, "not-found", _("Not found."), _("There is no such resource."))


def forbidden() -> ApiProblem:
    return ApiProblem(403, "forbidden", _("Forbidden."), _("Your role does not allow this."))


def _check_scope(request: HttpRequest) -> None:
    token: Any = request.auth  # type: ignore[attr-defined]
    if request.method not in SAFE and token.scope != Scope.WRITE:
        raise ApiProblem(
            403,
            "scope",
            _("Forbidden."),
            _("This token may only read: make a token with the write scope to change data."),
        )


def client_data(
    action: str, *, per_client: bool = True, allowed: Callable[[Any], bool] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    action = Action(action)

    def decorator(operation: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            _check_scope(request)
            if per_client:
                client = (
                    policy.clients_for(request.user, action)
                    .select_related("organisation", "team", "responsible_coach")
                    .filter(pk=kwargs.get("client_id"))
                    .first()
                )
                if client is None:
                    raise not_found()
                logged = Action.VIEW if action == Action.EDIT and request.method in SAFE else action
                request.access = AccessRecord(action=logged, client=client)  # type: ignore[attr-defined]
            else:
                if allowed is not None and not allowed(request.user):
                    raise forbidden()
                request.access = AccessRecord(action=action)  # type: ignore[attr-defined]
            result = operation(request, *args, **kwargs)
            record: AccessRecord = request.access  # type: ignore[attr-defined]
            token: Any = request.auth  # type: ignore[attr-defined]
            record.detail = (
                f"{token.log_name}: {record.detail}" if record.detail else token.log_name
            )
            record_access(request, record)
            if isinstance(result, HttpResponse):  # built by the operation (files, ETags)
                add_never_cache_headers(result)
            return result

        setattr(wrapper, ATTRIBUTE, ApiAccess(action=action, per_client=per_client))
        return wrapper

    return decorator


def not_client_data(operation: Callable[..., Any]) -> Callable[..., Any]:
    setattr(operation, ATTRIBUTE, ApiAccess(action=None, per_client=False))
    return operation


def current_client(request: HttpRequest) -> Client:
    """The client the decorator found for this request."""
    client = request.access.client  # type: ignore[attr-defined]
    assert client is not None
    return client


def note(request: HttpRequest, detail: str, client: Client | None = None) -> None:
    """Say more in this request's access-log row (what was read; never identity codes)."""
    request.access.detail = detail  # type: ignore[attr-defined]
    if client is not None:
        request.access.client = client  # type: ignore[attr-defined]
