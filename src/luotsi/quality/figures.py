"""The quality figures an auditor asks for, from the stored findings (``CaseFinding``):
never running the engine per request.

The figures are counted per cohort cell — the month the decision was received, the
service and the office (the client's team's office) — and every count is a number of
cases, so cells add up to any total (by month, by service, by office, all).

A case is *pending* for a deadline measure while its deadline finding is ``due`` (not yet
met, still in time): it counts neither as on time nor as late. A measure applies only to
the services whose rule set has the rule (``luotsi.rules.services.SERVICE_RULES``).

=========================  =================================================================
measure                    on time = applicable, not pending, and no ``violation`` of
=========================  =================================================================
started                    START.DEADLINE
phase1                     PHASE1.DEADLINE
feedback                   FEEDBACK.DEADLINE (only cases that have ended)
certificates               CERT.MISSING, CERT.AUTHOR or CERT.REASONS (only started cases:
                           complete and on time)
=========================  =================================================================

Agreed deviations (a ``kela_agreement`` turns a violation into ``info``) are not
violations. Acknowledged violations (``FindingAcknowledgement``, the dashboards' note on a
violation that can no longer be put right) are counted by rule; billing refusals are the
units the billing run refused, as stored on the invoices (``Invoice.refused``), once per
case and billed month. Both belong to the case's cohort cell like every other count. Five
queries whatever the number of cases (``tests/quality/test_figures.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as Case_
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from luotsi.billing.models import Invoice
from luotsi.billing.models import Kind as InvoiceKind
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.dashboards.models import FindingAcknowledgement
from luotsi.organisations.models import Organisation
from luotsi.rules.registry import RULES
from luotsi.rules.services import SERVICE_RULES

MEASURES = ("started", "phase1", "feedback", "certificates")
DEADLINE_RULES = {
    "started": "START.DEADLINE",
    "phase1": "PHASE1.DEADLINE",
    "feedback": "FEEDBACK.DEADLINE",
}
CERTIFICATE_RULES = ("CERT.MISSING", "CERT.AUTHOR", "CERT.REASONS")
NO_OFFICE = ""


def services_with(rule_id: str) -> frozenset[str]:
    """The services whose rule set includes ``rule_id``."""
    return frozenset(
        service
        for service, funcs in SERVICE_RULES.items()
        if any(RULES[f].id == rule_id for f in funcs if f in RULES)
    )


def measure_services() -> dict[str, frozenset[str]]:
    found = {m: services_with(rule) for m, rule in DEADLINE_RULES.items()}
    found["certificates"] = services_with("CERT.MISSING")
    return found


Key = tuple[dt.date, str, str]  # month, service, office name


@dataclass
class Cell:
    """The counts of one cohort cell (or a sum of cells)."""

    cases: int = 0
    ended: int = 0
    pending: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    late: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    applicable: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    violations: dict[str, int] = field(default_factory=dict)  # rule -> findings
    acknowledged: dict[str, int] = field(default_factory=dict)  # rule -> acknowledgements
    refused: int = 0  # units the billing run refused (latest invoice of each case and month)
    billed_months: int = 0  # case-months with an invoice (the refusals' denominator)

    def add(self, other: Cell) -> None:
        self.cases += other.cases
        self.ended += other.ended
        for m in MEASURES:
            self.pending[m] += other.pending[m]
            self.late[m] += other.late[m]
            self.applicable[m] += other.applicable[m]
        for rule, n in other.violations.items():
            self.violations[rule] = self.violations.get(rule, 0) + n
        for rule, n in other.acknowledged.items():
            self.acknowledged[rule] = self.acknowledged.get(rule, 0) + n
        self.refused += other.refused
        self.billed_months += other.billed_months

    def judged(self, measure: str) -> int:
        """Cases whose deadline is settled (met, late or missed)."""
        return self.applicable[measure] - self.pending[measure]

    def on_time(self, measure: str) -> int:
        return self.judged(measure) - self.late[measure]

    def share(self, measure: str) -> float | None:
        """The share on time (0–100), None when no case is judged."""
        judged = self.judged(measure)
        return None if judged <= 0 else 100.0 * self.on_time(measure) / judged

    def per_100(self, rule: str) -> float | None:
        return None if not self.cases else 100.0 * self.violations.get(rule, 0) / self.cases

    @property
    def violation_count(self) -> int:
        return sum(self.violations.values())

    @property
    def acknowledged_count(self) -> int:
        return sum(self.acknowledged.values())


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # first month (its first day)
    end: dt.date | None = None  # last month (its first day)
    service: str = ""
    office: str = ""


def _where(organisation: Organisation, filters: Filters, prefix: str = "") -> Q:
    """The cases the figures count, as a condition on Case (``prefix`` "case__" from a
    finding: one join, not a subquery)."""
    where = Q(**{f"{prefix}organisation": organisation})
    if filters.start:
        where &= Q(**{f"{prefix}received__gte": filters.start})
    if filters.end:
        month_after = (filters.end.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        where &= Q(**{f"{prefix}received__lt": month_after})
    if filters.service:
        where &= Q(**{f"{prefix}service": filters.service})
    if filters.office:
        where &= Q(**{f"{prefix}client__team__office__name": filters.office})
    return where


def cases_counted(organisation: Organisation, filters: Filters) -> QuerySet[Case]:
    return Case.objects.filter(_where(organisation, filters))


def _dims(prefix: str = "") -> dict[str, Any]:
    return {
        "month": TruncMonth(f"{prefix}received"),
        "svc": F(f"{prefix}service"),
        "office": F(f"{prefix}client__team__office__name"),
    }


def _key(row: dict[str, Any]) -> Key:
    month = row["month"]
    if isinstance(month, dt.datetime):
        month = month.date()
    return (month, row["svc"], row["office"] or NO_OFFICE)


def cells(organisation: Organisation, filters: Filters = Filters()) -> dict[Key, Cell]:
    """Every cohort cell's counts, in five grouped queries (an EXISTS per outcome in the
    case query was ten times slower on PostgreSQL: bench/quality_figures.py): the cases,
    violations by rule, deadline outcomes, acknowledged violations, billing refusals."""
    found: dict[Key, Cell] = defaultdict(Cell)
    ended = CaseEvent.objects.filter(case=OuterRef("pk"), type="end")
    for row in (
        cases_counted(organisation, filters)
        .annotate(**_dims())
        .values("month", "svc", "office")
        .annotate(n=Count("id"), ended=Count("id", filter=Exists(ended)))
    ):
        cell = found[_key(row)]
        cell.cases, cell.ended = row["n"], row["ended"]
    applies = measure_services()
    for key, cell in found.items():
        for m in MEASURES:
            if key[1] in applies[m]:
                cell.applicable[m] = cell.ended if m == "feedback" else cell.cases
    findings = CaseFinding.objects.filter(_where(organisation, filters, "case__"))
    # Violations by rule (findings, not cases): no DISTINCT, so a hash aggregate.
    for row in (
        findings.filter(severity="violation")
        .annotate(**_dims("case__"))
        .values("month", "svc", "office", "rule")
        .annotate(n=Count("id"))
    ):
        cell = found[_key(row)]
        cell.violations[row["rule"]] = cell.violations.get(row["rule"], 0) + row["n"]
    # Cases per measure and outcome: pending (a deadline finding ``due``) or late (a
    # ``violation`` of the deadline rule; for certificates, of any certificate rule).
    measure = Case_(
        *(When(rule=rule, then=Value(m)) for m, rule in DEADLINE_RULES.items()),
        default=Value("certificates"),
    )
    for row in (
        findings.filter(
            Q(rule__in=[*DEADLINE_RULES.values(), *CERTIFICATE_RULES], severity="violation")
            | Q(rule__in=list(DEADLINE_RULES.values()), severity="due")
        )
        .annotate(**_dims("case__"), measure=measure)
        .values("month", "svc", "office", "measure", "severity")
        .annotate(n=Count("case", distinct=True))
    ):
        cell = found[_key(row)]
        if row["measure"] in measure_of_applicable(applies, row["svc"]):
            target = cell.pending if row["severity"] == "due" else cell.late
            target[row["measure"]] += row["n"]
    for key, cell in found.items():
        if key[1] in applies["certificates"]:
            cell.pending["certificates"] = cell.pending["started"]
    _add_acknowledged(found, organisation, filters)
    _add_refusals(found, organisation, filters)
    return dict(found)


def measure_of_applicable(applies: dict[str, frozenset[str]], service: str) -> set[str]:
    return {m for m in MEASURES if service in applies[m]}


def grouped(found: dict[Key, Cell], by: Callable[[Key], Any]) -> dict[Any, Cell]:
    """The cells summed by ``by(key)`` (e.g. the month), sorted by that."""
    out: dict[Any, Cell] = defaultdict(Cell)
    for key, cell in found.items():
        out[by(key)].add(cell)
    return dict(sorted(out.items(), key=lambda item: (item[0] is None, item[0])))


def total(found: dict[Key, Cell]) -> Cell:
    out = Cell()
    for cell in found.values():
        out.add(cell)
    return out


def rules_seen(found: Iterable[Cell]) -> list[str]:
    return sorted({rule for cell in found for rule in cell.violations})


# ---- acknowledged violations and billing refusals ------------------------------------


class JSONArrayLength(Func):
    """The number of items of a JSON array column (SQLite ``json_array_length``,
    PostgreSQL ``jsonb_array_length``)."""

    function = "JSON_ARRAY_LENGTH"
    output_field = IntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra)


def _add_acknowledged(found: dict[Key, Cell], organisation: Organisation, filters: Filters) -> None:
    """Violations acknowledged on the dashboards (``FindingAcknowledgement``: one row per
    case, rule, date and due date), by rule: one grouped query."""
    for row in (
        FindingAcknowledgement.objects.filter(_where(organisation, filters, "case__"))
        .annotate(**_dims("case__"))
        .values("month", "svc", "office", "rule")
        .annotate(n=Count("id"))
    ):
        cell = found[_key(row)]
        cell.acknowledged[row["rule"]] = cell.acknowledged.get(row["rule"], 0) + row["n"]


def _add_refusals(found: dict[Key, Cell], organisation: Organisation, filters: Filters) -> None:
    """Units the billing run refused (``Invoice.refused``: each stored with its reason and
    rule), counted once per case and billed month: a supplementary or re-made invoice of
    the same month repeats the month's refusals, so only the latest invoice of each case
    and month counts (credit notes keep none). One grouped query."""
    later = Invoice.objects.filter(
        case=OuterRef("case"),
        period_start=OuterRef("period_start"),
        kind=InvoiceKind.INVOICE,
        pk__gt=OuterRef("pk"),
    )
    for row in (
        Invoice.objects.filter(_where(organisation, filters, "case__"), kind=InvoiceKind.INVOICE)
        .exclude(Exists(later))
        .annotate(**_dims("case__"))
        .values("month", "svc", "office")
        .annotate(n=Sum(JSONArrayLength("refused")), invoices=Count("id"))
    ):
        cell = found[_key(row)]
        cell.refused += row["n"] or 0
        cell.billed_months += row["invoices"]
