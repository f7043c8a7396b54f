"""The forms of the documents pages: a new document, and the parts of a draft the coach edits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.documents import FEEDBACK_TEXTS, FOLLOWUP_TEXTS
from luotsi.documents.feedback import REQUIRED_SECTIONS, REQUIRED_SECTIONS_SHORT
from luotsi.forms import CharField, DateField, date_widget
from luotsi.rules.calendar import finnish_date

from .models import Document, GasLevel, Kind, Language
from .report import consent_choices, listed_consents
from .selectors import ATTACHMENT_SERVICES, report_attachments

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
    "interruption_reason": _("Reason for the interruption"),
}
TEXT_HELP = {
    "goals": _(
        "The assessment of how the goals were attained; the GAS goals are printed above it."
    ),
}


# The feedback report's attachments (``feedback.attachments`` of luotsi-case/1).
ATTACHMENT_CHOICES = [
    ("GAS", _("GAS form (goal attainment scaling)")),
    ("KU5", _("KU5")),
]


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
    on_request = forms.BooleanField(
        label=_("The client asked for a participation certificate"),
        required=False,
        help_text=_(
            "The client does not apply for the rehabilitation allowance, so no certificate is "
            "needed; made on request, it says so."
        ),
    )

    def __init__(self, *args: Any, kinds: list[str], allowance: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Kind(k).label) for k in kinds]
        if allowance:
            del self.fields["on_request"]


class DraftForm(forms.Form):
    """The editable parts of one draft; the fields depend on the document's kind."""

    language = forms.ChoiceField(label=_("Language of the document"), choices=Language.choices)

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_for(document))
        super().__init__(*args, **kwargs)
        kind = document.kind
        if kind in (Kind.FEEDBACK, Kind.TAITO_FOLLOWUP):
            self.fields["author_name"] = CharField(
                label=_("Author's name"),
                max_length=200,
                required=False,
                help_text=_("Printed with the date above the signature."),
            )
            if kind == Kind.FEEDBACK:  # service._require_author
                _noted(self.fields["author_name"], REQUIRED_TO_FINALISE)
        if kind in (
            Kind.CERTIFICATE,
            Kind.CHANGE_NOTICE,
            Kind.QUEUE_NOTICE,
            Kind.SKIPPED_STEP_NOTICE,
            Kind.DEVIATION_NOTICE,
        ):
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
        interrupted = kind == Kind.FEEDBACK and _interrupted(document)
        for key in texts or ():
            if key == "interruption_reason" and not interrupted:
                continue
            self.fields[key] = CharField(
                label=TEXT_LABELS[key],
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=TEXT_HELP.get(key, ""),
            )
            if kind == Kind.FEEDBACK and key in (
                REQUIRED_SECTIONS_SHORT if interrupted else REQUIRED_SECTIONS
            ):
                _noted(self.fields[key], REQUIRED_TO_FINALISE)
        if kind == Kind.FEEDBACK and document.case.service in ATTACHMENT_SERVICES:
            # FEEDBACK.ATTACHMENTS: which attachments went with the report (TEAK).
            self.fields["attachments"] = forms.MultipleChoiceField(
                label=_("Attachments sent with the report"),
                required=False,
                choices=ATTACHMENT_CHOICES,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "A TEAK feedback report carries the GAS form and KU5 "
                    "(FEEDBACK.ATTACHMENTS). Untick one that is not sent: the report lists "
                    "the attachments ticked, and finalising records them on the case."
                ),
            )
        if kind == Kind.FEEDBACK:
            offered = {c.pk: c for c in [*listed_consents(document), *consent_choices(document)]}
            self.fields["consents"] = forms.TypedMultipleChoiceField(
                label=_("Also send to (with the client's consent)"),
                required=False,
                coerce=int,
                choices=[(pk, _consent_label(c)) for pk, c in offered.items()],
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "The report goes to the client and Kela. The treating party or the network "
                    "get it only with the client's written consent covering health data; "
                    "only those are listed."
                ),
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
        if kind == Kind.SKIPPED_STEP_NOTICE:
            self.fields["step"] = _noted(
                forms.CharField(
                    label=_("The step that did not happen"), required=False, max_length=200
                ),
                REQUIRED_TO_FINALISE,
            )
            self.fields["when"] = _noted(
                forms.DateField(label=_("Date"), required=False, widget=DATE),
                REQUIRED_TO_FINALISE,
            )
            self.fields["reason"] = _noted(
                forms.CharField(
                    label=_("Reason (the client's situation)"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                ),
                REQUIRED_TO_FINALISE,
            )
        if kind == Kind.DEVIATION_NOTICE:
            self.fields["what"] = _noted(
                forms.CharField(
                    label=_("Deviation"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_(
                        "For example: the client did other work alongside the rehabilitation, "
                        "or started a paid work trial."
                    ),
                ),
                REQUIRED_TO_FINALISE,
            )
            self.fields["when"] = _noted(
                forms.DateField(label=_("Since"), required=False, widget=DATE),
                REQUIRED_TO_FINALISE,
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
            # as the report lists them (TEAK: both until the coach changes them)
            "attachments": report_attachments(document) or [],
        }

    def changes(self) -> dict[str, Any]:
        """The cleaned values as ``service.update_draft`` takes them (dates as ISO text)."""
        data = dict(self.cleaned_data)
        for key in ("when", "expected_start"):
            if key in data:
                data[key] = data[key].isoformat() if data[key] else ""
        return data


class GasGoalForm(forms.Form):
    """One GAS goal: the goal, its indicator, the five levels, the timetable, the level
    reached (left empty until the end of the rehabilitation)."""

    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    indicator = forms.CharField(
        label=_("Indicator"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How attaining the goal is measured."),
    )
    level_plus2 = forms.CharField(
        label=_("+2: much better than expected"), widget=forms.Textarea(attrs={"rows": 2})
    )
    level_plus1 = forms.CharField(
        label=_("+1: better than expected"), widget=forms.Textarea(attrs={"rows": 2})
    )
    level_0 = forms.CharField(
        label=_("0: the expected level"), widget=forms.Textarea(attrs={"rows": 2})
    )
    level_minus1 = forms.CharField(
        label=_("−1: worse than expected"), widget=forms.Textarea(attrs={"rows": 2})
    )
    level_minus2 = forms.CharField(
        label=_("−2: much worse than expected"), widget=forms.Textarea(attrs={"rows": 2})
    )
    timetable = forms.CharField(
        label=_("Timetable"),
        max_length=200,
        help_text=_("By when the goal should be reached, e.g. “by the end of the work trial”."),
    )
    reached = forms.TypedChoiceField(
        label=_("Level reached at the end"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Not assessed yet")), *GasLevel.choices],
    )


def _interrupted(document: Document) -> bool:
    """Whether the case's latest end is an interruption (the short report)."""
    end = document.case.events.filter(type="end").order_by("-date", "-pk").first()
    return end is not None and (end.data or {}).get("reason") == "interrupted"


def _consent_label(consent: Any) -> str:
    return _("%(recipient)s: %(name)s (consent given %(given)s)") % {
        "recipient": consent.get_recipient_kind_display(),
        "name": consent.recipient_name,
        "given": finnish_date(consent.given_on),
    }
