"""schemathesis against the API's live OpenAPI document (/api/openapi.json, as served):
every operation, generated requests, each answer checked for server errors, undocumented
status codes, content types and schema conformance. Runs in-process through Django's
WSGI application, on SQLite or PostgreSQL (``DATABASE_URL``) like the rest of the suite.

The examples are bounded (``EXAMPLES`` a operation, ``derandomize``: the same every run);
half of them use the ids of real data (a client, a case with events and a final document
in the token user's reach) so that the operations are exercised past the 404.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from luotsi.cases.service import import_case
from tests.api.conftest import token_for
from tests.cases.test_views import case_file
from tests.client_views import add_document

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LUOTSI_SCHEMATHESIS_EXAMPLES", "20"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def real_ids(world):
    case = import_case(world.coach, world.org, world.own_client, case_file("S-1"))
    document = add_document(world.own_client, final=True)
    return {
        "client_id": world.own_client.pk,
        "case_id": case.pk,
        "event_id": case.events.first().pk,
        "document_id": document.pk,
    }


@pytest.fixture
def keep_the_connection():
    """The WSGI client runs Django's request cycle, whose end closes a connection that is
    inside a transaction (the test's): Django's own test client unhooks that, so do we."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(
    world, real_ids, settings_override, keep_the_connection
):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {token_for(world.coach)}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    for operation in operations:

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case, real):
            if real and case.path_parameters:
                for name in case.path_parameters:
                    if name in real_ids:
                        case.path_parameters[name] = real_ids[name]
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        run()


@pytest.fixture
def settings_override(settings):
    settings.LUOTSI_API_RATE = "100000/min"
    return settings
