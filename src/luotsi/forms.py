"""Form fields every app shares, so that one rule holds on every form.

``add_service_errors`` is the one way a view shows a service's ``ValidationError`` on a
form: each error at the field its key names (mapped by ``field_for``), the rest above it.

``DateField`` refuses a date outside Luotsi's one date range
(``luotsi.rules.calendar.DATE_MIN`` … ``DATE_MAX``) at its field, so no date arithmetic
behind a form ever meets year 1 or year 9999.

``CharField`` is free text with a maximum length (required: every free-text field has
one, listed in ``docs/security.md``) that refuses invisible control characters
(``luotsi.rules.text``: right-to-left overrides, zero-width characters, ...) at its field.
Models use ``validate_visible_text`` for the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luotsi.rules.calendar import DATE_MAX, DATE_MIN, finnish_date, in_date_range
from luotsi.rules.text import invisible_character


def date_widget(**attrs: Any) -> forms.DateInput:
    """A browser date picker limited to the date range."""
    return forms.DateInput(
        attrs={"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat(), **attrs},
        format="%Y-%m-%d",
    )


def validate_date_range(value: Any) -> None:
    if value is not None and not in_date_range(value):
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="date_range",
            params={"first": finnish_date(DATE_MIN), "last": finnish_date(DATE_MAX)},
        )


class DateField(forms.DateField):
    """A date within Luotsi's date range, with the date picker as its default widget."""

    default_validators = [validate_date_range]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", date_widget())
        super().__init__(**kwargs)


def add_service_errors(
    form: forms.Form,
    error: ValidationError,
    field_for: Callable[[str], str | None] | Mapping[str, str] | None = None,
) -> None:
    """Show a service's errors at the form's fields: an error keyed by a field of the form
    (or by a key ``field_for`` maps to one: a JSON pointer) goes there, the rest above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        if field_for is None:
            name: str | None = key
        elif callable(field_for):
            name = field_for(key)
        else:
            name = field_for.get(key)
        form.add_error(name if name in form.fields else None, errors)


def validate_visible_text(value: Any) -> None:
    """Refuse invisible control characters (bidirectional overrides, zero-width, ...)."""
    if isinstance(value, str):
        found = invisible_character(value)
        if found is not None:
            raise ValidationError(
                _("Remove the invisible control character %(character)s from the text."),
                code="invisible",
                params={"character": found},
            )


class CharField(forms.CharField):
    """Free text: a maximum length is required; invisible control characters are refused."""

    default_validators = [validate_visible_text]

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
