"""Clients: list, read, create, update (``luotsi.clients.service`` does the writing)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from luotsi.access import policy
from luotsi.access.decorators import AccessRecord, record_access
from luotsi.access.models import Action
from luotsi.accounts.models import Role, User
from luotsi.api.access import client_data, current_client, forbidden, note
from luotsi.api.problems import ApiProblem, Problem, invalid
from luotsi.api.schemas import ClientIn, ClientOut, ClientPage, ClientPatch
from luotsi.clients import service
from luotsi.clients.models import Client
from luotsi.organisations.models import Team

from .common import ERRORS, PAGE_SIZE, WRITE_ERRORS, pages

router = Router(tags=["clients"])


class ClientFilter(Schema):
    page: int = Field(default=1, ge=1, le=100_000)


def client_json(client: Client) -> dict[str, Any]:
    return {
        "id": client.pk,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "identity_code": client.identity_code,
        "birth_date": client.birth_date,
        "language": client.language,
        "phone": client.phone,
        "email": client.email,
        "address": client.address,
        "responsible_coach": client.responsible_coach.username
        if client.responsible_coach
        else None,
        "team": client.team.name if client.team else None,
    }


def _references(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The coach (user name) and team (name) of the user's organisation, as objects."""
    errors: dict[str, list[str]] = {}
    if data.get("responsible_coach"):
        coach = User.objects.filter(
            organisation_id=user.organisation_id,
            username=data["responsible_coach"],
            is_active=True,
            role_assignments__role__in=[Role.COACH, Role.TEAM_LEAD],
        ).first()
        if coach is None:
            errors["/responsible_coach"] = [_("No coach of your organisation has this user name.")]
        data["responsible_coach"] = coach
    elif "responsible_coach" in data:
        data["responsible_coach"] = None
    if data.get("team"):
        team = Team.objects.filter(organisation_id=user.organisation_id, name=data["team"]).first()
        if team is None:
            errors["/team"] = [_("Your organisation has no team of this name.")]
        data["team"] = team
    elif "team" in data:
        data["team"] = None
    if errors:
        raise ValidationError(errors)
    return data


def _log_duplicate(
    request: HttpRequest, exc: ValidationError, code: str | None, exclude: int | None = None
) -> None:
    """A refused duplicate identity code tells the caller that this person is a client:
    logged against that client, as the web form does (docs/security.md)."""
    codes = [e.code for e in getattr(exc, "error_dict", {}).get("identity_code", [])]
    if code and "duplicate" in codes:
        duplicate = service.duplicate_client(request.user.organisation_id, code, exclude)  # type: ignore[union-attr]
        if duplicate is not None:
            token = request.auth  # type: ignore[attr-defined]
            record_access(
                request,
                AccessRecord(
                    Action.EDIT,
                    client=duplicate,
                    detail=f"{token.log_name}: identity code refused as a duplicate of this client",
                ),
            )


@router.get(
    "/clients",
    response={200: ClientPage, ERRORS: Problem},
    url_name="clients",
    summary="The clients in the token user's reach, 50 a page",
)
@client_data(Action.LIST, per_client=False, allowed=policy.can_list_clients)
def list_clients(request: HttpRequest, filters: Query[ClientFilter]) -> Any:
    clients = policy.clients_for(request.user, Action.LIST).select_related(
        "team", "responsible_coach"
    )
    count = clients.count()
    start = (filters.page - 1) * PAGE_SIZE
    rows = [
        {
            "id": c.pk,
            "first_name": c.first_name,
            "last_name": c.last_name,
            "masked_identity_code": c.masked_identity_code,
            "responsible_coach": c.responsible_coach.username if c.responsible_coach else None,
            "team": c.team.name if c.team else None,
        }
        for c in clients[start : start + PAGE_SIZE]
    ]
    note(request, f"API client list: {len(rows)} clients shown")
    return {"count": count, "page": filters.page, "pages": pages(count), "results": rows}


@router.get(
    "/clients/{client_id}",
    response={200: ClientOut, ERRORS: Problem},
    url_name="client",
    summary="One client, with the full identity code",
)
@client_data(Action.VIEW)
def read_client(request: HttpRequest, client_id: int) -> Any:
    return client_json(current_client(request))


@router.post(
    "/clients",
    response={201: ClientOut, WRITE_ERRORS: Problem},
    url_name="client_create",
    summary="Create a client (coaches and team leads, into their own reach)",
)
@client_data(Action.CREATE, per_client=False, allowed=policy.can_create_client)
def create_client(request: HttpRequest, payload: ClientIn) -> Any:
    data = _references(request.user, payload.model_dump())
    try:
        client = service.create_client(request.user, **data)  # type: ignore[arg-type]
    except ValidationError as exc:
        _log_duplicate(request, exc, payload.identity_code)
        raise invalid(exc) from None
    except PermissionDenied:
        raise forbidden() from None
    note(request, "API client created", client)
    return Status(201, client_json(client))


@router.patch(
    "/clients/{client_id}",
    response={200: ClientOut, WRITE_ERRORS: Problem},
    url_name="client_update",
    summary="Change a client's fields (only those given)",
)
@client_data(Action.EDIT)
def update_client(request: HttpRequest, client_id: int, payload: ClientPatch) -> Any:
    client = current_client(request)
    given = payload.model_dump(exclude_unset=True)
    for required in ("identity_code", "first_name", "last_name", "language"):
        if required in given and given[required] is None:
            raise ApiProblem(
                422,
                "invalid",
                _("The request is not valid."),
                _("This field cannot be emptied."),
                errors=[(f"/{required}", _("This field cannot be emptied."))],
            )
    data = _references(request.user, given)
    try:
        client = service.update_client(request.user, client, **data)  # type: ignore[arg-type]
    except ValidationError as exc:
        _log_duplicate(request, exc, given.get("identity_code"), exclude=client.pk)
        raise invalid(exc) from None
    except PermissionDenied:
        raise forbidden() from None
    return client_json(client)
