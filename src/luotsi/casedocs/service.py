"""Making, editing, finalising and sending a case's documents: the writes. The reads are
``luotsi.casedocs.selectors``; what a refusal means on the page, ``refusals``.

The document itself comes from the Django-free ``luotsi.documents`` builders and templates,
fed with the case in contract form (``luotsi.cases.service.contract_case``). Finalising
renders the PDF, stores it with its SHA-256 and records the matching case event
(``certificate``, ``feedback`` or ``kela_notice``) through ``luotsi.cases.service.add_event``
— all in one transaction, so a refusal or a failing render leaves the draft as it was and
no event behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.access.models import Action, RecipientKind
from luotsi.accounts.models import User
from luotsi.cases import service as case_service
from luotsi.cases.models import Case
from luotsi.consents import service as consent_service
from luotsi.documents import (
    DocumentRefused,
    render_body,
    render_html,
    render_pdf,
    render_text,
)

from .models import Document, DocumentSending, Kind, Status
from .refusals import refusal_message
from .report import (
    FinaliseRefused,
    consent_ids,
    require_consents,
    require_sections,
    send_with_consent,
)
from .selectors import (
    ATTACHMENT_SERVICES,
    ATTACHMENTS,
    CLIENT,
    CONSENT_PREFIX,
    CONTENT_FIELDS,
    KELA,
    NOTICE_KINDS,
    available_kinds,
    build_context,
    recipients,
    report_attachments,
    stale_findings,
)
from .signals import final_report_context

logger = logging.getLogger(__name__)


def _check(actor: User | None, case: Case, action: str = Action.DOCUMENT) -> None:
    if actor is not None and not policy.can(actor, action, case.client):
        raise PermissionDenied(_("You may not make documents for this client."))


def _author_name(actor: User | None) -> str:
    """The author printed on the document (their name; none for the system): not the
    audit trail's actor (``luotsi.access.audit.actor_name``)."""
    if actor is None:
        return ""
    return str(actor)


# --- drafts -----------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    actor: User | None,
    case: Case,
    kind: str,
    language: str | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    on_request: bool = False,
) -> Document:
    """A new draft of ``kind``; refused (field-named) when the case cannot have it.

    A client who does not apply for the rehabilitation allowance needs no participation
    certificate: it is refused unless ``on_request`` (the client asked for one), and then
    the certificate says that it is not needed for the allowance."""
    _check(actor, case)
    if kind not in available_kinds(case):
        message = _("This document is not made for this case.")
        raise ValidationError({"kind": ValidationError(message, code="not_available")})
    if kind == Kind.CERTIFICATE and not case.applies_allowance and not on_request:
        raise ValidationError(
            {
                "on_request": ValidationError(
                    _(
                        "The client does not apply for the rehabilitation allowance: no "
                        "participation certificate is needed. Tick “The client asked for "
                        "one” to make it anyway."
                    ),
                    code="not_needed",
                )
            }
        )
    content: dict[str, Any] = dict.fromkeys(CONTENT_FIELDS[kind], "")
    if kind == Kind.CERTIFICATE and not case.applies_allowance:
        content["on_request"] = "yes"
    if kind == Kind.FEEDBACK:
        content["consents"] = []
    if kind == Kind.CERTIFICATE:
        errors = {}
        if period_from is None:
            errors["period_from"] = _("A certificate needs the start of its period.")
        if period_to is None:
            errors["period_to"] = _("A certificate needs the end of its period.")
        if period_from and period_to and period_to < period_from:
            errors["period_to"] = _("The end of the period is before its start.")
        if errors:
            raise ValidationError(errors)
    else:
        period_from = period_to = None
    return Document.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        language=language or case.client.language,
        period_from=period_from,
        period_to=period_to,
        content=content,
        author_name=_author_name(actor),
        author_phone=getattr(actor, "phone", "") or "",
        created_by=actor,
    )


@transaction.atomic
def new_version(actor: User | None, document: Document) -> Document:
    """A correction: a new draft that ``replaces`` the final ``document`` (same kind, period,
    language and content). For a certificate, "what changed" is prefilled from the CERT.STALE
    findings in its period. An existing draft of the next version is returned as it is."""
    _check(actor, document.case)
    if not document.is_final:
        raise ValidationError(_("Only a finalised document gets a new version."), code="draft")
    existing = document.successors.filter(status=Status.DRAFT).first()
    if existing is not None:
        return existing
    if document.superseded_by is not None:
        raise ValidationError(
            _("This version was already replaced by a newer one."), code="superseded"
        )
    what = "\n".join(f.message(document.language) for f in stale_findings(document))
    return Document.objects.create(
        organisation_id=document.organisation_id,
        case=document.case,
        kind=document.kind,
        language=document.language,
        period_from=document.period_from,
        period_to=document.period_to,
        version=document.version + 1,
        replaces=document,
        content=dict(document.content),
        what_changed=what,
        author_name=_author_name(actor) or document.author_name,
        author_phone=getattr(actor, "phone", "") or document.author_phone,
        created_by=actor,
    )


