"""The one place that decides who may do what with which client's data.

Every client-data view, export, command and service asks here, never anywhere else:

* ``clients_for(user, action)`` — the clients ``user`` may ``action``, as a queryset,
  always inside the user's own organisation (the tenant);
* ``clients_visible_to(user)`` — the same for ``Action.VIEW``;
* ``can(user, action, client)`` — whether ``user`` may ``action`` this one client;
* ``can_create_client(user)`` / ``can_list_clients(user)`` / ``can_audit(user)`` /
  ``can_manage_quality(user)`` (the quality pages, which show no client content).

Later models that belong to a client (cases, decisions, events, documents) reuse
``can(user, action, obj.client)`` and filter with ``client__in=clients_for(user, action)``.

The rules (issue 7, docs/security.md):

=================  ==============================================  ==========================
role               which clients                                   actions
=================  ==============================================  ==========================
coach              own (responsible coach) + clients of own teams  view edit export print
                                                                   document
team lead          clients of the teams they belong to             view edit export print
                                                                   document
quality manager    every client of the organisation                view export print audit
administrator      every client of the organisation                audit only (who looked,
                                                                   the client's access
                                                                   report), no client content
=================  ==============================================  ==========================

Roles add up: an administrator who is also a coach sees their own clients as a coach.
Inactive users, users without an organisation and anonymous users may do nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from luotsi.accounts.models import Role
from luotsi.clients.models import Client

from .models import Action

CARE_ACTIONS = frozenset(
    {Action.VIEW, Action.EDIT, Action.EXPORT, Action.PRINT, Action.DOCUMENT, Action.LIST}
)
QUALITY_ACTIONS = frozenset({Action.VIEW, Action.EXPORT, Action.PRINT, Action.AUDIT, Action.LIST})
ADMINISTRATOR_ACTIONS = frozenset({Action.AUDIT})
CARE_ROLES = frozenset({Role.COACH, Role.TEAM_LEAD})


def _roles(user: Any) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.organisation_id is None:
        return frozenset()
    return frozenset(user.role_names)


def _scope(user: Any, action: str, roles: frozenset[str]) -> Q | None:
    """The condition on Client for ``action``, or None when the user may not at all."""
    action = Action(action)
    conditions: list[Q] = []
    if action in QUALITY_ACTIONS and Role.QUALITY_MANAGER in roles:
        return Q()  # the whole organisation
    if action in ADMINISTRATOR_ACTIONS and Role.ADMINISTRATOR in roles:
        return Q()
    if action in CARE_ACTIONS:
        if Role.COACH in roles:
            conditions.append(Q(responsible_coach=user))
        if roles & CARE_ROLES:
            conditions.append(Q(team__in=user.teams.all()))
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def clients_for(user: Any, action: str) -> QuerySet[Client]:
    """The clients ``user`` may ``action`` (always within the user's organisation)."""
    roles = _roles(user)
    if not roles:
        return Client.objects.none()
    condition = _scope(user, action, roles)
    if condition is None:
        return Client.objects.none()
    return Client.objects.filter(condition, organisation_id=user.organisation_id)


def scope_key(user: Any, action: str) -> tuple[Any, ...]:
    """Everything ``clients_for(user, action)`` depends on, as a hashable key: two calls
    with equal keys build the same query (the dashboards compile it once per key,
    ``luotsi.dashboards.prepared``). Whatever ``_roles`` or ``_scope`` read from the user
    must be in here; what the query reads from the database (teams, responsible coach)
    need not be."""
    return (
        str(Action(action)),
        getattr(user, "pk", None),
        getattr(user, "organisation_id", None),
        _roles(user),
    )


def clients_visible_to(user: Any) -> QuerySet[Client]:
    return clients_for(user, Action.VIEW)


def can(user: Any, action: str, client: Client) -> bool:
    """May ``user`` ``action`` the data of ``client``? (One query.)"""
    if client.pk is None or client.organisation_id != getattr(user, "organisation_id", None):
        return False
    return clients_for(user, action).filter(pk=client.pk).exists()


def can_list_clients(user: Any) -> bool:
    roles = _roles(user)
    return bool(roles & (CARE_ROLES | {Role.QUALITY_MANAGER}))


def can_create_client(user: Any) -> bool:
    """Coaches and team leads take on new clients (into their own teams or as their own)."""
    return bool(_roles(user) & CARE_ROLES)


def can_manage_quality(user: Any) -> bool:
    """May ``user`` read and keep the quality pages: the staff register, Kela's audits,
    the quality figures and the self-monitoring plan (no client content on them)?"""
    return bool(_roles(user) & {Role.QUALITY_MANAGER, Role.ADMINISTRATOR})


def can_export_evidence_pack(user: Any) -> bool:
    """May ``user`` export an audit evidence pack (a sample of the organisation's clients'
    cases)? The quality manager, whose export scope is the whole organisation."""
    return Role.QUALITY_MANAGER in _roles(user)


def can_audit(user: Any) -> bool:
    """May ``user`` read access logs (within the organisation)?"""
    return bool(_roles(user) & {Role.QUALITY_MANAGER, Role.ADMINISTRATOR})
