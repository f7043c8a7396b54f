"""Structured logs: a request id on every line, JSON lines in production, one line per
request without personal data (docs/deployment.md).

``RequestLogMiddleware`` (first in MIDDLEWARE) takes the request id from the proxy's
``X-Request-ID`` (when it looks like one) or makes one, returns it in the response's
``X-Request-ID`` and logs, on ``luotsi.request``, the method, the URL pattern (never the
path: it can carry a client's number or a feed token), the view, the status and the time
taken. ``RequestIdFilter`` adds the id (and a running job's id) to every log record;
``JsonFormatter`` writes each record as one JSON object.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from luotsi.jobs.logvars import job_id_var

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
request_logger = logging.getLogger("luotsi.request")

# LogRecord attributes that are not extra fields given by the caller.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "request_id", "job_id", "taskName"}
)


_PLAIN = (str, int, float, bool, type(None))


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.job_id = job_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, and any
    ``extra`` fields; an exception's traceback under ``exc``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "process": record.process,
        }
        job_id = getattr(record, "job_id", "")
        if job_id:
            entry["job_id"] = job_id
        for key, value in vars(record).items():
            # Plain values only: Django's request logger adds the request object itself,
            # whose text is the full path.
            if key not in _STANDARD and not key.startswith("_") and isinstance(value, _PLAIN):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _request_id(request: HttpRequest) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _VALID_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id(request)
        token = request_id_var.set(request_id)
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if request_logger.isEnabledFor(logging.INFO):
                match = request.resolver_match
                request_logger.info(
                    "request",
                    extra={
                        "method": request.method,
                        "route": "/" + match.route if match else None,
                        "view": match.view_name if match else None,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)
