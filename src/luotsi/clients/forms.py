from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.forms import CharField
from luotsi.organisations.models import Team

from .models import ADDRESS_MAX, Language
from .validators import validate_identity_code


class ClientForm(forms.Form):
    """Collects a client's data; ``luotsi.clients.service`` validates and saves it."""

    first_name = CharField(label=_("First name"), max_length=100)
    last_name = CharField(label=_("Last name"), max_length=100)
    identity_code = CharField(
        label=_("Identity code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    phone = CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = CharField(
        label=_("Address"),
        required=False,
        max_length=ADDRESS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible_coach = forms.ModelChoiceField(
        label=_("Responsible coach"), queryset=User.objects.none(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)

    def clean_identity_code(self) -> str:
        return validate_identity_code(self.cleaned_data["identity_code"])

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = user.organisation_id
        self.fields["responsible_coach"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                organisation_id=organisation_id,
                is_active=True,
                role_assignments__role__in=[Role.COACH, Role.TEAM_LEAD],
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )


class SearchForm(forms.Form):
    q = CharField(
        label=_("Name, case number or identity code"),
        required=False,
        max_length=100,
        help_text=_(
            "A name or part of it, a case number or part of it, the whole identity code, or "
            "its date part (e.g. 020490 or 020490-): the individual part is never searched "
            "piecemeal."
        ),
    )


class AuditLookupForm(forms.Form):
    identity_code = CharField(label=_("Identity code"), max_length=20)
