"""What a document builder's refusal means on the web page: the field of the form it
points at and one sentence in the user's language. The builders (``luotsi.documents``)
point at a case-file path or, for what only the document states, at the command line's
option (``--what``); those names end here and stay out of the service and the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.documents import DocumentRefused

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
