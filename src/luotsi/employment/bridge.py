"""A jobseeker's rows as a ``luotsi-jobseeker/1`` file: what the rules read.

The workspace and the ``luotsi check`` command judge one and the same format, so the rules
never see a model and the workspace never reimplements a rule.
"""

from __future__ import annotations

from typing import Any

from luotsi.rules.employment import FORMAT, JobseekerFile, parse_jobseeker

from .models import Jobseeker, PartyKind


def _parties(obj: Any) -> list[str]:
    parties = [PartyKind.EMPLOYMENT_AUTHORITY.value]
    if obj.with_county:
        parties.append(PartyKind.WELLBEING_COUNTY.value)
    if obj.with_kela:
        parties.append(PartyKind.KELA.value)
    return parties


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def jobseeker_dict(js: Jobseeker) -> dict[str, Any]:
    """The jobseeker's file as a dict (reads the prefetched relations when there are any)."""
    client = js.client
    data: dict[str, Any] = {
        "format": FORMAT,
        "jobseeker": {
            "id": f"TA-{js.pk}",
            "birth_date": client.birth_date.isoformat(),
            "unit": js.unit.kind,
            "job_search_start": js.job_search_start.isoformat(),
            "moved_to_unit_on": _iso(js.moved_to_unit_on),
            "employment_condition_met": js.employment_condition_met,
            "residence_permit": js.residence_permit,
        },
        "situation": {
            "employed": js.employed,
            "fully_laid_off": js.fully_laid_off,
            "weekly_hours": float(js.weekly_hours) if js.weekly_hours is not None else None,
            "business_days_continuous": js.business_days_continuous,
            "business_benefit_entitled": js.business_benefit_entitled,
            "full_time_student": js.full_time_student,
            "studies_benefit_entitled": js.studies_benefit_entitled,
        },
    }
    assessments = list(js.assessments.all())
    if assessments:
        a = assessments[0]  # the latest
        data["assessment"] = {
            "date": a.date.isoformat(),
            "participants": _parties(a),
            "capacity_limits": a.capacity_limits,
            "life_management": a.life_management,
            "multi_sector_support": a.multi_sector_support,
            "consultation_only": a.consultation_only,
            "public_services_suffice": a.public_services_suffice,
            "long_term_or_intensive": a.long_term_or_intensive,
            "decision": a.decision or None,
        }
    plans = list(js.tym_plans.all())
    if plans:
        p = plans[0]
        services = list(p.services.all())
        data["tym_plan"] = {
            "date": p.date.isoformat(),
            "parties": [
                {"party": party, "services": [s.service for s in services if s.party == party]}
                for party in _parties(p)
            ],
            "reviews": [{"due": r.due.isoformat(), "done": _iso(r.done)} for r in p.reviews.all()],
            "ended": _iso(p.ended),
        }
    data["activation_plans"] = [
        {
            "id": f"KUTY-{k.pk}",
            "made": k.made.isoformat(),
            "goal": k.goal,
            "description": k.description,
            "place": k.place,
            "hours_per_day": float(k.hours_per_day) if k.hours_per_day is not None else None,
            "days_per_week": k.days_per_week,
            "start": _iso(k.start),
            "end": _iso(k.end),
            "support": k.support,
            "other_services": k.other_services,
            "evaluate_by": _iso(k.evaluate_by),
            "evaluated_on": _iso(k.evaluated_on),
        }
        for k in js.activation_plans.all()
    ]
    integration = list(js.integration_plans.all())
    if integration:
        data["integration"] = {
            "initial_assessment": _iso(integration[0].initial_assessment),
            "plans": [{"from": i.start.isoformat(), "to": i.end.isoformat()} for i in integration],
            "extension_reason": next(
                (i.extension_reason for i in integration if i.extension_reason.strip()), ""
            ),
        }
    data["consultations"] = [
        {
            "date": c.date.isoformat(),
            "agreed_on": c.agreed_on.isoformat(),
            "agreed_parties": _parties(c),
            "parties": _parties(c),
            "gone_through_on": _iso(c.gone_through_on),
        }
        for c in js.consultations.all()
    ]
    rehab = getattr(js, "rehabilitation", None)
    if rehab is not None:
        data["vocational_rehabilitation"] = {
            "responsible": rehab.responsible or None,
            "criteria": list(rehab.criteria),
            "service": rehab.service,
            "applied_on": _iso(rehab.applied_on),
            "decision": rehab.decision,
            "decided_on": _iso(rehab.decided_on),
            "starts_on": _iso(rehab.starts_on),
        }
    return data


def jobseeker_file(js: Jobseeker) -> JobseekerFile:
    """The jobseeker's rows as the validated file the rules read."""
    return parse_jobseeker(jobseeker_dict(js), source=f"jobseeker {js.pk}")


PREFETCH = (
    "assessments",
    "tym_plans__services",
    "tym_plans__reviews",
    "activation_plans",
    "integration_plans",
    "consultations",
)
