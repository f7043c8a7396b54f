"""Creating and changing clients: validation, tenancy and the change log in one transaction.

Views and commands call these and nothing else to write a ``Client``. Errors come back as a
``ValidationError`` whose keys are the field names (``identity_code``, ``team``, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import Role, User
from luotsi.organisations.models import Organisation, Team

from . import crypto
from .models import Client
from .validators import birth_date_from_identity_code, validate_identity_code

EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "language",
    "phone",
    "email",
    "address",
    "responsible_coach",
    "team",
)


def _log_change(actor: User | None, client: Client, action: str, fields: list[str]) -> None:
    log_change(
        actor,
        organisation_id=client.organisation_id,
        client_id=client.pk,
        action=action,
        object_type="client",
        object_id=client.pk,
        fields=fields,
    )


def _validate(client: Client, identity_code: str | None, errors: dict[str, list[Any]]) -> None:
    if identity_code is not None:
        try:
            normalised = validate_identity_code(identity_code)
        except ValidationError as exc:
            errors.setdefault("identity_code", []).extend(exc.error_list)
        else:
            client.set_identity_code(normalised)
            client.birth_date = birth_date_from_identity_code(normalised)
            duplicate = Client.objects.filter(
                organisation_id=client.organisation_id,
                identity_code_hmac=client.identity_code_hmac,
            ).exclude(pk=client.pk)
            if duplicate.exists():
                errors.setdefault("identity_code", []).append(
                    ValidationError(
                        _("A client with this identity code already exists."), code="duplicate"
                    )
                )
    coach = client.responsible_coach
    if coach is not None and (
        coach.organisation_id != client.organisation_id
        or not ({Role.COACH, Role.TEAM_LEAD} & coach.role_names)
    ):
        errors.setdefault("responsible_coach", []).append(
            ValidationError(_("Choose a coach of your own organisation."), code="organisation")
        )
    team = client.team
    if team is not None and team.organisation_id != client.organisation_id:
        errors.setdefault("team", []).append(
            ValidationError(_("Choose a team of your own organisation."), code="organisation")
        )
    try:
        client.full_clean(
            exclude=[
                "identity_code_encrypted",
                "identity_code_hmac",
                "organisation",
                # Derived from the identity code, whose own error says what is wrong.
                *(["birth_date"] if client.birth_date is None else []),
            ],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)


def duplicate_client(
    organisation_id: int, identity_code: str, exclude: int | None = None
) -> Client | None:
    """The organisation's client with ``identity_code`` (other than ``exclude``), if any.

    A refused duplicate tells the user that this person is a client, perhaps one outside
    their reach: the views log that access against this client."""
    try:
        normalised = validate_identity_code(identity_code)
    except ValidationError:
        return None
    clients = Client.objects.filter(
        organisation_id=organisation_id, identity_code_hmac=crypto.identity_code_hmac(normalised)
    )
    return clients.exclude(pk=exclude).first() if exclude else clients.first()


def _check_still_reachable(actor: User | None, client: Client) -> None:
    """A coach must not create or move a client out of their own reach by mistake."""
    if actor is not None and not policy.can(actor, Action.EDIT, client):
        raise ValidationError(
            {
                "team": ValidationError(
                    _(
                        "You would no longer see this client: choose one of your own teams "
                        "or yourself as the responsible coach."
                    ),
                    code="out_of_reach",
                )
            }
        )


@transaction.atomic
def create_client(
    actor: User | None,
    *,
    identity_code: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    language: str = "fi",
    phone: str = "",
    email: str = "",
    address: str = "",
    responsible_coach: User | None = None,
    team: Team | None = None,
    may_create: Callable[[User], bool] = policy.can_create_client,
    attach: Callable[[Client], None] | None = None,
) -> Client:
    """Create a client in ``actor``'s organisation (or ``organisation`` when the system,
    ``actor=None``, creates one: demo data, imports). Writes a change-log row.

    Another kind of client (an employment area's jobseeker) passes who ``may_create`` it
    and ``attach``, which adds its own rows in the same transaction before the check that
    the actor still reaches the client."""
    if actor is not None:
        if not may_create(actor):
            raise PermissionDenied
        organisation_id = actor.organisation_id
    elif organisation is not None:
        organisation_id = organisation.pk
    else:
        raise ValueError("create_client needs an actor or an organisation")
    client = Client(
        organisation_id=organisation_id,
        first_name=first_name,
        last_name=last_name,
        language=language,
        phone=phone,
        email=email,
        address=address,
        responsible_coach=responsible_coach,
        team=team,
    )
    _validate(client, identity_code, {})
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:  # a concurrent create with the same identity code
        raise ValidationError(
            {"identity_code": _("A client with this identity code already exists.")}
        ) from exc
    if attach is not None:
        attach(client)
    _check_still_reachable(actor, client)
    _log_change(actor, client, Action.CREATE, ["identity_code", *EDITABLE_FIELDS])
    return client


@transaction.atomic
def update_client(actor: User, client: Client, **changes: Any) -> Client:
    """Change ``client``; ``changes`` may hold ``identity_code`` and ``EDITABLE_FIELDS``.

    Writes a change-log row naming the changed fields (never their values)."""
    unknown = set(changes) - {"identity_code", *EDITABLE_FIELDS}
    if unknown:
        raise TypeError(f"update_client got unknown fields: {sorted(unknown)}")
    if not policy.can(actor, Action.EDIT, client):
        raise PermissionDenied
    locked = Client.objects.select_for_update().get(pk=client.pk)
    changed = []
    for field in EDITABLE_FIELDS:
        if field in changes and getattr(locked, field) != changes[field]:
            setattr(locked, field, changes[field])
            changed.append(field)
    identity_code = changes.get("identity_code")
    if identity_code is not None and crypto.identity_code_hmac(identity_code) == (
        locked.identity_code_hmac
    ):
        identity_code = None  # unchanged
    _validate(locked, identity_code, {})
    if identity_code is not None:
        changed.append("identity_code")
    if not changed:
        return locked
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            locked.save()
    except IntegrityError as exc:  # a concurrent create or edit to the same identity code
        raise ValidationError(
            {"identity_code": _("A client with this identity code already exists.")}
        ) from exc
    _check_still_reachable(actor, locked)
    _log_change(actor, locked, Action.EDIT, changed)
    return locked


def may_hand_over(user: User | None) -> bool:
    """Team leads hand clients over between coaches (holiday cover)."""
    return user is not None and policy.can_create_client(user) and user.has_role(Role.TEAM_LEAD)


@transaction.atomic
def hand_over(actor: User, clients: list[Client], to_coach: User) -> list[Client]:
    """Make ``to_coach`` the responsible coach of ``clients`` (holiday cover, a coach
    leaving). The actor must be a team lead allowed to edit every one of them; the new coach
    must be an active coach of the organisation. Access follows the responsible coach
    (``policy``): the new coach sees the clients from the next request. One change-log row
    per client; all or nothing."""
    if not may_hand_over(actor):
        raise PermissionDenied
    if not clients:
        raise ValidationError({"clients": _("Choose at least one client to hand over.")})
    if (
        to_coach.organisation_id != actor.organisation_id
        or not to_coach.is_active
        or not ({Role.COACH, Role.TEAM_LEAD} & to_coach.role_names)
    ):
        raise ValidationError({"to_coach": _("Choose an active coach of your own organisation.")})
    ids = [client.pk for client in clients]
    editable = set(
        policy.clients_for(actor, Action.EDIT).filter(pk__in=ids).values_list("pk", flat=True)
    )
    if editable != set(ids):
        raise PermissionDenied
    changed = []
    for client in Client.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if client.responsible_coach_id == to_coach.pk:
            continue
        client.responsible_coach = to_coach
        client.save(update_fields=["responsible_coach", "updated_at"])
        _log_change(actor, client, Action.EDIT, ["responsible_coach"])
        changed.append(client)
    return changed


class ClientsRefused(ValidationError):
    """``create_clients`` refused some entries: ``errors`` maps an entry's index to its
    field errors (``{"identity_code": ["…"]}``), as ``create_client`` would give them."""

    def __init__(self, errors: dict[int, dict[str, list[str]]]) -> None:
        super().__init__(_("Some clients are refused."), code="refused")
        self.errors = errors


@transaction.atomic
def create_clients(actor: User, entries: list[dict[str, Any]]) -> list[Client]:
    """Create many clients in ``actor``'s organisation at once (spreadsheet imports): each
    entry is ``create_client``'s keyword arguments, checked the same way (identity code,
    duplicates within the organisation and among the entries, the coach and team of the
    organisation, the model's fields, the actor's reach), then all are written with one
    insert and each gets its change-log row. All or nothing: ``ClientsRefused`` names every
    refused entry and nothing is written."""
    if not policy.can_create_client(actor):
        raise PermissionDenied
    organisation_id = actor.organisation_id
    taken = set(
        Client.objects.filter(organisation_id=organisation_id).values_list(
            "identity_code_hmac", flat=True
        )
    )
    errors: dict[int, dict[str, list[str]]] = {}
    clients: list[Client] = []
    for index, entry in enumerate(entries):
        client = Client(organisation_id=organisation_id, **{
            key: entry.get(key, default)
            for key, default in (("first_name", ""), ("last_name", ""), ("language", "fi"),
                                 ("phone", ""), ("email", ""), ("address", ""),
                                 ("responsible_coach", None), ("team", None))
        })  # fmt: skip
        problems: dict[str, list[str]] = {}
        try:
            code = validate_identity_code(entry.get("identity_code", ""))
        except ValidationError as exc:
            problems["identity_code"] = exc.messages
        else:
            client.set_identity_code(code)
            client.birth_date = birth_date_from_identity_code(code)
            if client.identity_code_hmac in taken:
                problems["identity_code"] = [_("A client with this identity code already exists.")]
            taken.add(client.identity_code_hmac)
        coach = client.responsible_coach
        if coach is not None and (
            coach.organisation_id != organisation_id
            or not ({Role.COACH, Role.TEAM_LEAD} & coach.role_names)
        ):
            problems["responsible_coach"] = [_("Choose a coach of your own organisation.")]
        if client.team is not None and client.team.organisation_id != organisation_id:
            problems["team"] = [_("Choose a team of your own organisation.")]
        try:  # the coach and team are checked above, without a query each
            client.full_clean(
                exclude=["identity_code_encrypted", "identity_code_hmac", "organisation",
                         "responsible_coach", "team",
                         *(["birth_date"] if client.birth_date is None else [])],
                validate_unique=False,
                validate_constraints=False,
            )  # fmt: skip
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                problems.setdefault(field, []).extend(messages)
        if problems:
            errors[index] = problems
        clients.append(client)
    if errors:
        raise ClientsRefused(errors)
    try:
        with transaction.atomic():
            created = Client.objects.bulk_create(clients)
    except IntegrityError as exc:  # a concurrent create with the same identity code
        raise ClientsRefused(
            {0: {"identity_code": [_("A client with this identity code already exists.")]}}
        ) from exc
    reachable = set(
        policy.clients_for(actor, Action.EDIT)
        .filter(pk__in=[c.pk for c in created])
        .values_list("pk", flat=True)
    )
    out_of_reach = {
        index: {
            "team": [
                _(
                    "You would no longer see this client: choose one of your own teams "
                    "or yourself as the responsible coach."
                )
            ]
        }
        for index, client in enumerate(created)
        if client.pk not in reachable
    }
    if out_of_reach:
        raise ClientsRefused(out_of_reach)  # the transaction rolls the clients back
    for client in created:
        _log_change(actor, client, Action.CREATE, ["identity_code", *EDITABLE_FIELDS])
    return created
