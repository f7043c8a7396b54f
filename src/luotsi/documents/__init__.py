"""Documents Kela requires, made from a case file: participation certificate, feedback report
(KU148) and notices to Kela.

Django-free: the builders turn a :class:`luotsi.rules.Case` into a plain context, the Jinja2
templates (autoescape on) turn that into HTML, and WeasyPrint turns the HTML into a PDF/UA-1
file. The web case workspace (``luotsi.casedocs``) uses the same functions for its on-screen
preview and its finalised PDFs.
"""

from luotsi.documents.build import (
    FOLLOWUP_TEXTS,
    DocumentRefused,
    followup_context,
)
from luotsi.documents.certificate import certificate_context
from luotsi.documents.feedback import (
    FEEDBACK_TEXTS,
    GasGoal,
    Recipient,
    feedback_context,
    missing_sections,
)
from luotsi.documents.notices import (
    CASE_KINDS,
    addressee,
    describe,
    group_notice_contexts,
    notice_context,
)
from luotsi.documents.render import render_body, render_html, render_pdf, render_text

__all__ = [
    "CASE_KINDS",
    "FEEDBACK_TEXTS",
    "FOLLOWUP_TEXTS",
    "DocumentRefused",
    "GasGoal",
    "Recipient",
    "addressee",
    "certificate_context",
    "describe",
    "feedback_context",
    "followup_context",
    "group_notice_contexts",
    "missing_sections",
    "notice_context",
    "render_body",
    "render_html",
    "render_pdf",
    "render_text",
]
