"""The cases app's background jobs: recompute an organisation's stored findings.

Run nightly for every organisation (``luotsi manage recompute_findings`` queues one job
each, or — for an organisation of more cases than ``--chunk`` — one ``recompute_chunk``
job per that many cases, so that several workers share the night's work; deadlines move
with the date), and by an administrator from the jobs page. Each case
is re-evaluated in its own transaction (``service.recompute_findings``): a worker killed in
the middle leaves every case either as it was or fully recomputed, and a retry simply
evaluates them all again. The result is a CSV of counts (findings per service, rule and
severity before and after): no client's data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.jobs.kinds import JobResult, job
from luotsi.jobs.service import is_administrator

from .models import Case, CaseFinding
from .service import recompute_findings


def _counts(organisation_id: int) -> Counter[tuple[str, str, str]]:
    rows = (
        CaseFinding.objects.filter(case__organisation_id=organisation_id)
        .values_list("case__service", "rule", "severity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({(service, rule, severity): n for service, rule, severity, n in rows})


@job(
    title=gettext_lazy("Recompute the organisation's findings"),
    startable_by=is_administrator,
    one_at_a_time=True,
)
def recompute_organisation(ctx: Any, *, on: str | None = None) -> JobResult:
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    cases = Case.objects.filter(organisation_id=ctx.organisation_id).order_by("pk")
    total = cases.count()
    before = _counts(ctx.organisation_id)
    ctx.progress(0, total, _("Evaluating the cases"))
    for done, case in enumerate(cases.select_related("client", "organisation").iterator(), 1):
        recompute_findings(case, day)
        ctx.progress(done, total)
    after = _counts(ctx.organisation_id)
    ctx.progress(total, total, _("%(count)s cases evaluated") % {"count": total})
    return JobResult(
        name=f"findings-{day.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
        data=_summary_csv(day, total, before, after),
        has_client_data=False,
    )


@job(title=gettext_lazy("Recompute a part of the organisation's findings"))
def recompute_chunk(
    ctx: Any, *, on: str | None = None, first: int, last: int | None = None
) -> JobResult | None:
    """The cases with ``first`` ≤ id ≤ ``last`` (no upper end: every later one), each in
    its own transaction as ``recompute_organisation`` does; no result file (the counts are
    the organisation's whole, which one part does not know), the count in its message."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    cases = Case.objects.filter(organisation_id=ctx.organisation_id, pk__gte=first)
    if last is not None:
        cases = cases.filter(pk__lte=last)
    total = cases.count()
    ctx.progress(0, total, _("Evaluating the cases"))
    rows = cases.select_related("client", "organisation").order_by("pk").iterator(chunk_size=200)
    for done, case in enumerate(rows, 1):
        recompute_findings(case, day)
        ctx.progress(done, total)
    ctx.progress(total, total, _("%(count)s cases evaluated") % {"count": total})
    return None


def chunks(organisation_id: int, size: int) -> list[tuple[int, int | None]]:
    """The organisation's cases split into id ranges of ``size`` cases: ``(first, last)``,
    the last range open-ended (a case added meanwhile is in it)."""
    ids = list(
        Case.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    starts = ids[::size]
    return [
        (start, ids[min(i * size + size, len(ids)) - 1] if i < len(starts) - 1 else None)
        for i, start in enumerate(starts)
    ]


def _summary_csv(
    day: dt.date,
    total: int,
    before: Counter[tuple[str, str, str]],
    after: Counter[tuple[str, str, str]],
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("service"), _("rule"), _("severity"), _("before"), _("after")])
    for service, rule, severity in sorted(set(before) | set(after)):
        key = (service, rule, severity)
        writer.writerow([service, rule, severity, before[key], after[key]])
    writer.writerow([])
    writer.writerow([_("evaluated on"), day.isoformat(), _("cases"), total])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheets read UTF-8
