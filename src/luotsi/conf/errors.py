"""Error pages in the user's language, the favicon, and no blank 405 pages.

* ``page_not_found`` / ``permission_denied`` / ``bad_request`` / ``server_error`` are the
  URLconf's ``handler404`` … ``handler500``: Luotsi's own pages (``404.html`` etc.) in the
  language the user chose. The 500 page extends nothing and runs no query: the database
  may be what failed.
* With ``DEBUG`` on (``make demo``), Django answers a 404 with its technical page (the URL
  patterns) before any handler is asked. ``FriendlyErrorPagesMiddleware`` puts Luotsi's
  404 page in its place when ``LUOTSI_FRIENDLY_404`` is on (the dev settings' default; set
  it off to see Django's page). A 500 under DEBUG keeps Django's traceback: that is what a
  developer running the demo needs.
* ``PostOnlyRedirectMiddleware``: a GET (or HEAD) of an address that only takes a POST —
  reloading the address a form was sent to, e.g. ``…/documents/3/finalise/`` — goes to the
  page the address belongs to (the nearest address above it that is a page: there,
  ``…/documents/3/``) instead of a blank 405.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

FAVICON = Path(__file__).resolve().parents[1] / "static" / "luotsi" / "favicon.ico"
ERROR_HEADER = "X-Luotsi-Error-Page"


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    response = render(request, template, status=status)
    response[ERROR_HEADER] = str(status)
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "404.html", 404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without its security token (an old tab, cookies
    off) gets the styled 403 page with what to do, not Django's bare one."""
    response = render(request, "403.html", {"csrf_failure": True}, status=403)
    response[ERROR_HEADER] = "403"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400.html", 400)


def server_error(request: HttpRequest) -> HttpResponse:
    """No context processors, no query: only the template and the active language."""
    body = loader.get_template("500.html").render(
        {
            "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
            "STATIC_URL": settings.STATIC_URL,
        }
    )
    response = HttpResponse(body, status=500)
    response[ERROR_HEADER] = "500"
    return response


def favicon(request: HttpRequest) -> FileResponse:
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class FriendlyErrorPagesMiddleware:
    """Under DEBUG, Luotsi's 404 page instead of Django's technical one (see above)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and getattr(settings, "LUOTSI_FRIENDLY_404", True)
            and ERROR_HEADER not in response
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request)
        return response


def _page_above(path: str) -> str | None:
    """The nearest address above ``path`` that the URLconf serves, or None."""
    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "/".join(parts) + ("/" if parts else "")
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return None


class PostOnlyRedirectMiddleware:
    """A GET of a POST-only address goes to the page it belongs to (see above)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and request.method in ("GET", "HEAD"):
            target = _page_above(request.path)
            if target is not None:
                return HttpResponseRedirect(target)
        return response
