"""The REST API (django-ninja): ``/api/``, its OpenAPI 3 document at ``/api/openapi.json``
and interactive docs at ``/api/docs`` (Swagger UI from Luotsi's own static files).

This app has no domain logic: each operation calls the apps' services
(``luotsi.clients.service``, ``luotsi.cases.service`` and ``.proposals``, the dashboards'
due list, the rules engine) and ``luotsi.access.policy`` decides who may see what.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ServiceError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from luotsi.rules import schema as case_schema

from .auth import TokenAuth, TokenThrottle
from .endpoints import cases, check, clients, events, lists
from .problems import PROBLEM_TYPE, ApiProblem, invalid, response

DESCRIPTION = """Luotsi's REST API: clients, cases as `luotsi-case/1` files, their events
(previewed and optimistically locked), findings, the due list, documents, exports, and the
rules engine on a posted case file (`POST /api/check`).

Authenticate with a personal API token (`Authorization: Bearer lt_…`), made on your own
page at `/api-tokens/`. Errors are RFC 9457 problem details (`application/problem+json`)
naming the bad field by its JSON pointer. See docs/api.md."""


class LuotsiApi(NinjaAPI):
    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        """Client data is never cached (as the web's client pages): ``no-store`` on every
        answer the API renders (``access.client_data`` marks the ones operations build)."""
        response = super().create_temporal_response(request)
        add_never_cache_headers(response)
        return response

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The ninja document plus the case file's own JSON Schema (from
        ``luotsi.rules.schema``) as the component ``CaseFile``."""
        document = super().get_openapi_schema(*args, **kwargs)
        schema = case_schema.Case.model_json_schema(
            by_alias=True, ref_template="#/components/schemas/{model}"
        )
        definitions = schema.pop("$defs", {})
        components = document.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in definitions.items():
            components.setdefault(name, definition)
        schema["title"] = "luotsi-case/1"
        components["CaseFile"] = schema
        for path in document.get("paths", {}).values():
            for operation in path.values():
                for answer in operation.get("responses", {}).values():
                    _problem_content_type(answer)
        return document


def _problem_content_type(answer: dict[str, Any]) -> None:
    """ninja documents every response as application/json: a problem is
    application/problem+json (RFC 9457)."""
    content = answer.get("content", {})
    json_body = content.get("application/json")
    if json_body and json_body.get("schema", {}).get("$ref", "").endswith("/Problem"):
        content[PROBLEM_TYPE] = content.pop("application/json")


api = LuotsiApi(
    title="Luotsi API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
for module in (clients, cases, events, lists, check):
    api.add_router("", module.router)


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return response(exc)


def _pointer(loc: list[Any] | tuple[Any, ...]) -> str:
    """ninja's error location (``["body", "payload", "event"]``) as a JSON pointer into
    the body, the query (``/query/page``), the path or the headers."""
    parts = [str(part) for part in loc]
    if not parts:
        return ""
    source, rest = parts[0], parts[1:]
    if source == "body":
        rest = rest[1:]  # the parameter's name
        return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in rest) if rest else ""
    if source == "header":
        return "/headers/" + "/".join(rest)
    return "/" + "/".join([source, *rest])


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        message = error.get("msg", "")
        if "ctx" in error and "error" in error["ctx"]:
            message = str(error["ctx"]["error"])
        errors.append((_pointer(error.get("loc", ())), message))
    return response(
        ApiProblem(
            422,
            "invalid",
            _("The request is not valid."),
            errors[0][1] if errors else _("The request is not valid."),
            errors=errors,
        )
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return response(
        ApiProblem(
            401,
            "unauthenticated",
            _("Not authenticated."),
            _(
                "Send a valid API token: Authorization: Bearer <token>. A token that is "
                "revoked, expired or whose user is no longer active is refused."
            ),
            errors=[("/headers/Authorization", _("No valid API token."))],
            headers={"WWW-Authenticate": 'Bearer realm="luotsi"'},
        )
    )


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = int(getattr(exc, "wait", None) or 1) or 1
    return response(
        ApiProblem(
            429,
            "throttled",
            _("Too many requests."),
            _("Too many requests with this token: try again in %(seconds)d seconds.")
            % {"seconds": wait},
            headers={"Retry-After": str(wait)},
        )
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        from .endpoints.cases import read_json

        try:
            read_json(request)
        except ApiProblem as problem:
            return response(problem)
    return response(ApiProblem(exc.status_code, "error", str(exc), str(exc)))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return response(ApiProblem(404, "not-found", _("Not found."), _("There is no such resource.")))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return response(
        ApiProblem(403, "forbidden", _("Forbidden."), _("Your role does not allow this."))
    )


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    """A service's refusal not caught by its operation: 422 naming the fields."""
    return response(invalid(exc))
