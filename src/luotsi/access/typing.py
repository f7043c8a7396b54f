"""Typed requests for views, so that ``request.user`` and ``request.access`` need no
``type: ignore``.

``AuthedRequest``: a request of a logged-in Luotsi user (a view behind ``needs_login`` or
one of the client-data decorators). ``ClientRequest``: a request inside a client-data view
(``luotsi.access.decorators``), which carries the ``AccessRecord`` the decorator writes to
the access log when the view returns. Annotations only: at run time both are Django's
``HttpRequest``; the decorators guarantee what they declare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from luotsi.accounts.models import User

    from .decorators import AccessRecord


class AuthedRequest(HttpRequest):
    user: User  # narrower than HttpRequest's: logged in


class ClientRequest(AuthedRequest):
    access: AccessRecord
