"""Preview, then confirm: the one way the workspace changes a case's events.

``propose`` says what a change would do (the engine's findings with and without it) and
whether it may be saved; ``confirm`` saves exactly the change proposed. The rule lives
here, not in a view, so every caller obeys it (the forms, a future API, imports):

* a **planned** change (one reaching past today) that would cause a **new violation** is
  saved only as a deviation Kela has agreed to: with an ``Agreement`` (date, reference),
  one ``kela_agreement`` event per violated rule is saved with it, and only when, with
  them, no new violation remains;
* what already happened is recorded as it was, its violation stays on the case.

A change to a day a final certificate covers is saved, and the proposal names the
certificates that need a new version (the engine's CERT.STALE; ``stale_documents``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.accounts.models import User

from . import service
from .checks import Change, first_day, span
from .models import Case
from .preview import Preview, preview


@dataclass(frozen=True)
class Agreement:
    """Kela agreed to the deviation: when, and its reference or reason."""

    date: dt.date
    reference: str

    def events(self, rules: list[str]) -> list[dict[str, Any]]:
        return [
            {
                "type": "kela_agreement",
                "date": self.date.isoformat(),
                "rule": rule,
                "reason": self.reference.strip(),
            }
            for rule in rules
        ]


@dataclass
class Proposal:
    change: Change  # with the agreements, when one is given and needed
    shown: Preview
    agreed: Preview | None
    blocked: bool
    digest: str
    removed: list[Any] = field(default_factory=list)  # CaseEvent rows the change removes
    stale_documents: list[Any] = field(default_factory=list)  # final certificates touched

    @property
    def needs_agreement(self) -> bool:
        return bool(self.shown.new_violations)


def _days(events: list[dict[str, Any]]) -> list[tuple[dt.date, dt.date]]:
    spans = []
    for event in events:
        if "from" in event and event["type"] != "certificate":
            start, end = span(event)
            spans.append((start, end))
        else:
            day = first_day(event)
            spans.append((day, day))
    return spans


def _certificates_touched(case: Case, events: list[dict[str, Any]]) -> list[Any]:
    """Final, not superseded certificates whose period a changed event falls in."""
    spans = _days(events)
    if not spans:
        return []
    # Through the reverse relation: casedocs sits above cases (docs/architecture.md).
    finals = case.documents.filter(
        kind="certificate", status="final", period_from__isnull=False
    ).order_by("period_from", "version")
    touched = []
    for document in finals:
        if document.superseded_by is not None:
            continue
        if any(start <= document.period_to and document.period_from <= end for start, end in spans):
            touched.append(document)
    return touched


def propose(case: Case, change: Change, agreement: Agreement | None = None) -> Proposal:
    """What ``change`` would do, and whether it may be saved. Raises the service's
    ``ValidationError`` (JSON pointers) when it would be refused at entry."""
    shown = preview(case, change)
    agreements = (
        agreement.events(shown.violated_rules) if agreement and shown.new_violations else []
    )
    final = change.with_added(agreements) if agreements else change
    agreed = preview(case, final, on=shown.on) if agreements else None
    blocked = (
        shown.planned
        and bool(shown.new_violations)
        and (agreed is None or bool(agreed.new_violations))
    )
    rows = {event.pk: event for event in case.events.all() if event.pk in change.touched()}
    removed = [rows[pk] for pk in change.remove if pk in rows]
    before = [rows[pk].data for pk in change.touched() if pk in rows]
    return Proposal(
        change=final,
        shown=shown,
        agreed=agreed,
        blocked=blocked,
        digest=final.digest(case.version),
        removed=removed,
        stale_documents=_certificates_touched(case, [*before, *change.proposed]),
    )


@transaction.atomic
def confirm(
    actor: User | None,
    case: Case,
    change: Change,
    expected_version: int,
    digest: str,
    agreement: Agreement | None = None,
) -> Case:
    """Save ``change`` exactly as proposed (``digest``), unless the case changed since
    (``StaleVersion``), the change differs from the preview, or it is a planned violation
    without Kela's agreement (``ValidationError``, nothing saved)."""
    if case.version != expected_version:
        raise service.stale_version(case, actor)
    proposal = propose(case, change, agreement)
    if proposal.digest != digest:
        raise ValidationError(
            _("The change is not the one previewed. Check the preview and confirm again."),
            code="not_previewed",
        )
    if proposal.blocked:
        raise ValidationError(
            _(
                "Not saved: the change would break a rule. It can be saved only as a "
                "deviation Kela has agreed to."
            ),
            code="blocked",
        )
    return service.apply_change(actor, case, proposal.change, expected_version)
