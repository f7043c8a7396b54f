"""Where each role lands after login, and the navigation links each role gets.

``LANDINGS`` is ordered: a user with several roles lands on the page of the first role
they hold. To give a new role its own page (e.g. an employment officer), add one
``Landing`` here with the role and the page's URL name; the navigation follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role


@dataclass(frozen=True)
class Landing:
    role: str
    url_name: str
    label: Promise


# A team lead who also coaches starts from their own week (their team is one click away).
LANDINGS: list[Landing] = [
    Landing(Role.COACH, "clients:dashboard", _("This week")),
    Landing(Role.TEAM_LEAD, "clients:team", _("Team")),
    Landing(Role.QUALITY_MANAGER, "clients:quality", _("Findings by rule")),
    Landing(Role.ADMINISTRATOR, "accounts:users", _("Users")),
]


def _roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.organisation_id is None:
        return set()
    return set(user.role_names)


def landing_url(user: Any) -> str | None:
    """The page ``user`` lands on after login, or None (no role with a page of its own)."""
    roles = _roles(user)
    for item in LANDINGS:
        if item.role in roles:
            return reverse(item.url_name)
    if Role.BILLING in roles:  # a billing clerk starts from billing (its link is in the menu)
        return reverse("billing:home")
    return None


def navigation(user: Any) -> list[tuple[str, str]]:
    """(label, URL) of every role page ``user`` may open, in ``LANDINGS`` order."""
    roles = _roles(user)
    return [(str(item.label), reverse(item.url_name)) for item in LANDINGS if item.role in roles]
