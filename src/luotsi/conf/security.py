"""Security headers on every response (docs/security.md).

Django's SecurityMiddleware already sends ``X-Content-Type-Options: nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy`` and, in production, HSTS; the
clickjacking middleware sends ``X-Frame-Options: DENY``. This adds the
Content-Security-Policy (with ``frame-ancestors 'none'``) and a Permissions-Policy,
neither of which Django 5.2 sends by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = csp
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        return response
