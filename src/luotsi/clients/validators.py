"""Identity code validation with messages that say what is wrong."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import hetu

from luotsi.rules.calendar import in_date_range


def validate_identity_code(value: str) -> str:
    """A Finnish identity code (henkilötunnus); returns it normalised (upper case, no spaces).

    Temporary codes (individual number 900–999) are accepted: Luotsi's demo and test data
    use them, and so do clients who have not yet received a permanent code.
    """
    try:
        code = hetu.validate(value, allow_temporary=True)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The check character of the identity code is wrong."), code="checksum"
        ) from exc
    except stdnum_exceptions.InvalidComponent as exc:
        raise ValidationError(
            _("The identity code has an impossible date of birth or individual number."),
            code="component",
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            _("This is not an identity code; the form is DDMMYYCZZZQ, e.g. 010190-123A."),
            code="format",
        ) from exc
    born = birth_date_from_identity_code(code)
    # stdnum allows a date after today; and a client born before 1900 (the "+" century) has
    # a date of birth outside Luotsi's date range (``luotsi.rules.calendar.DATE_MIN``).
    if born > timezone.localdate() or not in_date_range(born):
        raise ValidationError(
            _("The identity code has an impossible date of birth or individual number."),
            code="component",
        )
    return code


CENTURIES = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}


def birth_date_from_identity_code(value: str) -> dt.date:
    """The date of birth a (valid) identity code encodes."""
    code = hetu.compact(value)
    return dt.date(CENTURIES[code[6]] + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def birth_date_part(value: str) -> list[dt.date] | None:
    """The dates of birth that the date part of an identity code names — "020490-" (with the
    century sign: one date) or "020490" (without: 1900s and 2000s) — or None when ``value``
    is not such a part.

    This is the only partial identity-code search: the date part is the date of birth,
    which Luotsi stores as a date and shows in every list anyway (``020490-****``). The
    individual number and check character are never searched piecemeal: they are stored
    only encrypted and as a keyed hash of the whole code, and a hash of a 3–4 character
    fragment could be reversed by trying its few thousand values (docs/security.md)."""
    text = value.strip().upper()
    if len(text) not in (6, 7) or not text[:6].isdigit():
        return None
    day, month, year = int(text[0:2]), int(text[2:4]), int(text[4:6])
    if len(text) == 7:
        if text[6] not in CENTURIES:
            return None
        centuries = [CENTURIES[text[6]]]
    else:
        centuries = [1900, 2000]
    dates = []
    for century in centuries:
        try:
            born = dt.date(century + year, month, day)
        except ValueError:
            continue
        if born <= timezone.localdate():
            dates.append(born)
    return dates or None
