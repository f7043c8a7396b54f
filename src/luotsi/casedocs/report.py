"""The feedback report's own rules in the web: its further recipients by the client's
consent (004: the treating party or the network, only with consent), sending to them, and
the KU148 sections a final report may not leave empty. Used by ``service``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.accounts.models import User
from luotsi.cases import service as case_service
from luotsi.consents import service as consent_service
from luotsi.consents.models import Consent
from luotsi.documents import FEEDBACK_TEXTS, Recipient, missing_sections
from luotsi.documents.days import days_on_pause as recorded_on_pause
from luotsi.rules import CaseFileError

from .goals import feedback_goals
from .models import Document, DocumentSending, Kind


class FinaliseRefused(ValidationError):
    """The document cannot be finalised; the message names the missing field."""


def consent_choices(document: Document, on: dt.date | None = None) -> list[Consent]:
    """The consents a feedback report may rest on for a further recipient (004: the treating
    party or the network, with the client's consent): the client's written consents in force
    on ``on`` (default today) that cover health data — the report contains health data."""
    on = on or timezone.localdate()
    consents = Consent.objects.filter(
        client_id=document.case.client_id, covers_health_data=True, given_on__lte=on
    ).order_by("recipient_kind", "recipient_name", "pk")
    return [c for c in consents if c.is_valid_on(on)]


def listed_consents(document: Document) -> list[Consent]:
    """The consents the report lists its further recipients by (``content["consents"]``)."""
    ids = (document.content or {}).get("consents") or []
    if not ids:
        return []
    found = {c.pk: c for c in Consent.objects.filter(client_id=document.case.client_id, pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def consent_ids(document: Document, value: Any) -> list[int]:
    """Consent ids for ``content["consents"]``: each must be one the report may rest on."""
    ids = [int(v) for v in (value or [])]
    allowed = {c.pk for c in consent_choices(document)} | {c.pk for c in listed_consents(document)}
    if any(pk not in allowed for pk in ids):
        raise ValidationError(
            {"consents": _("A recipient needs the client's written consent in force.")},
            code="no_consent",
        )
    return list(dict.fromkeys(ids))


def recipient_of(consent: Consent) -> Recipient:
    return Recipient(
        kind=consent.recipient_kind,
        name=consent.recipient_name,
        given=consent.given_on,
        scope=consent.scope,
    )


def require_consents(document: Document, on: dt.date) -> None:
    """Every further recipient of a feedback report still has a consent in force that
    covers health data on the finalising day; otherwise nothing is finalised."""
    for consent in listed_consents(document):
        if not (consent.covers_health_data and consent.is_valid_on(on)):
            raise FinaliseRefused(
                {
                    "consents": _(
                        "Not finalised: the consent for %(recipient)s is not in force or does "
                        "not cover health data. Remove the recipient or record a new consent."
                    )
                    % {"recipient": consent.recipient_name}
                }
            )


SECTION_LABELS = {
    "goals": gettext_lazy("Goals and their attainment (GAS goals or the assessment)"),
    "plan": gettext_lazy("Vocational plan"),
    "recommendations": gettext_lazy("Recommendations for what comes next"),
    "interruption_reason": gettext_lazy("Reason for the interruption"),
}


def require_sections(document: Document) -> None:
    """A final feedback report leaves no required KU148 section empty: refused, naming the
    sections (each also at its field), while one is."""
    if document.kind != Kind.FEEDBACK:
        return
    try:
        case = case_service.contract_case(document.case)
    except CaseFileError:
        return  # build_context refuses it with the field named
    content = document.content or {}
    texts = {k: content.get(k, "") for k in FEEDBACK_TEXTS}
    missing = missing_sections(case, texts, feedback_goals(document.case))
    if not missing:
        return
    names = ", ".join(str(SECTION_LABELS[key]) for key in missing)
    message = _("Not finalised: these required sections of the report are empty: %(names)s.")
    errors: dict[str, Any] = {key: _("Required in the final report.") for key in missing}
    errors["__all__"] = message % {"names": names}
    raise FinaliseRefused(errors)


def send_with_consent(actor: User, document: Document, consent_id: str) -> DocumentSending:
    """A feedback report to a further recipient (004: the treating party or the network):
    only one the report lists, by the consent it rests on; ``consents.service.disclose``
    checks that the consent is in force and covers health data, or refuses."""
    listed = (
        {str(c.pk): c for c in listed_consents(document)}
        if (document.kind == Kind.FEEDBACK)
        else {}
    )
    consent = listed.get(consent_id)
    if consent is None:
        raise ValidationError(
            {
                "recipient": _(
                    "This party is not a recipient of the report: a further recipient needs "
                    "the client's written consent, listed in the report."
                )
            },
            code="no_consent",
        )
    disclosure = consent_service.disclose(
        actor,
        document.case.client,
        recipient_kind=consent.recipient_kind,
        recipient_name=consent.recipient_name,
        document=document.label(),
        contains_health_data=True,
        consent=consent,
    )
    return DocumentSending.objects.create(document=document, disclosure=disclosure)


def days_on_pause(document: Document) -> list[dt.date]:
    """DAYS.ON_PAUSE for a draft: the rehabilitation days of the case recorded inside a pause,
    which the certificate and the feedback report leave out (in a certificate, those of its
    period). Empty for other kinds or a case that cannot be read as a case file."""
    if document.kind not in (Kind.CERTIFICATE, Kind.FEEDBACK):
        return []
    try:
        case = case_service.contract_case(document.case)
    except CaseFileError:
        return []
    days = [d.date for d in recorded_on_pause(case)]
    if document.kind == Kind.CERTIFICATE and document.period_from and document.period_to:
        days = [d for d in days if document.period_from <= d <= document.period_to]
    return days
