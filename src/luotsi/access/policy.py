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
                                                                   report), no client
                                                                   content; bill
billing clerk      every client of the organisation                bill only
=================  ==============================================  ==========================

``bill`` is Kela billing (issue 14): the monthly billing run, a case's invoices and their
PDFs, which name the client and the identity code by law (KKRL 59 §). The quality manager,
the administrator and the billing clerk may bill; every view of it is access-logged.

Roles add up: an administrator who is also a coach sees their own clients as a coach.
Inactive users, users without an organisation and anonymous users may do nothing.

The employment area (issue 18, docs/employment.md) adds roles whose clients are jobseekers
(``luotsi.employment``), always within the area's own organisation:

=====================  ==========================================  =========================
role                   which clients                               actions
=====================  ==========================================  =========================
employment officer     own (responsible officer) + jobseekers of   view edit export print
                       the units they belong to                    document
employment manager     every jobseeker of the area                 view export print
county TYM worker,     only through ``employment_clients_for``:    view
Kela TYM officer       a TYM client whose assessment or plan
                       names their authority (the TYM plan only),
                       or a client whose consent in force names it
                       (everything)
=====================  ==========================================  =========================
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.apps import apps
from django.db.models import Q, QuerySet

from luotsi.accounts.models import Role
from luotsi.organisations.models import OrganisationKind

from .models import Action

if TYPE_CHECKING:
    from luotsi.clients.models import Client

CARE_ACTIONS = frozenset(
    {Action.VIEW, Action.EDIT, Action.EXPORT, Action.PRINT, Action.DOCUMENT, Action.LIST}
)
QUALITY_ACTIONS = frozenset({Action.VIEW, Action.EXPORT, Action.PRINT, Action.AUDIT, Action.LIST})
ADMINISTRATOR_ACTIONS = frozenset({Action.AUDIT})
CARE_ROLES = frozenset({Role.COACH, Role.TEAM_LEAD})
BILLING_ROLES = frozenset({Role.BILLING, Role.QUALITY_MANAGER, Role.ADMINISTRATOR})
MANAGER_ACTIONS = frozenset({Action.VIEW, Action.EXPORT, Action.PRINT, Action.LIST})
EMPLOYMENT_STAFF_ROLES = frozenset({Role.EMPLOYMENT_OFFICER, Role.EMPLOYMENT_MANAGER})
PARTNER_ROLES = {Role.COUNTY_TYM_WORKER: "wellbeing_county", Role.KELA_TYM_OFFICER: "kela"}
PARTNER_ACTIONS = frozenset({Action.VIEW, Action.LIST})
EMPLOYMENT_ROLES = EMPLOYMENT_STAFF_ROLES | frozenset(PARTNER_ROLES)


def _clients() -> type[Client]:
    """The Client model, looked up when called: access sits below clients in the layers
    (docs/architecture.md), yet its scopes are querysets of clients."""
    return cast("type[Client]", apps.get_model("clients", "Client"))


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
    if action == Action.BILL:  # the whole organisation, when it bills Kela (a provider)
        return Q(organisation__kind=OrganisationKind.PROVIDER) if roles & BILLING_ROLES else None
    if action in QUALITY_ACTIONS and Role.QUALITY_MANAGER in roles:
        return Q()  # the whole organisation
    if action in ADMINISTRATOR_ACTIONS and Role.ADMINISTRATOR in roles:
        return Q()
    if action in CARE_ACTIONS:
        if Role.COACH in roles:
            conditions.append(Q(responsible_coach=user))
        if roles & CARE_ROLES:
            conditions.append(Q(team__in=user.teams.all()))
    conditions.extend(_employment_scope(user, action, roles))
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
        return _clients().objects.none()
    condition = _scope(user, action, roles)
    if condition is None:
        return _clients().objects.none()
    return _clients().objects.filter(condition, organisation_id=user.organisation_id)


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


def can_bill(user: Any) -> bool:
    """May ``user`` run Kela billing (within the organisation)? Only a service provider bills
    Kela; an employment area's administrator does not."""
    if not _roles(user) & BILLING_ROLES:
        return False
    return bool(user.organisation.kind == OrganisationKind.PROVIDER)


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