@transaction.atomic
def update_draft(actor: User | None, document: Document, **fields: Any) -> Document:
    """Change the editable parts of a draft: ``content`` keys, author, language, what
    changed. A final document is refused (it never changes)."""
    _check(actor, document.case)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_final:
        raise ValidationError(
            _("A finalised document cannot be changed. Make a new version instead."),
            code="final",
        )
    allowed = CONTENT_FIELDS[document.kind]
    content = dict(document.content)
    for key, value in fields.items():
        if key == "consents" and key in allowed:
            content[key] = consent_ids(document, value)
        elif key == "attachments" and key in allowed:
            if document.case.service in ATTACHMENT_SERVICES:
                content[key] = [a for a in ATTACHMENTS if a in (value or ())]
        elif key in allowed:
            content[key] = "" if value is None else str(value)
        elif key in ("author_name", "author_phone", "what_changed", "language"):
            setattr(document, key, value or "")
        else:
            raise ValueError(f"not an editable field: {key}")
    document.content = content
    document.save()
    return document


def notice_topic(context: dict[str, Any]) -> str:
    """The topic of the ``kela_notice`` event a sent notice records: its title and content."""
    kind = context["kind"]
    if kind == "queue":
        topic = context["reason"]
    elif kind == "skipped_step":
        topic = f"{context['step']} ({context['reason']})"
    else:
        topic = context["what"]
    return f"{context['title']}: {topic}"


def _event(document: Document, context: dict[str, Any], on: dt.date) -> dict[str, Any] | None:
    """The case event that records the finalised document (contract form); a notice's
    ``kela_notice`` is recorded when it is sent (``mark_sent``), not when finalised."""
    kind = document.kind
    if kind == Kind.CERTIFICATE:
        assert document.period_from is not None and document.period_to is not None
        return {
            "type": "certificate",
            "date": on.isoformat(),
            "from": document.period_from.isoformat(),
            "to": document.period_to.isoformat(),
            "author_name": document.author_name,
            "author_phone": document.author_phone,
            "states_reasons": True,
            "includes_future": bool(context["sections"]["future"].rows),
        }
    if kind == Kind.FEEDBACK:
        event = {
            "type": "feedback",
            "date": on.isoformat(),
            "kind": "short" if context["interrupted"] else "full",
            "mentions_sickness_extension": bool(context["sections"]["sickness"].rows),
        }
        if (document.content or {}).get("plan", "").strip():
            event["states_vocational_plan"] = True  # PLAN.VOCATIONAL: the plan is stated
        attachments = report_attachments(document)
        if attachments is not None:  # FEEDBACK.ATTACHMENTS: as the finalised report lists them
            event["attachments"] = attachments
        return event
    if kind == Kind.TAITO_FOLLOWUP:
        return {"type": "feedback", "date": on.isoformat(), "kind": "followup"}
    return None


def _check_version(case: Case, expected_version: int) -> None:
    """Refuse as ``cases.service`` does when the case changed since the page was read."""
    if not Case.objects.filter(pk=case.pk, version=expected_version).exists():
        raise case_service.StaleVersion(
            _(
                "Someone else changed this case while you were editing it. "
                "Reload the page and make your change again."
            ),
            code="stale",
        )


def _require_author(document: Document) -> None:
    if document.kind == Kind.FEEDBACK and not document.author_name.strip():
        raise FinaliseRefused(
            {"author_name": _("Not finalised: the feedback report needs its author's name.")}
        )
    if document.kind != Kind.CERTIFICATE:
        return
    errors = {}
    if not document.author_name.strip():
        errors["author_name"] = _(
            "Not finalised: the author's name is required on a participation certificate."
        )
    if not document.author_phone.strip():
        errors["author_phone"] = _(
            "Not finalised: the author's phone number is required on a participation certificate."
        )
    if errors:
        raise FinaliseRefused(errors)


def _require_ended(document: Document, on: dt.date) -> None:
    """A feedback report is written after the rehabilitation: refused before the case's
    end is recorded (Taito: before its final phase, the last group period, has begun), as
    FEEDBACK.DEADLINE counts only a report made on or after that day."""
    if document.kind != Kind.FEEDBACK:
        return
    events = document.case.events.filter(date__lte=on)
    if document.case.service == "TAITO":
        if not events.filter(type="phase", data__phase="final").exists():
            raise FinaliseRefused(
                _(
                    "Not finalised: the final group period has not begun. The feedback "
                    "report is written after it; record the final phase first."
                ),
                code="not_ended",
            )
        return
    if not events.filter(type="end").exists():
        raise FinaliseRefused(
            _(
                "Not finalised: the rehabilitation has not ended. Record its end (completed "
                "or interrupted) first; the feedback report is written after it."
            ),
            code="not_ended",
        )


