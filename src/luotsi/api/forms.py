from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope
from .tokens import DEFAULT_DAYS, max_days


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Where the token is used, e.g. “payroll export”."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.READ)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"] = forms.IntegerField(
            label=_("Valid for (days)"),
            min_value=1,
            max_value=max_days(),
            initial=DEFAULT_DAYS,
            help_text=_("At most %(days)d days.") % {"days": max_days()},
        )
