"""The audit evidence pack: a seeded random sample of cases (n per service, as Kela's
auditors pick them) and a ZIP with, per case, the case file (its whole timeline of events,
including any invoice lines), the stored findings and the final documents (participation
certificates, feedback reports), plus the staff register extract, the quality figures,
the access-log summary of the sampled clients and a manifest.

The sample is repeatable: the same seed, services and period give the same cases (as long
as no case of the period is added or removed). A sample of at most ``INLINE_CASES`` cases
is packed in the request; a larger one (up to ``MAX_PER_SERVICE`` per service) by the
background job ``luotsi.quality.jobs.evidence_pack`` with a progress bar.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import random
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from luotsi.access import policy
from luotsi.access.models import AccessLogEntry, Action
from luotsi.casedocs.models import Document, Status
from luotsi.cases.models import Case
from luotsi.cases.service import export_case
from luotsi.staff import service as staff

from . import figures

MAX_PER_SERVICE = 20
INLINE_CASES = 10  # a larger sample is packed by a background job
BILLING_NOTE = (
    "cases/<number>/invoices.csv: every invoice and credit note of the case, line by line, "
    "and the units the billing run refused with their reasons"
)


@dataclass(frozen=True)
class SampleRequest:
    seed: int
    per_service: int
    services: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None


def eligible(user: Any, request: SampleRequest) -> QuerySet[Case]:
    """The cases the sample is drawn from: the organisation's cases the user may export,
    of the chosen services, whose decision arrived in the period."""
    cases = Case.objects.filter(
        organisation_id=user.organisation_id,
        client__in=policy.clients_for(user, Action.EXPORT),
        service__in=request.services,
    )
    if request.start:
        cases = cases.filter(received__gte=request.start)
    if request.end:
        cases = cases.filter(received__lte=request.end)
    return cases


def sample(user: Any, request: SampleRequest) -> list[Case]:
    """``per_service`` cases of each service, drawn with ``random.Random(seed)`` from the
    eligible cases in case-number order: the same seed gives the same sample."""
    by_service: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for pk, service, number in eligible(user, request).values_list("pk", "service", "external_id"):
        by_service[service].append((number, pk))
    chosen: list[int] = []
    for service in sorted(request.services):
        rows = sorted(by_service.get(service, []))
        rng = random.Random(f"{request.seed}:{service}")  # noqa: S311 - a repeatable audit sample, not a secret
        picked = rng.sample(rows, min(request.per_service, len(rows)))
        chosen.extend(pk for _number, pk in sorted(picked))
    order = {pk: i for i, pk in enumerate(chosen)}
    cases = Case.objects.filter(pk__in=chosen).select_related("client", "organisation")
    return sorted(cases, key=lambda c: order[c.pk])


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def staff_extract(organisation: Any) -> bytes:
    rows: list[list[Any]] = [
        [
            "name",
            "role",
            "services",
            "offices",
            "teams",
            "qualifications",
            "trainings (valid until)",
        ]
    ]
    for m in staff.members_of(organisation):
        trainings = "; ".join(
            f"{t.kind.name} {t.completed_on.isoformat()}"
            + (f" (→ {t.valid_until.isoformat()})" if t.valid_until else "")
            for t in m.trainings.all()
        )
        rows.append(
            [
                str(m),
                m.get_role_display(),
                ", ".join(m.services),
                ", ".join(o.name for o in m.offices.all()),
                ", ".join(t.name for t in m.teams.all()),
                " / ".join(m.qualifications.splitlines()),
                trainings,
            ]
        )
    return _csv(rows)


def access_summary(cases: list[Case], since: dt.date) -> bytes:
    """Per sampled client, the accesses to their data since ``since`` by action: how many
    and by how many people (the names are in the log itself)."""
    rows: list[list[Any]] = [["case", "client id", "action", "accesses", "people"]]
    by_client = {c.client_id: c.external_id for c in cases}
    counted = (
        AccessLogEntry.objects.filter(client_id__in=list(by_client), at__date__gte=since)
        .values("client_id", "action")
        .annotate(n=Count("id"), people=Count("user", distinct=True))
        .order_by("client_id", "action")
    )
    for row in counted:
        rows.append(
            [by_client[row["client_id"]], row["client_id"], row["action"], row["n"], row["people"]]
        )
    return _csv(rows)


def timeline_csv(case: Case) -> bytes:
    """The case's events in file order, one a row: readable without the JSON."""
    rows: list[list[Any]] = [["#", "type", "date", "from", "to", "details"]]
    for n, event in enumerate(case.events.all(), start=1):
        details = {k: v for k, v in event.data.items() if k not in ("type", "date", "from", "to")}
        rows.append(
            [
                n,
                event.type,
                event.date or "",
                event.from_date or "",
                event.to_date or "",
                json.dumps(details, ensure_ascii=False, sort_keys=True),
            ]
        )
    return _csv(rows)


