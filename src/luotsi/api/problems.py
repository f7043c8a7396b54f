"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API returns has ``type``, ``title``, ``status`` and ``detail``; an error
about the request's content adds ``errors``: one entry per bad field with its JSON
pointer (RFC 6901) into the request body (``/event/date``), the query (``/query/page``)
or the case file as ``GET`` returns it (``/events/3/date``), and ``pointer`` repeats the
first one. The ``type`` URIs are relative (``/api/problems/<code>``) and documented in
docs/api.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

PROBLEM_TYPE = "application/problem+json"


class FieldError(BaseModel):
    pointer: str = Field(description="JSON pointer (RFC 6901) of the bad field")
    detail: str


class Problem(BaseModel):
    """An RFC 9457 problem."""

    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int
    detail: str
    pointer: str | None = Field(default=None, description="The first bad field's JSON pointer")
    errors: list[FieldError] | None = None
    rules: list[str] | None = Field(
        default=None, description="The rules a change would break (code blocked)"
    )


class ApiProblem(Exception):
    """Raise to answer with a problem."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        errors: list[tuple[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra


def response(problem: ApiProblem) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"/api/problems/{problem.code}",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if problem.errors:
        body["pointer"] = problem.errors[0][0]
        body["errors"] = [{"pointer": p, "detail": d} for p, d in problem.errors]
    body.update(problem.extra)
    result = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=problem.status, content_type=PROBLEM_TYPE
    )
    for name, value in problem.headers.items():
        result[name] = value
    return result


def pointer_of(key: str) -> str:
    """A service error's key as a JSON pointer: the services key errors by pointer
    (``/events/3/date``) or by field name (``identity_code``)."""
    if key == "__all__":
        return ""
    return key if key.startswith("/") else "/" + key


def invalid(exc: ValidationError, pointers: Any = None, status: int = 422) -> ApiProblem:
    """A service's ``ValidationError`` as a 422 problem naming each field.

    ``pointers`` maps a service pointer to the one the caller should see (e.g. the event
    being added is ``/event``, not ``/events/12``)."""
    errors: list[tuple[str, str]] = []
    if hasattr(exc, "error_dict"):
        for key, field_errors in exc.error_dict.items():
            pointer = pointer_of(key)
            if pointers is not None:
                pointer = pointers(pointer)
            for error in field_errors:
                errors.extend((pointer, message) for message in error.messages)
    else:
        errors.extend(("", message) for message in exc.messages)
    detail = errors[0][1] if errors else _("The request is not valid.")
    return ApiProblem(
        status,
        getattr(exc, "code", None) or "invalid",
        _("The request is not valid."),
        detail,
        errors=[e for e in errors if e[0]] or None,
    )
