"""Luotsi's rules engine: pure Python, no Django.

Public API::

    from luotsi.rules import parse_case, evaluate, Case, Finding, Evaluation, CaseFileError

    case = parse_case(raw_bytes, source="case.json")
    result = evaluate(case, on=date(2026, 3, 1))
    result.to_dict(lang="fi", explain=True)
"""

from luotsi.rules.engine import evaluate
from luotsi.rules.findings import Evaluation, Finding
from luotsi.rules.model import Case, CaseFileError, json_schema, parse_case

__all__ = [
    "Case",
    "CaseFileError",
    "Evaluation",
    "Finding",
    "evaluate",
    "json_schema",
    "parse_case",
]
