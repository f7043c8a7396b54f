"""Luotsi's admin site: the same second-factor rule as the client-data views.

A user who has set up two-factor login and whose session lacks it is logged out and sent
to Luotsi's login (``admin/login/`` redirects there), as ``access.decorators`` does.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .decorators import needs_login


class LuotsiAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return not needs_login(request) and super().has_permission(request)
