"""Validators for Finnish identifiers, with messages that say what is wrong."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import ytunnus


def validate_business_id(value: str) -> None:
    """A Finnish business ID (Y-tunnus), e.g. 1234567-1, with a valid check digit."""
    try:
        ytunnus.validate(value)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="checksum",
            params={"value": value},
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            _("%(value)s is not a business ID; the form is 1234567-8."),
            code="format",
            params={"value": value},
        ) from exc
