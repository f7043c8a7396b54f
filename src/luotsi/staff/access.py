"""The decorator of the quality pages (staff register, audits, figures, self-monitoring):
a logged-in user (with the second factor they have set up) whom the policy lets manage
quality (``policy.can_manage_quality``: quality manager, administrator), else 403.

These pages show no client content, so they write no access-log row; the pages that do
(the evidence pack) are client-data views under ``clients/`` with the client decorators."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from luotsi.access import policy
from luotsi.access.decorators import needs_login


def quality_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if needs_login(request):
            return redirect_to_login(request.get_full_path())
        # The roles once for the request: the policy and the navigation both ask.
        prefetch_related_objects([request.user], "role_assignments")
        if not policy.can_manage_quality(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    wrapper.luotsi_quality_view = True  # type: ignore[attr-defined]
    return wrapper
