"""A clear page when the database goes away in the middle of a request.

Every request is one transaction (``ATOMIC_REQUESTS``): when the connection drops (the
server restarts, the network fails, the disk fills), the change is rolled back as a whole
before this middleware sees the error. It answers 503 with a page that says so — nothing
was saved, try again — instead of the generic server error. The page reads nothing from
the database (no session, no user: the connection is gone), so it always renders.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("luotsi.database")

# Losing the connection or running out of space; not an error in the SQL or the data.
UNAVAILABLE = (OperationalError, InterfaceError)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.error("database unavailable during %s %s", request.method, request.path)
        html = render_to_string("luotsi/database_unavailable.html")
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
