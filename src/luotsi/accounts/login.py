"""Is this request logged in well enough for a page of Luotsi?

The test every logged-in view makes (``luotsi.access.decorators`` wraps it into the
client-data views; the account pages and the staff pages call it directly).
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest
from django_otp import user_has_device


def needs_login(request: HttpRequest) -> bool:
    """Not logged in, or logged in without the second factor the user has set up
    (a device confirmed after this session began: the session must log in again)."""
    user = request.user
    if not user.is_authenticated:
        return True
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and not is_verified() and user_has_device(user, confirmed=True):
        logout(request)
        return True
    return False
