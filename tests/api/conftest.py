"""API tokens for the world's users and a client that sends them."""

from __future__ import annotations

import json

import pytest
from django.test import Client as HttpClient

from luotsi.api.tokens import issue_token


class ApiClient:
    """Django's test client with a bearer token and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.http = HttpClient()
        self.http.cookies["django_language"] = "en"  # messages in English, as the tests say
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        result = dict(headers or {})
        if self.token:
            result["Authorization"] = f"Bearer {self.token}"
        return result

    def get(self, path, data=None, headers=None):
        return self.http.get(path, data or {}, headers=self._headers(headers))

    def _send(self, method, path, body, headers, raw):
        content = body if raw else json.dumps(body)
        return getattr(self.http, method)(
            path, content, content_type="application/json", headers=self._headers(headers)
        )

    def post(self, path, body=None, headers=None, raw=False):
        return self._send("post", path, body, headers, raw)

    def put(self, path, body=None, headers=None, raw=False):
        return self._send("put", path, body, headers, raw)

    def patch(self, path, body=None, headers=None, raw=False):
        return self._send("patch", path, body, headers, raw)

    def delete(self, path, headers=None):
        return self.http.delete(path, headers=self._headers(headers))


def token_for(user, scope="write", days=30):
    _row, token = issue_token(user, name=f"{user.username}-{scope}", scope=scope, days=days)
    return token


@pytest.fixture
def api_as(world):
    """``api_as("coach")`` / ``api_as("coach", "read")``: an ApiClient with a new token."""

    def make(role, scope="write"):
        return ApiClient(token_for(getattr(world, role), scope))

    return make
