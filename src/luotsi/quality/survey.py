"""The clients' anonymous feedback survey (AUDIT.COMMON: missing client-feedback collection
is an audit finding, 001).

At the end of a case the final feedback report carries a link and a QR code with a random
token (``issue``). The public page takes one answer per token, without a login and
rate-limited per address. Answering stores the service, the quarter and the ratings only,
and unlinks the token from the case in the same transaction: nothing leads from an answer
to a client. The figures show a quarter and service only when it has at least
``MIN_GROUP`` answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone

from luotsi.cases.models import Case
from luotsi.organisations.models import Organisation

from .models import SurveyAnswer, SurveyToken

QUESTIONS = ("support", "goals", "respect", "recommend")
MIN_GROUP = 5  # smaller groups are not shown: a few answers could point to a person


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def quarter_of(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_label(quarter: dt.date) -> str:
    return f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"


def public_url(token: str) -> str:
    base = settings.LUOTSI_PUBLIC_URL.rstrip("/")
    return base + reverse("public_survey", kwargs={"token": token})


def issue(case: Case, on: dt.date) -> str:
    """A new token for ``case`` (an earlier unused one is withdrawn): the plain token is
    returned once, to be printed; only its hash is stored."""
    token = secrets.token_urlsafe(16)
    SurveyToken.objects.filter(case=case, used=False).delete()
    SurveyToken.objects.create(
        organisation_id=case.organisation_id,
        service=case.service,
        token_hash=token_hash(token),
        case=case,
        issued_on=on,
    )
    return token


def invitation(case: Case, on: dt.date) -> dict[str, Any]:
    """What the final feedback report prints: the link and its QR code (inline SVG)."""
    import segno

    url = public_url(issue(case, on))
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=3, dark="#000")
    return {"url": url, "qr_svg": svg}


def open_token(token: str) -> SurveyToken | None:
    """The unused invitation of ``token``, or None (unknown or already answered)."""
    if not token or len(token) > 64:
        return None
    return SurveyToken.objects.filter(token_hash=token_hash(token), used=False).first()


def answer(token: str, ratings: dict[str, int], on: dt.date | None = None) -> bool:
    """Store one answer for ``token``; False when the token is unknown or already used."""
    on = on or timezone.localdate()
    if any(not isinstance(ratings.get(q), int) or not 1 <= ratings[q] <= 5 for q in QUESTIONS):
        raise ValueError("every question needs a rating from 1 to 5")
    with transaction.atomic():
        invitation_row = (
            SurveyToken.objects.select_for_update()
            .filter(token_hash=token_hash(token), used=False)
            .first()
        )
        if invitation_row is None:
            return False
        SurveyAnswer.objects.create(
            organisation_id=invitation_row.organisation_id,
            service=invitation_row.service,
            quarter=quarter_of(on),
            **{q: ratings[q] for q in QUESTIONS},
        )
        invitation_row.used = True
        invitation_row.case = None
        invitation_row.save(update_fields=["used", "case"])
    return True


def survey_rows(
    organisation: Organisation, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """Answers per quarter and service: the count and each question's average, or
    ``suppressed`` for a group of fewer than ``MIN_GROUP`` answers. One query."""
    answers = SurveyAnswer.objects.filter(organisation=organisation)
    if start:
        answers = answers.filter(quarter__gte=quarter_of(start))
    if end:
        answers = answers.filter(quarter__lte=quarter_of(end))
    rows = (
        answers.values("quarter", "service")
        .annotate(n=Count("id"), **{q: Avg(q) for q in QUESTIONS})
        .order_by("quarter", "service")
    )
    out: list[dict[str, Any]] = []
    for row in rows:
        shown = row["n"] >= MIN_GROUP
        out.append(
            {
                "quarter": quarter_label(row["quarter"]),
                "service": row["service"],
                "answers": row["n"] if shown else None,
                "suppressed": not shown,
                "averages": [
                    (f"{row[q]:.1f}".replace(".", ",") if shown else None) for q in QUESTIONS
                ],
            }
        )
    return out


def invitations_answered(organisation: Organisation) -> dict[str, int]:
    """How many invitations were issued and answered (for the response rate)."""
    counts: dict[str, int] = defaultdict(int)
    for used, n in (
        SurveyToken.objects.filter(organisation=organisation)
        .values_list("used")
        .annotate(n=Count("id"))
    ):
        counts["answered" if used else "open"] += n
    return dict(counts)
