"""The forms of the consent and disclosure pages; ``luotsi.consents.service`` validates
and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.access.models import RecipientKind
from luotsi.forms import CharField, DateField

from .models import SCOPE_MAX, Consent, ConsentRecipient


class ConsentForm(forms.Form):
    recipient_kind = forms.ChoiceField(
        label=_("Recipient"),
        # A partner authority's consent is recorded in the employment area's workspace.
        choices=[c for c in ConsentRecipient.choices if c[0] != ConsentRecipient.PARTNER_AUTHORITY],
    )
    recipient_name = CharField(label=_("Recipient name"), max_length=200)
    scope = CharField(
        label=_("Scope"),
        max_length=SCOPE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which data, for what purpose, as the client signed it."),
    )
    covers_health_data = forms.BooleanField(label=_("Covers health data"), required=False)
    given_on = DateField(label=_("Given on"))
    written = forms.BooleanField(
        label=_("The client gave this consent in writing"), required=False, initial=True
    )


class DisclosureForm(forms.Form):
    recipient_kind = forms.ChoiceField(label=_("Recipient"), choices=RecipientKind.choices)
    recipient_name = CharField(
        label=_("Recipient name"),
        max_length=200,
        required=False,
        help_text=_("For Kela, leave empty. With a consent, the consent's recipient is used."),
    )
    document = CharField(label=_("Document"), max_length=200)
    contains_health_data = forms.BooleanField(
        label=_("The document contains health data"), required=False
    )
    consent = forms.ModelChoiceField(
        label=_("Consent"), queryset=Consent.objects.none(), required=False
    )

    def __init__(self, *args: Any, client: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = client.consents.all()  # type: ignore[attr-defined]
