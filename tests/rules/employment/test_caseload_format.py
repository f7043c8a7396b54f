"""CASELOAD figures, the message catalogue of the employment rules, and the file format."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luotsi.rules.employment import JobseekerFileError, parse_jobseeker
from luotsi.rules.employment.caseload import Span, active_per_month, caseload, months
from luotsi.rules.employment.core import RULES
from luotsi.rules.messages import catalogue
from tests.rules.employment.builders import jobseeker

RULES_DIR = Path(__file__).resolve().parents[3] / "src" / "luotsi" / "rules" / "employment"
MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)


def test_clients_per_officer_per_unit_per_month() -> None:
    spans = [
        Span("a", date(2025, 1, 1), None, "adults", "o1"),
        Span("b", date(2025, 3, 31), date(2025, 4, 1), "adults", "o1"),  # both months
        Span("c", date(2025, 3, 1), date(2025, 3, 31), "adults", "o2"),
        Span("d", date(2025, 4, 1), None, "youth", "o3"),
        Span("a", date(2025, 3, 15), None, "adults", "o2"),  # a has two officers in March
    ]
    rows = caseload(spans, months(MARCH, APRIL))
    march = next(r for r in rows if r.month == MARCH and r.unit == "adults")
    assert (march.clients, march.officers, march.per_officer) == (3, 2, {"o1": 2, "o2": 2})
    assert march.average == 1.5
    april = {(r.unit): r for r in rows if r.month == APRIL}
    assert april["adults"].per_officer == {"o1": 2, "o2": 1}
    assert april["youth"].clients == 1
    assert not any(r.unit == "youth" and r.month == MARCH for r in rows)


@pytest.mark.parametrize(
    ("start", "end", "counted"),
    [
        ("2025-02-28", "2025-02-28", False),  # ends the day before March
        ("2025-02-28", "2025-03-01", True),  # the first day of March
        ("2025-03-31", None, True),  # the last day of March
        ("2025-04-01", None, False),  # the day after March
    ],
)
def test_active_in_a_month_boundaries(start: str, end: str | None, counted: bool) -> None:
    span = Span("x", date.fromisoformat(start), date.fromisoformat(end) if end else None)
    assert active_per_month([span], [MARCH]) == {MARCH: int(counted)}


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60), st.sampled_from("abc")),
                max_size=30))  # fmt: skip
def test_a_unit_never_counts_more_clients_than_its_officers_together(
    raw: list[tuple[int, int, str]],
) -> None:
    base = date(2025, 1, 1)
    spans = [
        Span(i % 7, date.fromordinal(base.toordinal() + s),
             date.fromordinal(base.toordinal() + s + n), "adults", officer)
        for i, (s, n, officer) in enumerate(raw)
    ]  # fmt: skip
    for row in caseload(spans, months(base, date(2025, 9, 1))):
        assert max(row.per_officer.values()) <= row.clients <= sum(row.per_officer.values())
        assert row.clients == active_per_month(spans, [row.month])[row.month]


def test_every_rule_key_is_in_the_catalogue_in_three_languages() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in RULES_DIR.glob("*.py"))
    literal = set(
        re.findall(r'"((?:UNEMPLOYED|TYM|YOUTH|KUTY|KOTO|KELA|CONSULT)\.[A-Za-z_.]+)"', text)
    )
    bases = {k for k in literal if k.endswith((".review", ".evaluation", ".go_through"))}
    needed = (literal - bases - {"TYM.REFERRAL", "TYM.PLAN"}) | {
        f"{b}.{s}" for b in bases for s in ("due", "missed", "late")
    }
    needed -= {k for k in needed if k.count(".") == 1 and k in {i.id for i in RULES.values()}}
    needed |= {f"UNEMPLOYED.not.{c}" for c in ("1_employed", "2_business", "3_student")}
    needed |= {
        f"YOUTH.ROUTE.{r}.{s}" for r in ("months", "need") for s in ("due", "missed", "late")
    }
    needed |= {f"TYM.REFERRAL.decide_{o}" for o in ("refer", "do_not_refer")}
    needed |= {f"KOTO.PLAN.{p}" for p in ("first_too_long", "over_total", "over_extended")}
    needed |= {
        f"KELA.ELIGIBILITY.{p}" for p in ("responsible_missing", "no_criterion", "taito_age")
    }
    needed |= {"CONSULT.CONSENT.not_agreed", "CONSULT.CONSENT.agreed_after"}
    assert needed - set(catalogue()) == set()
    for key in needed:
        assert {"fi", "sv", "en"} <= set(catalogue()[key]), key


def test_every_rule_has_a_catalogue_id_and_a_one_sentence_statement() -> None:
    ids = {info.id for info in RULES.values()}
    assert ids == {"UNEMPLOYED", "TYM.REFERRAL", "TYM.PLAN", "YOUTH.ROUTE", "KUTY.PLAN_CONTENT",
                   "KOTO.PLAN", "KELA.ELIGIBILITY", "CONSULT.CONSENT"}  # fmt: skip
    for info in RULES.values():
        assert info.doc.endswith(".") and info.source.startswith("002"), info


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"format": "luotsi-jobseeker/2"}, "/format"),
        ({"jobseeker": {"id": "J", "birth_date": "1980-02-30", "job_search_start": "2026-01-01"}},
         "/jobseeker/birth_date"),
        ({"activation_plans": [{"id": "K", "made": "2027-01-01", "start": "2027-02-01",
                                "end": "2027-01-01"}]}, "/activation_plans/0"),
        ({"integration": {"plans": [{"from": "2027-01-01"}]}}, "/integration/plans/0/to"),
        ({"consultations": [{"date": "2027-01-01", "parties": []}]}, "/consultations/0/parties"),
        ({"tym_plan": {"date": "2027-01-01", "parties": [{"party": "ely"}]}},
         "/tym_plan/parties/0/party"),
        ({"surprise": 1}, "/surprise"),
        ({"situation": {"weekly_hours": -1}}, "/situation/weekly_hours"),
        ({"assessment": {"date": "1899-12-31"}}, "/assessment"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(change: dict[str, object], pointer: str) -> None:
    with pytest.raises(JobseekerFileError) as exc:
        parse_jobseeker({**jobseeker(), **change}, source="j.json")
    assert exc.value.pointer == pointer
    assert str(exc.value).startswith(f"j.json: {pointer}: ")
