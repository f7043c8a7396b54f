"""Evaluate a jobseeker with the employment-area rules and store the findings."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from luotsi.rules.employment import evaluate_jobseeker

from .bridge import PREFETCH, jobseeker_file
from .models import Jobseeker, JobseekerFinding


def recompute(js: Jobseeker, on: dt.date | None = None) -> list[JobseekerFinding]:
    """Evaluate ``js`` on ``on`` (today) and replace its stored findings and counters."""
    on = on or timezone.localdate()
    js = (
        Jobseeker.objects.select_related("client", "unit").prefetch_related(*PREFETCH).get(pk=js.pk)
    )
    result = evaluate_jobseeker(jobseeker_file(js), on)
    rows = [
        JobseekerFinding(
            jobseeker=js,
            organisation_id=js.organisation_id,
            client_id=js.client_id,
            rule=f.rule,
            severity=f.severity,
            due=f.due,
            date=f.date,
            message_fi=f.message("fi"),
            message_sv=f.message("sv"),
            message_en=f.message("en"),
            source=f.source,
            evaluated_on=on,
        )
        for f in result.findings
    ]
    with transaction.atomic():
        js.findings.all().delete()
        JobseekerFinding.objects.bulk_create(rows)
        Jobseeker.objects.filter(pk=js.pk).update(counters=result.counters, evaluated_on=on)
    return rows


def recompute_all(on: dt.date | None = None) -> int:
    """Re-evaluate every jobseeker (the nightly job: deadlines move with the date)."""
    count = 0
    for js in Jobseeker.objects.only("pk").iterator():
        recompute(js, on)
        count += 1
    return count
