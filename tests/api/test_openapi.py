"""The OpenAPI document: served at /api/openapi.json, the interactive docs from Luotsi's
own static files, and docs/openapi.json current (so that a change shows in review)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from luotsi.api.management.commands.openapi import document_text

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_docs_openapi_json_is_current():
    assert DOCUMENT.read_text(encoding="utf-8") == document_text(), (
        "docs/openapi.json is out of date: run "
        "`.venv/bin/luotsi manage openapi --output docs/openapi.json` and commit it"
    )


@pytest.mark.django_db
def test_the_served_document_is_the_checked_in_one(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(DOCUMENT.read_text(encoding="utf-8"))


def test_the_case_file_schema_is_the_engines(client):
    from luotsi.rules.schema import Case

    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    case_file = document["components"]["schemas"]["CaseFile"]
    assert set(case_file["properties"]) == {
        field.alias or name for name, field in Case.model_fields.items()
    }
    create = document["paths"]["/api/clients/{client_id}/cases"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/CaseFile"}
    problem = create["responses"]["422"]["content"]
    assert list(problem) == ["application/problem+json"]


@pytest.mark.django_db
def test_the_interactive_docs_load_nothing_from_elsewhere(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources), sources
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