def finalise(
    actor: User | None,
    document: Document,
    expected_version: int,
    on: dt.date | None = None,
) -> Document:
    """Render the PDF, make the draft final and record the case event — all or nothing.

    Refused with a field-named ``FinaliseRefused`` when required data is missing or the PDF
    cannot be made, with ``StaleVersion`` when the case changed since the page was read."""
    on = on or timezone.localdate()
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
        _check(actor, document.case)
        if document.is_final:
            raise FinaliseRefused(_("This document is already final."), code="final")
        on_request = (document.content or {}).get("on_request") == "yes"
        if (
            document.kind == Kind.CERTIFICATE
            and not document.case.applies_allowance
            and not on_request
        ):
            raise FinaliseRefused(
                {
                    "kind": _(
                        "The client does not apply for the rehabilitation allowance: "
                        "no participation certificate is made."
                    )
                }
            )
        _require_ended(document, on)
        errors: dict[str, Any] = {}
        for check in (_require_author, require_sections):
            try:
                check(document)
            except FinaliseRefused as exc:
                errors.update(exc.error_dict)
        if errors:
            raise FinaliseRefused(errors)
        if document.kind == Kind.FEEDBACK:
            require_consents(document, on)
        try:
            context = build_context(document, on, final=True)
        except DocumentRefused as exc:
            field, message = refusal_message(exc)
            raise FinaliseRefused({field: message} if field else message, code="missing") from None
        # What other apps print on the final document (the feedback report's survey link and
        # QR code, luotsi.quality), made in this transaction: casedocs.signals.
        for _receiver, extra in final_report_context.send(Document, document=document, on=on):
            context.update(extra or {})
        try:
            pdf = render_pdf(context)
            html = render_html(context)
            body = render_body(context)
            text = render_text(context) if document.kind in NOTICE_KINDS else ""
        except Exception as exc:
            logger.exception("rendering document %s failed", document.pk)
            raise FinaliseRefused(
                _(
                    "The PDF could not be made (%(error)s). The draft was kept as it was; "
                    "nothing was finalised."
                )
                % {"error": f"{type(exc).__name__}: {exc}"[:200]},
                code="render",
            ) from exc
        event = _event(document, context, on)
        if event is not None:
            case_service.add_event(actor, document.case, event, expected_version)
        else:  # a notice: the topic its sending records (mark_sent)
            _check_version(document.case, expected_version)
            document.content = {**(document.content or {}), "kela_topic": notice_topic(context)}
        document.status = Status.FINAL
        document.pdf = pdf
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.html = html
        document.body = body
        document.text = text
        document.finalised_by = actor
        document.finalised_at = timezone.now()
        document.save()
    return document


@transaction.atomic
def mark_sent(
    actor: User, document: Document, recipient: str = KELA, on: dt.date | None = None
) -> DocumentSending:
    """Record that the final ``document`` was sent to Kela (the Act on Kela rehabilitation
    is the legal basis) or given to the client (their own data): a disclosure-log row naming
    it, and a ``DocumentSending`` linking the two. The first sending of a notice records the
    case's ``kela_notice`` event on ``on`` (today): the engine then sees Kela was told, and
    the KELA.NOTIFY / QUEUE.NOTIFY / PROCESS.STEP_SKIPPED / CLIENT.CANNOT_COMMIT finding it
    answered clears."""
    _check(actor, document.case)
    if not document.is_final:
        raise ValidationError(_("Only a finalised document can be sent."), code="draft")
    if document.superseded_by is not None:
        raise ValidationError(
            _("This version was replaced by a newer one: send the newer version."),
            code="superseded",
        )
    client = document.case.client
    if recipient.startswith(CONSENT_PREFIX):
        return send_with_consent(actor, document, recipient.removeprefix(CONSENT_PREFIX))
    if recipient not in (KELA, CLIENT):
        raise ValidationError({"recipient": _("The recipient is Kela or the client.")})
    if recipient not in recipients(document):
        raise ValidationError({"recipient": _("A notice to Kela is sent to Kela only.")})
    # Kela by law; the client's own document needs no consent (consents.service.disclose
    # picks the legal basis); the log says who gave what and when either way.
    disclosure = consent_service.disclose(
        actor,
        client,
        recipient_kind=RecipientKind.KELA if recipient == KELA else RecipientKind.CLIENT,
        recipient_name="Kela" if recipient == KELA else client.full_name[:200],
        document=document.label(),
        contains_health_data=True,
    )
    if document.kind in NOTICE_KINDS and not document.sendings.exists():
        case = Case.objects.get(pk=document.case_id)
        topic = (document.content or {}).get("kela_topic") or document.label()
        event = {
            "type": "kela_notice",
            "date": (on or timezone.localdate()).isoformat(),
            "topic": topic,
        }
        case_service.add_event(actor, case, event, case.version)
    return DocumentSending.objects.create(document=document, disclosure=disclosure)
