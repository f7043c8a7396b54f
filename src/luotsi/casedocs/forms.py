"""The forms of the documents pages: a new document, and the parts of a draft the coach edits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.documents import FEEDBACK_TEXTS, FOLLOWUP_TEXTS
from luotsi.forms import CharField, DateField, date_widget

from .models import Document, Kind, Language

DATE = date_widget()
# The longest texts a draft holds: a feedback report's section, and a notice's or a new
# version's explanation (docs/security.md lists every free-text field's maximum).
TEXT_MAX = 5000
NOTE_MAX = 2000

TEXT_LABELS = {
    "goals": _("Goals and their attainment"),
    "plan": _("Vocational plan"),
    "network_work": _("Network work"),
    "recommendations": _("Recommendations for what comes next"),
    "situation": _("The client's situation at the follow-up visits"),
    "plan_progress": _("Progress of the vocational plan"),
    "further_support": _("Need for further support"),
}


# Shown instead of "(optional)" by clients/_field.html: a draft may be saved without the
# field, but it cannot be finalised (or, for the period, a certificate made) without it.
REQUIRED_TO_FINALISE = _("required to finalise")
REQUIRED_FOR_CERTIFICATE = _("required for a participation certificate")


def _noted(field: forms.Field, note: Any) -> forms.Field:
    field.required_note = note  # type: ignore[attr-defined]
    return field


class CreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"))
    language = forms.ChoiceField(label=_("Language of the document"), choices=Language.choices)
    period_from = _noted(
        DateField(
            label=_("Period from"),
            required=False,
            widget=DATE,
            help_text=_("Participation certificate only."),
        ),
        REQUIRED_FOR_CERTIFICATE,
    )
    period_to = _noted(
        DateField(
            label=_("Period to"),
            required=False,
            widget=DATE,
            help_text=_("Participation certificate only."),
        ),
        REQUIRED_FOR_CERTIFICATE,
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Kind(k).label) for k in kinds]


class DraftForm(forms.Form):
    """The editable parts of one draft; the fields depend on the document's kind."""

    language = forms.ChoiceField(label=_("Language of the document"), choices=Language.choices)

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_for(document))
        super().__init__(*args, **kwargs)
        kind = document.kind
        if kind in (Kind.CERTIFICATE, Kind.CHANGE_NOTICE, Kind.QUEUE_NOTICE):
            self.fields["author_name"] = CharField(
                label=_("Author's name"), max_length=200, required=False
            )
            self.fields["author_phone"] = CharField(
                label=_("Author's phone"), max_length=30, required=False
            )
            if kind == Kind.CERTIFICATE:  # service._require_author
                _noted(self.fields["author_name"], REQUIRED_TO_FINALISE)
                _noted(self.fields["author_phone"], REQUIRED_TO_FINALISE)
        if kind == Kind.CERTIFICATE and document.replaces_id:
            self.fields["what_changed"] = CharField(
                label=_("What changed"),
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Printed on the new version of the certificate."),
            )
        texts = {Kind.FEEDBACK: FEEDBACK_TEXTS, Kind.TAITO_FOLLOWUP: FOLLOWUP_TEXTS}.get(kind)
        for key in texts or ():
            self.fields[key] = CharField(
                label=TEXT_LABELS[key],
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        if kind == Kind.CHANGE_NOTICE:
            # The notice states both (documents.notice_context); a draft is saved without.
            self.fields["what"] = _noted(
                CharField(
                    label=_("What changed"),
                    required=False,
                    max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                ),
                REQUIRED_TO_FINALISE,
            )
            self.fields["when"] = _noted(
                DateField(label=_("When it changed"), required=False, widget=DATE),
                REQUIRED_TO_FINALISE,
            )
            self.fields["new_certificate"] = forms.ChoiceField(
                label=_("A new certificate was made"),
                required=False,
                choices=[
                    ("", _("Work it out from the case")),
                    ("yes", _("Yes")),
                    ("no", _("No")),
                ],
            )
        if kind == Kind.QUEUE_NOTICE:
            self.fields["reason"] = _noted(
                CharField(
                    label=_("Reason"),
                    required=False,
                    max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Why the rehabilitation cannot start within the deadline."),
                ),
                REQUIRED_TO_FINALISE,
            )
            self.fields["expected_start"] = DateField(
                label=_("Expected start"), required=False, widget=DATE
            )

    @staticmethod
    def initial_for(document: Document) -> dict[str, Any]:
        return {
            "language": document.language,
            "author_name": document.author_name,
            "author_phone": document.author_phone,
            "what_changed": document.what_changed,
            **(document.content or {}),
        }

    def changes(self) -> dict[str, Any]:
        """The cleaned values as ``service.update_draft`` takes them (dates as ISO text)."""
        data = dict(self.cleaned_data)
        for key in ("when", "expected_start"):
            if key in data:
                data[key] = data[key].isoformat() if data[key] else ""
        return data
