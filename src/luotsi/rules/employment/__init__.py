"""The employment area's rules (seed 002): pure Python, no Django.

Public API::

    from luotsi.rules.employment import parse_jobseeker, evaluate_jobseeker

    file = parse_jobseeker(raw, source="jobseeker.json")  # or JobseekerFileError
    result = evaluate_jobseeker(file, on=date(2027, 5, 14))  # -> Evaluation
    result.to_dict(lang="fi")

Rules: UNEMPLOYED, TYM.REFERRAL, TYM.PLAN, YOUTH.ROUTE, KUTY.PLAN_CONTENT, KOTO.PLAN,
KELA.ELIGIBILITY, CONSULT.CONSENT (one module each) and CASELOAD (``caseload``).
"""

from luotsi.rules.employment.engine import RULE_SET, evaluate_jobseeker
from luotsi.rules.employment.schema import (
    FORMAT,
    JobseekerFile,
    JobseekerFileError,
    json_schema,
    parse_jobseeker,
)

__all__ = [
    "FORMAT",
    "RULE_SET",
    "JobseekerFile",
    "JobseekerFileError",
    "evaluate_jobseeker",
    "json_schema",
    "parse_jobseeker",
]