def findings_csv(case: Case) -> bytes:
    rows: list[list[Any]] = [
        ["rule", "severity", "due", "date", "message", "source", "evaluated on"]
    ]
    for f in case.findings.all():
        rows.append(
            [
                f.rule,
                f.severity,
                f.due or "",
                f.date or "",
                f.message_fi,
                f.source,
                f.evaluated_on,
            ]
        )
    return _csv(rows)


def invoices_csv(case: Case) -> bytes:
    """The case's invoices and credit notes as billed (``billing.Invoice``): one row per
    line, then one per unit refused, with its rule and reason."""
    from luotsi.billing.models import Invoice

    rows: list[list[Any]] = [
        ["invoice", "kind", "state", "period_start", "period_end", "invoice_date", "row",
         "price_type", "unit", "name", "dates", "quantity", "unit_price", "amount",
         "rule", "reason"],
    ]  # fmt: skip
    invoices = Invoice.objects.filter(case=case).order_by("period_start", "pk")
    for invoice in invoices:
        head = [
            invoice.number, invoice.kind, invoice.state, invoice.period_start.isoformat(),
            invoice.period_end.isoformat(), invoice.invoice_date.isoformat(),
        ]  # fmt: skip
        for line in invoice.lines:
            rows.append(
                [*head, "line", line.get("price_type", ""), line.get("unit", ""),
                 line.get("name", ""), " ".join(line.get("dates", [])), line.get("quantity", ""),
                 line.get("unit_price", ""), line.get("amount", ""), "", ""]
            )  # fmt: skip
        for refused in invoice.refused:
            rows.append(
                [*head, "refused", "", refused.get("unit", ""), "", refused.get("date", ""),
                 "", "", "", refused.get("rule", ""), refused.get("reason", "")]
            )  # fmt: skip
    return _csv(rows)


def build_pack(
    user: Any,
    request: SampleRequest,
    cases: list[Case],
    now: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The ZIP: ``manifest.json`` lists every file with its SHA-256. ``progress(done,
    total)`` after each case (the background job's bar)."""
    from .figures_views import figure_tables, workbook

    organisation = user.organisation
    files: dict[str, bytes] = {}
    for done, case in enumerate(cases, 1):
        if progress is not None:
            progress(done - 1, len(cases))
        folder = f"cases/{case.external_id}"
        files[f"{folder}/case.json"] = json.dumps(
            export_case(case), ensure_ascii=False, indent=2, default=str
        ).encode("utf-8")
        files[f"{folder}/timeline.csv"] = timeline_csv(case)
        files[f"{folder}/findings.csv"] = findings_csv(case)
        files[f"{folder}/invoices.csv"] = invoices_csv(case)
        for doc in Document.objects.filter(case=case, status=Status.FINAL).order_by("kind", "pk"):
            if doc.pdf:
                name = f"{doc.kind}-v{doc.version}-{doc.language}"
                if doc.period_from:
                    name += f"-{doc.period_from.isoformat()}"
                files[f"{folder}/{name}.pdf"] = bytes(doc.pdf)
    files["staff-register.csv"] = staff_extract(organisation)
    period = figures.Filters(
        start=request.start.replace(day=1) if request.start else None,
        end=request.end.replace(day=1) if request.end else None,
    )
    files["quality-figures.xlsx"] = workbook(figure_tables(organisation, period), period)
    since = request.start or (now.date() - dt.timedelta(days=365))
    files["access-log-summary.csv"] = access_summary(cases, since)
    manifest = {
        "format": "luotsi-evidence-pack/1",
        "organisation": organisation.name,
        "business_id": organisation.business_id,
        "created_at": now.isoformat(),
        "created_by": user.log_name,
        "sample": {
            "seed": request.seed,
            "per_service": request.per_service,
            "services": list(request.services),
            "decision_received_from": request.start.isoformat() if request.start else None,
            "decision_received_to": request.end.isoformat() if request.end else None,
            "cases": [
                {"case": c.external_id, "service": c.service, "received": c.received.isoformat()}
                for c in cases
            ],
        },
        "billing_lines": BILLING_NOTE,
        "files": [
            {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in sorted(files.items())
        ],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for path, data in sorted(files.items()):
            archive.writestr(path, data)
    return out.getvalue()
