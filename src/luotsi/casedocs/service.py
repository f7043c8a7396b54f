"""Making, editing, finalising and sending a case's documents.

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
from django.utils.translation import gettext_lazy

from luotsi.access import policy
from luotsi.access.models import Action, RecipientKind
from luotsi.accounts.models import User
from luotsi.cases import service as case_service
from luotsi.cases.models import Case
from luotsi.consents import service as consent_service
from luotsi.documents import (
    FEEDBACK_TEXTS,
    FOLLOWUP_TEXTS,
    DocumentRefused,
    certificate_context,
    feedback_context,
    followup_context,
    notice_context,
    render_body,
    render_html,
    render_pdf,
    render_text,
)
from luotsi.rules import CaseFileError

from .goals import feedback_goals
from .models import Document, DocumentSending, Kind, Status
from .report import (
    FinaliseRefused,
    consent_ids,
    listed_consents,
    recipient_of,
    require_consents,
    require_sections,
    send_with_consent,
)
from .signals import final_report_context

logger = logging.getLogger(__name__)

# The parts of each kind the coach edits (keys of ``Document.content``).
CONTENT_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.CERTIFICATE: (),
    Kind.FEEDBACK: (*FEEDBACK_TEXTS, "consents", "attachments"),
    Kind.TAITO_FOLLOWUP: FOLLOWUP_TEXTS,
    Kind.CHANGE_NOTICE: ("what", "when", "new_certificate"),
    Kind.QUEUE_NOTICE: ("reason", "expected_start"),
    Kind.SKIPPED_STEP_NOTICE: ("step", "when", "reason"),
    Kind.DEVIATION_NOTICE: ("what", "when"),
}

# The services whose feedback report lists its attachments (FEEDBACK.ATTACHMENTS), and the
# attachments the case file knows (``feedback.attachments``).
ATTACHMENT_SERVICES = frozenset({"TEAK-TK", "TEAK-TV", "TEAK-YHD"})
ATTACHMENTS = ("GAS", "KU5")


def recorded_attachments(document: Document) -> list[str] | None:
    """The attachments the coach recorded on the feedback report's draft (a list, maybe
    empty: none were sent), or None when they were never recorded."""
    value = (document.content or {}).get("attachments")
    if not isinstance(value, list):
        return None
    return [a for a in ATTACHMENTS if a in value]


def report_attachments(document: Document) -> list[str] | None:
    """The attachments a TEAK feedback report lists (and its ``feedback`` event records):
    those recorded, or both when the coach has not changed them. None for other services
    (the report lists the GAS form when there are goals; the case file records nothing)."""
    if document.case.service not in ATTACHMENT_SERVICES:
        return None
    recorded = recorded_attachments(document)
    return list(ATTACHMENTS) if recorded is None else recorded


# What a builder's refusal pointer means on the web page.
FIELD_LABELS = {
    "/client/name": gettext_lazy("the client's name"),
    "/client/identity_code": gettext_lazy("the client's identity code"),
    "/client/applies_allowance": gettext_lazy("the client applies for the allowance"),
    "/contract/provider": gettext_lazy("the organisation's name"),
    "/contract/business_id": gettext_lazy("the organisation's business ID"),
    "/service": gettext_lazy("the service"),
    "--what": gettext_lazy("What changed"),
    "--when": gettext_lazy("When it changed"),
    "--reason": gettext_lazy("Reason"),
    "--step": gettext_lazy("The step that did not happen"),
    "--to": gettext_lazy("Period to"),
}
# Refusal pointers that are a field of the document form.
FORM_FIELDS = {
    "--what": "what",
    "--when": "when",
    "--reason": "reason",
    "--step": "step",
    "--to": "period_to",
}

STALE_RULE = "CERT.STALE"

# Notices go to Kela only and also come as plain text for Kela's secure e-mail.
NOTICE_KINDS = (
    Kind.CHANGE_NOTICE,
    Kind.QUEUE_NOTICE,
    Kind.SKIPPED_STEP_NOTICE,
    Kind.DEVIATION_NOTICE,
)
# The ``luotsi.documents`` notice kind of each notice document.
NOTICE_DOCUMENT_KINDS = {
    Kind.CHANGE_NOTICE: "change",
    Kind.QUEUE_NOTICE: "queue",
    Kind.SKIPPED_STEP_NOTICE: "skipped_step",
    Kind.DEVIATION_NOTICE: "deviation",
}
# To whom a final document of each kind is sent or given.
KELA = "kela"
CLIENT = "client"
# A further recipient of a feedback report: ``consent:<id>`` names the consent it rests on.
CONSENT_PREFIX = "consent:"


def recipients(document: Document) -> tuple[str, ...]:
    """Kela gets every document; the client also gets the certificate and the reports."""
    return (KELA,) if document.kind in NOTICE_KINDS else (KELA, CLIENT)


def _check(actor: User | None, case: Case, action: str = Action.DOCUMENT) -> None:
    if actor is not None and not policy.can(actor, action, case.client):
        raise PermissionDenied(_("You may not make documents for this client."))


def _actor_name(actor: User | None) -> str:
    if actor is None:
        return ""
    return str(actor)


def available_kinds(case: Case) -> list[str]:
    """The kinds a new document of ``case`` may be: the follow-up report only in Taito. (A
    client who does not apply for the allowance gets a certificate only on request:
    ``create_draft(..., on_request=True)``.)"""
    kinds = []
    for kind in Kind:
        if kind == Kind.TAITO_FOLLOWUP and case.service != "TAITO":
            continue
        kinds.append(kind.value)
    return kinds


def certificate_period(case: Case) -> tuple[dt.date | None, dt.date | None]:
    """The period a new participation certificate most likely covers: from the day after
    the last certificate (recorded on the case) to the last recorded rehabilitation day or
    meeting; without an earlier certificate, from the first recorded one."""
    recorded = case.events.filter(type__in=("rehab_day", "meeting")).exclude(date=None)
    last = recorded.order_by("-date").values_list("date", flat=True).first()
    ends = [e.to_date or e.date for e in case.events.filter(type="certificate").exclude(date=None)]
    if ends:
        start = max(ends) + dt.timedelta(days=1)
    else:
        start = recorded.order_by("date").values_list("date", flat=True).first()
    if start is not None and last is not None and last < start:
        last = None  # nothing recorded since the last certificate
    return start, last


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


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
        author_name=_actor_name(actor),
        author_phone=getattr(actor, "phone", "") or "",
        created_by=actor,
    )


def stale_findings(document: Document) -> list[Any]:
    """The case's CERT.STALE findings that fall inside a certificate's period."""
    if document.kind != Kind.CERTIFICATE or not (document.period_from and document.period_to):
        return []
    return [
        f
        for f in document.case.findings.filter(rule=STALE_RULE).order_by("date", "pk")
        if f.date is None or document.period_from <= f.date <= document.period_to
    ]


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
        author_name=_actor_name(actor) or document.author_name,
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


# --- the document itself ----------------------------------------------------------------


def build_context(
    document: Document, on: dt.date | None = None, final: bool = False
) -> dict[str, Any]:
    """The template context of ``document`` from the case as it is now.

    Raises ``DocumentRefused`` when the case lacks a field the document must state."""
    on = on or timezone.localdate()
    try:
        case = case_service.contract_case(document.case)
    except CaseFileError as exc:  # e.g. the organisation's business ID is empty
        raise DocumentRefused(exc.pointer or "/", exc.problem) from None
    lang = document.language
    content = document.content or {}
    kind = document.kind
    if kind == Kind.CERTIFICATE:
        assert document.period_from is not None and document.period_to is not None
        replaced = document.replaces
        return certificate_context(
            case,
            document.period_from,
            document.period_to,
            lang,
            on_request=content.get("on_request") == "yes",
            author=document.author_name or None,
            phone=document.author_phone or None,
            issued=on,
            what_changed=document.what_changed if replaced else None,
            version=document.version if replaced else None,
            replaces=replaced.finalised_at.date() if replaced and replaced.finalised_at else None,
        )
    if kind == Kind.FEEDBACK:
        texts = {k: content.get(k, "") for k in FEEDBACK_TEXTS}
        return feedback_context(
            case,
            lang,
            texts=texts,
            draft=not final,
            goals=feedback_goals(document.case),
            recipients=[recipient_of(c) for c in listed_consents(document)],
            author=document.author_name,
            issued=on,
            attachments=report_attachments(document),
        )
    if kind == Kind.TAITO_FOLLOWUP:
        texts = {k: content.get(k, "") for k in FOLLOWUP_TEXTS}
        return followup_context(
            case, lang, texts=texts, draft=not final, author=document.author_name, issued=on
        )
    new_certificate = {"yes": True, "no": False}.get(content.get("new_certificate") or "")
    return notice_context(
        case,
        NOTICE_DOCUMENT_KINDS[kind],
        lang,
        what=content.get("what") or None,
        when=_date(content.get("when")),
        new_certificate=new_certificate,
        reason=content.get("reason") or None,
        expected_start=_date(content.get("expected_start")),
        sender=document.author_name or None,
        phone=document.author_phone or None,
        issued=on,
        step=content.get("step") or None,
    )


def refusal_message(exc: DocumentRefused) -> tuple[str | None, str]:
    """(form field or None, message) for a builder's refusal: one sentence in the user's
    language naming the field. The builder's own ``problem`` and ``pointer`` are the command
    line's English (they may name a CLI option such as ``--what``) and stay out of it."""
    key = next((k for k in FIELD_LABELS if exc.pointer.startswith(k)), None)
    field = FORM_FIELDS.get(key or "")
    # The certificate's author: fields of the draft form.
    if exc.pointer.endswith("/author_phone") or exc.code == "no_author_phone":
        field = "author_phone"
        message = _(
            "Not finalised: the author's phone number is required on a participation certificate."
        )
    elif exc.pointer.endswith("/author_name") or exc.code == "no_author":
        field = "author_name"
        message = _("Not finalised: the author's name is required on a participation certificate.")
    elif key == "/client/applies_allowance":
        message = _(
            "The client does not apply for the rehabilitation allowance: "
            "no participation certificate is made."
        )
    elif key == "--to" and exc.code == "order":
        message = _("Not finalised: the end of the period is before its start.")
    elif key is not None:
        if exc.code == "missing":
            message = _("Not finalised: %(field)s is missing.")
        else:
            message = _("Not finalised: %(field)s is missing or not valid.")
        message %= {"field": FIELD_LABELS[key]}
    elif exc.code == "no_reason":
        message = _(
            "Not finalised: an absence, pause or flexibility in the period has no reason. "
            "Record the reason on the case."
        )
    elif exc.code == "no_followup_visit":
        message = _(
            "Not finalised: the case has no follow-up visit yet. The follow-up report is "
            "made after the last follow-up visit."
        )
    else:
        message = _(
            "Not finalised: the case lacks information the document needs (%(pointer)s)."
        ) % {"pointer": exc.pointer}
    return field, message


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


