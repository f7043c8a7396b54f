"""Reading a case's documents: which kinds a case may have, the certificate's likely
period, the template context of a document, what is due or stale. Nothing here writes
(the writes are ``luotsi.casedocs.service``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from luotsi.cases import service as case_service
from luotsi.cases.models import Case
from luotsi.documents import (
    FEEDBACK_TEXTS,
    FOLLOWUP_TEXTS,
    DocumentRefused,
    certificate_context,
    feedback_context,
    followup_context,
    notice_context,
)
from luotsi.rules import CaseFileError

from .goals import feedback_goals
from .models import Document, Kind, Status
from .report import listed_consents, recipient_of

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


def stale_findings(document: Document) -> list[Any]:
    """The case's CERT.STALE findings that fall inside a certificate's period."""
    if document.kind != Kind.CERTIFICATE or not (document.period_from and document.period_to):
        return []
    return [
        f
        for f in document.case.findings.filter(rule=STALE_RULE).order_by("date", "pk")
        if f.date is None or document.period_from <= f.date <= document.period_to
    ]


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
