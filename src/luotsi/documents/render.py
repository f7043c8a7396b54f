"""Jinja2 templates (autoescape on) to HTML, and HTML to PDF/UA-1 with WeasyPrint.

WeasyPrint never fetches anything: the CSS is embedded in the templates and the URL fetcher
refuses every URL, so links or images smuggled into free-text fields cannot reach out.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

# Under ``templates/documents/`` so that, once this package is also a Django app, its Jinja2
# templates never shadow the project's Django templates (``base.html``).
TEMPLATES = {
    "certificate": "documents/certificate.html",
    "feedback": "documents/feedback.html",
    "taito_followup": "documents/followup.html",
    "change": "documents/notice.html",
    "queue": "documents/notice.html",
    "invoice": "documents/invoice.html",
    "skipped_step": "documents/notice.html",
    "deviation": "documents/notice.html",
    "group": "documents/group_notice.html",
    "group_letter": "documents/group_letter.html",
    # the employment area's (luotsi.documents.employment)
    "activation_plan": "documents/activation_plan.html",
    "integration_plan": "documents/integration_plan.html",
    # The organisation's own documents (luotsi.quality): no client on them.
    "audit_response": "documents/audit_response.html",
    "self_monitoring": "documents/self_monitoring.html",
}
# The plain-text versions (Kela's secure e-mail; a letter's text).
TEXT_TEMPLATES = {
    "group": "documents/group_notice.txt",
    "group_letter": "documents/group_letter.txt",
}


class FetchRefused(ValueError):
    """WeasyPrint asked for a URL; documents never load anything."""


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"documents do not fetch URLs (asked for {url[:80]!r})")


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("luotsi.documents", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def text_environment() -> jinja2.Environment:
    """Plain text for Kela's secure e-mail: nothing is markup, so nothing is escaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("luotsi.documents", "templates"),
        autoescape=False,  # noqa: S701 - text/plain output, never HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(context: dict[str, Any]) -> str:
    """The document as one self-contained HTML page (preview and PDF alike)."""
    return environment().get_template(TEMPLATES[context["kind"]]).render(context)


def render_body(context: dict[str, Any]) -> str:
    """The same document to show inside a web page: the inside of ``<body>``, wrapped in an
    ``<article lang=…>`` instead of a ``<main>`` (the web page has its own)."""
    page = render_html({**context, "embedded": True})
    start = page.index(">", page.index("<body")) + 1
    return page[start : page.rindex("</body>")]


def render_text(context: dict[str, Any]) -> str:
    """A notice as plain text."""
    name = TEXT_TEMPLATES.get(context["kind"], "documents/notice.txt")
    return text_environment().get_template(name).render(context)


def render_pdf(context: dict[str, Any]) -> bytes:
    """The document as a PDF/UA-1 file with its language and title set."""
    import weasyprint

    html = weasyprint.HTML(string=render_html(context), url_fetcher=refuse_url, base_url=None)
    pdf = html.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    assert isinstance(pdf, bytes)
    return pdf