# --- the employment area ------------------------------------------------------------------


def _employment_scope(user: Any, action: str, roles: frozenset[str]) -> list[Q]:
    """The employment area's staff: their jobseekers (partners get none here)."""
    if Role.EMPLOYMENT_MANAGER in roles and action in MANAGER_ACTIONS:
        return [Q(jobseeker__isnull=False)]
    if Role.EMPLOYMENT_OFFICER in roles and action in CARE_ACTIONS:
        return [
            Q(jobseeker__responsible_officer=user),
            Q(jobseeker__unit__in=user.employment_units.all()),
        ]
    return []


def _consent_in_force(party: str, day: Any) -> Q:
    return Q(
        consents__partner__authority__kind=party,
        consents__given_on__lte=day,
    ) & (Q(consents__revoked_on__isnull=True) | Q(consents__revoked_on__gt=day))


def _tym_basis(party: str) -> Q:
    """A TYM client whose assessment or open multi-sector plan names the party (TYM act
    381/2023: the three authorities assess, plan and follow up together)."""
    flag = "with_county" if party == "wellbeing_county" else "with_kela"
    return Q(**{f"jobseeker__assessments__{flag}": True}) | Q(
        **{f"jobseeker__tym_plans__{flag}": True, "jobseeker__tym_plans__ended__isnull": True}
    )


def employment_clients_for(user: Any, action: str, section: str) -> QuerySet[Client]:
    """The jobseekers ``user`` may ``action`` in ``section`` of the employment workspace:
    ``"tym"`` (the assessment and the multi-sector employment plan) or ``"all"``.

    Officers and managers: their jobseekers (``clients_for``), every section. A partner
    authority's TYM officer may view a TYM client's ``tym`` section by law, and any section
    of a client whose consent in force names their authority; nothing else."""
    from django.utils import timezone

    roles = _roles(user)
    if not roles:
        return _clients().objects.none()
    if roles & EMPLOYMENT_STAFF_ROLES:
        staff = clients_for(user, action).filter(jobseeker__isnull=False)
        if not roles & set(PARTNER_ROLES):
            return staff
    else:
        staff = _clients().objects.none()
    if Action(action) not in PARTNER_ACTIONS:
        return staff
    conditions: list[Q] = []
    for role, party in PARTNER_ROLES.items():
        if role in roles:
            conditions.append(_consent_in_force(party, timezone.localdate()))
            if section == "tym":
                conditions.append(_tym_basis(party))
    if not conditions:
        return staff
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    partner = _clients().objects.filter(
        combined, jobseeker__isnull=False, organisation_id=user.organisation_id
    )
    if roles & EMPLOYMENT_STAFF_ROLES:
        return _clients().objects.filter(Q(pk__in=staff) | Q(pk__in=partner))
    return _clients().objects.filter(pk__in=partner.values("pk"))


def employment_scope(section: str) -> Any:
    """A scope for ``client_view(action, scope=...)``: ``employment_clients_for`` in
    ``section``."""

    def scope(user: Any, action: str) -> QuerySet[Client]:
        return employment_clients_for(user, action, section)

    scope.section = section  # type: ignore[attr-defined]
    return scope


def can_use_employment(user: Any) -> bool:
    """May ``user`` open the employment area's workspace (their own jobseekers' list)?"""
    return bool(_roles(user) & EMPLOYMENT_ROLES)


def can_manage_jobseekers(user: Any) -> bool:
    """Officers take on jobseekers (into their own units or as their own)."""
    return Role.EMPLOYMENT_OFFICER in _roles(user)


def can_see_caseload(user: Any) -> bool:
    """Caseload figures (counts, no client data): the area's officers and managers."""
    return bool(_roles(user) & EMPLOYMENT_STAFF_ROLES)


def may_import(user: Any) -> bool:
    """Team leads import their teams' clients and decisions (docs/import.md)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
        and user.has_role(Role.TEAM_LEAD)
    )
