"""Consents and disclosures.

``disclose`` is the only way a client's document leaves the organisation in Luotsi: it
checks the legal basis and writes a ``DisclosureLogEntry``. Kela has a right to the data
by law (``kela_law``); a treating party or the client's network only with a consent in
force that names them, and that names health data when the document contains it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.audit import actor_name, log_change
from luotsi.access.models import (
    Action,
    DisclosureLogEntry,
    LegalBasis,
    RecipientKind,
)
from luotsi.accounts.models import User
from luotsi.clients.models import Client

from .models import Consent


class DisclosureRefused(ValidationError):
    """The document may not be sent: no legal basis, or the consent does not cover it."""


def _log(actor: User, client: Client, action: str, consent: Consent, fields: list[str]) -> None:
    log_change(
        actor,
        organisation_id=client.organisation_id,
        client_id=client.pk,
        action=action,
        object_type="consent",
        object_id=consent.pk,
        fields=fields,
    )


@transaction.atomic
def record_consent(
    actor: User,
    client: Client,
    *,
    recipient_kind: str,
    recipient_name: str,
    scope: str,
    covers_health_data: bool,
    given_on: dt.date,
    written: bool = True,
) -> Consent:
    if not policy.can(actor, Action.EDIT, client):
        raise PermissionDenied
    errors: dict[str, list[ValidationError]] = {}
    if not written:
        errors.setdefault("written", []).append(
            ValidationError(_("Only a written consent can be recorded."), code="not_written")
        )
    if given_on > timezone.localdate():
        errors.setdefault("given_on", []).append(
            ValidationError(_("A consent cannot be given in the future."), code="future")
        )
    consent = Consent(
        client=client,
        recipient_kind=recipient_kind,
        recipient_name=recipient_name,
        scope=scope,
        covers_health_data=covers_health_data,
        given_on=given_on,
        written=written,
        recorded_by=actor,
    )
    try:
        consent.full_clean(exclude=["client", "recorded_by"], validate_constraints=False)
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)
    consent.save()
    _log(actor, client, Action.CREATE, consent, ["consent"])
    return consent


@transaction.atomic
def revoke_consent(actor: User, consent: Consent, *, revoked_on: dt.date | None = None) -> Consent:
    if not policy.can(actor, Action.EDIT, consent.client):
        raise PermissionDenied
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    revoked_on = revoked_on or timezone.localdate()
    if consent.revoked_on is not None:
        raise ValidationError(
            {"revoked_on": _("This consent was already revoked.")}, code="already_revoked"
        )
    if revoked_on < consent.given_on:
        raise ValidationError(
            {"revoked_on": _("A consent cannot be revoked before it was given.")}, code="order"
        )
    consent.revoked_on = revoked_on
    consent.save(update_fields=["revoked_on"])
    _log(actor, consent.client, Action.EDIT, consent, ["revoked_on"])
    return consent


@transaction.atomic
def disclose(
    actor: User,
    client: Client,
    *,
    recipient_kind: str,
    recipient_name: str,
    document: str,
    contains_health_data: bool,
    consent: Consent | None = None,
    on: dt.date | None = None,
    billing: bool = False,
) -> DisclosureLogEntry:
    """Record that ``document`` about ``client`` is sent to a recipient, or refuse.

    ``billing``: an invoice's specification sent to Kela by someone who bills (the
    ``bill`` action instead of ``document``; Kela is then the only recipient).
    Raises ``DisclosureRefused`` (field-named) when there is no legal basis."""
    if billing:
        if RecipientKind(recipient_kind) != RecipientKind.KELA:
            raise PermissionDenied
        if not policy.can(actor, Action.BILL, client):
            raise PermissionDenied
    elif not policy.can(actor, Action.DOCUMENT, client):
        raise PermissionDenied
    day = on or timezone.localdate()
    recipient_kind = RecipientKind(recipient_kind)
    if recipient_kind == RecipientKind.KELA:
        legal_basis = LegalBasis.KELA_LAW
        consent = None
    elif recipient_kind == RecipientKind.CLIENT:
        # The client's own data, given to the client: no consent is asked for.
        legal_basis = LegalBasis.DATA_SUBJECT
        consent = None
    else:
        legal_basis = LegalBasis.CONSENT
        _check_consent(client, recipient_kind, contains_health_data, consent, day)
    return DisclosureLogEntry.objects.create(
        organisation_id=client.organisation_id,
        user=actor,
        user_name=actor_name(actor),
        client=client,
        recipient_kind=recipient_kind,
        recipient_name=recipient_name,
        document=document,
        contains_health_data=contains_health_data,
        legal_basis=legal_basis,
        consent=consent,
    )


def _check_consent(
    client: Client,
    recipient_kind: str,
    contains_health_data: bool,
    consent: Consent | None,
    day: dt.date,
) -> None:
    def refuse(message: str, code: str) -> DisclosureRefused:
        return DisclosureRefused({"consent": ValidationError(message, code=code)})

    if consent is None:
        raise refuse(
            _("Sending to this recipient needs the client's written consent."), "no_consent"
        )
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.client_id != client.pk:
        raise refuse(_("This consent is another client's."), "wrong_client")
    if consent.recipient_kind != recipient_kind:
        raise refuse(_("This consent does not name this kind of recipient."), "wrong_recipient")
    if consent.revoked_on is not None and consent.revoked_on <= day:
        raise refuse(_("The client has revoked this consent."), "revoked")
    if not consent.is_valid_on(day):
        raise refuse(_("This consent is not in force on the day of sending."), "not_in_force")
    if contains_health_data and not consent.covers_health_data:
        raise refuse(
            _("The document contains health data, which this consent does not cover."),
            "no_health_data",
        )
