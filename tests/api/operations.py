"""What the tests know about every API operation: how to call it and what it needs.

``API_OPERATIONS`` must name every operation of ``luotsi.api.api.api``;
test_api_authorization.py fails for an operation missing here or lacking
``luotsi.api.access.client_data`` / ``not_client_data``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from luotsi.api.api import api
from luotsi.demo.identity import make_identity_code
from tests.client_views import add_case, add_document


@dataclass(frozen=True)
class ApiSpec:
    action: str | None  # the policy action; None: no client data
    method: str = "get"
    per_client: bool = True
    needs: tuple[str, ...] = ()  # case_id, event_id, document_id, final_document_id
    ok_status: tuple[int, ...] = (200,)
    body: Callable[[Any], Any] | None = None
    query: dict = field(default_factory=dict)
    if_match: bool = False


def case_file(number: str, received: str = "2026-01-05") -> dict:
    return {
        "format": "luotsi-case/1",
        "id": number,
        "service": "TK",
        "decision": {"received": received, "granted_days": 45},
        "events": [
            {"type": "meeting", "date": "2026-01-12", "phase": "planning"},
        ],
    }


_counter = iter(range(10_000, 99_999))


def new_client_body(world: Any) -> dict:
    return {
        "identity_code": make_identity_code(
            dt.date(1960, 1, 1) + dt.timedelta(days=next(_counter)), 950
        ),
        "first_name": "Uusi",
        "last_name": "Rajapinta",
        "team": world.team_a.name,
    }


NOTICE = {"event": {"type": "kela_notice", "date": "2026-01-21", "topic": "API"}}

API_OPERATIONS: dict[str, ApiSpec] = {
    "clients": ApiSpec("list", per_client=False),
    "client_create": ApiSpec(
        "create", method="post", per_client=False, ok_status=(201,), body=new_client_body
    ),
    "client": ApiSpec("view"),
    "client_update": ApiSpec("edit", method="patch", body=lambda w: {"phone": "+358 40 123"}),
    "cases": ApiSpec("view"),
    "case_create": ApiSpec(
        "edit",
        method="post",
        ok_status=(201,),
        body=lambda w: case_file(f"API-{next(_counter)}"),
    ),
    "case": ApiSpec("view", needs=("case_id",)),
    "case_findings": ApiSpec("view", needs=("case_id",)),
    "documents": ApiSpec("view", needs=("case_with_document",)),
    "document": ApiSpec("view", needs=("document_id",)),
    "document_pdf": ApiSpec("print", needs=("final_document_id",)),
    "events": ApiSpec("view", needs=("case_id",)),
    "event_add": ApiSpec(
        "edit", method="post", needs=("case_id",), body=lambda w: NOTICE, if_match=True
    ),
    "event_correct": ApiSpec(
        "edit", method="put", needs=("event_id",), body=lambda w: NOTICE, if_match=True
    ),
    "event_remove": ApiSpec("edit", method="delete", needs=("event_id",), if_match=True),
    "due_list": ApiSpec("list", per_client=False),
    "caseload": ApiSpec("export", per_client=False, query={"format": "csv"}),
    "client_export": ApiSpec("export", query={"format": "xlsx"}),
    "check": ApiSpec(None, method="post", per_client=False, body=lambda w: case_file("CHECK")),
}


def operations() -> list[tuple[str, str, Callable[..., Any]]]:
    """(path, url name, view function) of every operation of the API."""
    found = []
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                found.append((path, operation.url_name, operation.view_func))
    return found


def kwargs_for(name: str, client: Any) -> dict:
    """The path's ids for calling ``name`` on ``client`` (a fresh case or document)."""
    spec = API_OPERATIONS[name]
    kwargs: dict[str, int] = {}
    if spec.per_client:
        kwargs["client_id"] = client.pk
    if "case_id" in spec.needs:
        kwargs["case_id"] = add_case(client).pk
    if "event_id" in spec.needs:
        case = add_case(client)
        event = case.events.create(
            type="kela_notice",
            date=dt.date(2026, 1, 20),
            data={"type": "kela_notice", "date": "2026-01-20", "topic": "test"},
        )
        kwargs.update(case_id=case.pk, event_id=event.pk)
    if "document_id" in spec.needs or "final_document_id" in spec.needs:
        document = add_document(client, final="final_document_id" in spec.needs)
        kwargs.update(case_id=document.case_id, document_id=document.pk)
    if "case_with_document" in spec.needs:
        kwargs["case_id"] = add_document(client).case_id
    return kwargs
