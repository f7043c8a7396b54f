"""Authentication backends."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class AxesBackendForTests(AxesStandaloneBackend):
    """django-axes, tolerant of ``authenticate()`` without a request — for the test settings
    only, so that Django's ``Client.login()`` works in tests. Every login through the login
    view (which always passes the request) is still throttled; the base and production
    settings use the strict ``AxesStandaloneBackend``."""

    def authenticate(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
