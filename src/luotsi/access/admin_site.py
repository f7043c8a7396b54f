"""Luotsi's admin site: the same second-factor rule as the client-data views.

A user who has set up two-factor login and whose session lacks it is logged out and sent
to Luotsi's login (``admin/login/`` redirects there), as ``access.decorators`` does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .decorators import needs_login


class LuotsiAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return not needs_login(request) and super().has_permission(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The admin has no login of its own: Luotsi's (throttled, with the second factor).
        A logged-in user the admin refused (not staff) gets 403, not a redirect loop."""
        if not needs_login(request):
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
