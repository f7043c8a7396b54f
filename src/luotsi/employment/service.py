"""Writing the employment area's data: validate, one transaction, the change log, the rules.

Views, the demo and commands call these and nothing else to write a jobseeker's rows.
Errors come back as a ``ValidationError`` whose keys are the field names; nothing is half
saved. Every write re-evaluates the jobseeker (``findings.recompute``) in its transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import log_change
from luotsi.access.models import Action
from luotsi.accounts.models import Role, User
from luotsi.clients import service as client_service
from luotsi.consents import service as consent_service
from luotsi.consents.models import Consent, ConsentRecipient
from luotsi.organisations.models import Organisation

from .findings import recompute
from .models import Jobseeker, PartnerAuthority, PartnerConsent, Unit

JOBSEEKER_FIELDS = (
    "unit",
    "responsible_officer",
    "job_search_start",
    "moved_to_unit_on",
    "ended_on",
    "employment_condition_met",
    "residence_permit",
    "employed",
    "fully_laid_off",
    "weekly_hours",
    "business_days_continuous",
    "business_benefit_entitled",
    "full_time_student",
    "studies_benefit_entitled",
)


def check(actor: User | None, js: Jobseeker, action: str = Action.EDIT) -> None:
    """Refuse unless ``actor`` (None: the system) may ``action`` this jobseeker."""
    if actor is not None and not policy.can(actor, action, js.client):
        raise PermissionDenied


def audit(
    actor: User | None, js: Jobseeker, action: str, obj: Model, fields: Iterable[str]
) -> None:
    """The change-log row of a write to ``obj`` of ``js`` (never the values)."""
    log_change(
        actor,
        organisation_id=js.organisation_id,
        client_id=js.client_id,
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        fields=fields,
    )


def full_clean(obj: Model, exclude: Iterable[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def out_of_reach() -> str:
    return _(
        "You would no longer see this jobseeker: choose your own unit or yourself as the "
        "responsible officer."
    )


def _check_people(js: Jobseeker, errors: dict[str, list[ValidationError]]) -> None:
    if js.unit_id is not None and js.unit.organisation_id != js.organisation_id:
        errors.setdefault("unit", []).append(
            ValidationError(_("Choose a unit of your own employment area."), code="organisation")
        )
    officer = js.responsible_officer
    if officer is not None and (
        officer.organisation_id != js.organisation_id
        or Role.EMPLOYMENT_OFFICER not in officer.role_names
    ):
        errors.setdefault("responsible_officer", []).append(
            ValidationError(_("Choose an officer of your own employment area."), code="officer")
        )


@transaction.atomic
def create_jobseeker(
    actor: User | None,
    *,
    identity_code: str,
    first_name: str,
    last_name: str,
    unit: Unit,
    job_search_start: dt.date,
    responsible_officer: User | None = None,
    organisation: Organisation | None = None,
    language: str = "fi",
    phone: str = "",
    on: dt.date | None = None,
    **situation: Any,
) -> Jobseeker:
    """A new client of the employment area as a jobseeker (``actor`` None: the system, with
    ``organisation``). The officer must still reach the jobseeker (own unit or themself)."""
    holder: dict[str, Jobseeker] = {}

    def attach(client: Any) -> None:
        js = Jobseeker(
            client=client,
            organisation_id=client.organisation_id,
            unit=unit,
            responsible_officer=responsible_officer,
            job_search_start=job_search_start,
            **situation,
        )
        errors: dict[str, list[ValidationError]] = {}
        _check_people(js, errors)
        try:
            full_clean(js, exclude=["client", "organisation"])
        except ValidationError as exc:
            for field, field_errors in exc.error_dict.items():
                errors.setdefault(field, []).extend(field_errors)
        if errors:
            raise ValidationError(errors)
        js.save()
        holder["js"] = js

    try:
        client_service.create_client(
            actor,
            identity_code=identity_code,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            language=language,
            phone=phone,
            may_create=policy.can_manage_jobseekers,
            attach=attach,
        )
    except ValidationError as exc:
        if "team" in getattr(exc, "error_dict", {}):  # the reach check speaks of teams
            raise ValidationError({"unit": out_of_reach()}) from exc
        raise
    js = holder["js"]
    audit(actor, js, Action.CREATE, js, ["jobseeker", *situation, "unit", "job_search_start"])
    recompute(js, on)
    return js


@transaction.atomic
def update_jobseeker(
    actor: User | None, js: Jobseeker, on: dt.date | None = None, **changes: Any
) -> Jobseeker:
    """Change the jobseeker's unit, officer, dates or situation (UNEMPLOYED facts)."""
    unknown = set(changes) - set(JOBSEEKER_FIELDS)
    if unknown:
        raise TypeError(f"update_jobseeker got unknown fields: {sorted(unknown)}")
    check(actor, js)
    locked = Jobseeker.objects.select_for_update().select_related("client").get(pk=js.pk)
    changed = [f for f in JOBSEEKER_FIELDS if f in changes and getattr(locked, f) != changes[f]]
    for field in changed:
        setattr(locked, field, changes[field])
    if not changed:
        return locked
    errors: dict[str, list[ValidationError]] = {}
    _check_people(locked, errors)
    try:
        full_clean(locked, exclude=["client", "organisation"])
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)
    locked.save()
    if actor is not None and not policy.can(actor, Action.EDIT, locked.client):
        raise ValidationError({"unit": out_of_reach()})
    audit(actor, locked, Action.EDIT, locked, changed)
    recompute(locked, on)
    return locked


@transaction.atomic
def record_partner_consent(
    actor: User,
    js: Jobseeker,
    *,
    authority: PartnerAuthority,
    scope: str,
    covers_health_data: bool,
    given_on: dt.date,
) -> Consent:
    """The client's written consent that a partner authority may see their data beyond the
    TYM plan (CONSULT.CONSENT; ``luotsi.consents`` records it, this links the authority)."""
    if authority.organisation_id != js.organisation_id:
        raise ValidationError({"authority": _("Choose a partner authority of your own area.")})
    consent = consent_service.record_consent(
        actor,
        js.client,
        recipient_kind=ConsentRecipient.PARTNER_AUTHORITY,
        recipient_name=authority.name,
        scope=scope,
        covers_health_data=covers_health_data,
        given_on=given_on,
    )
    PartnerConsent.objects.create(consent=consent, authority=authority)
    return consent


def today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


# The assessment and the plans (their own module, this is their public face).
from .activation import (  # noqa: E402
    evaluate_activation_plan,
    finalise_activation_plan,
    finalise_refusal,
    save_activation_plan,
)
from .integration import (  # noqa: E402
    consultation_gone_through,
    record_consultation,
    save_integration_plan,
    save_rehabilitation,
)
from .plans import complete_review, record_assessment, save_tym_plan  # noqa: E402

__all__ = [
    "complete_review",
    "consultation_gone_through",
    "create_jobseeker",
    "evaluate_activation_plan",
    "finalise_activation_plan",
    "finalise_refusal",
    "record_assessment",
    "record_consultation",
    "record_partner_consent",
    "save_activation_plan",
    "save_integration_plan",
    "save_rehabilitation",
    "save_tym_plan",
    "update_jobseeker",
]