def feedback_due(case: Case, today: dt.date | None = None) -> dict[str, Any]:
    """The feedback report's deadline (FEEDBACK.DEADLINE): ``due`` — the end of the case
    + 14 days, None while it has not ended —, ``short`` when the case was interrupted (the
    short report), ``done`` — the first feedback report recorded on the case (an event of
    kind ``full`` or ``short``) or None —, and ``late`` when it came, or still has not come,
    after the due date."""
    today = today or timezone.localdate()
    end = case.events.filter(type="end").exclude(date=None).order_by("-date", "-pk").first()
    if end is None or end.date is None:
        return {"due": None, "short": False, "done": None, "late": False}
    due = end.date + dt.timedelta(days=14)
    reports = case.events.filter(type="feedback").exclude(date=None).order_by("date", "pk")
    done = next(
        (e.date for e in reports if (e.data or {}).get("kind") in ("full", "short", None)), None
    )
    return {
        "due": due,
        "short": (end.data or {}).get("reason") == "interrupted",
        "done": done,
        "late": (done or today) > due,
    }


def stale_certificates(case: Case) -> list[tuple[Document, list[Any], Document | None]]:
    """Final certificates that CERT.STALE says need a new version:
    (certificate, its findings, an existing draft of the new version or None)."""
    if not case.findings.filter(rule=STALE_RULE).exists():
        return []
    result = []
    finals = case.documents.filter(kind=Kind.CERTIFICATE, status=Status.FINAL).defer(
        "pdf", "html", "body", "text"
    )
    for document in finals.order_by("period_from", "version"):
        if document.superseded_by is not None:
            continue
        findings = stale_findings(document)
        if findings:
            draft = document.successors.filter(status=Status.DRAFT).first()
            result.append((document, findings, draft))
    return result
