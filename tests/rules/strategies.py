"""Hypothesis strategies generating valid ``luotsi-case/1`` dicts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

BASE = date(2026, 1, 5)
OFFICE = "Pori, Yrjönkatu 1"


def _day(offset: int) -> str:
    return (BASE + timedelta(days=offset)).isoformat()


offsets = st.integers(min_value=0, max_value=500)


@st.composite
def span_fields(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(offsets)
    fields: dict[str, Any] = {"from": _day(start)}
    if draw(st.booleans()):
        fields["to"] = _day(start + draw(st.integers(min_value=0, max_value=40)))
    return fields


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            [
                "meeting",
                "meeting",
                "rehab_day",
                "rehab_day",
                "rehab_day",
                "absence",
                "pause",
                "flex",
                "workplace",
                "phase",
                "certificate",
                "feedback",
                "kela_notice",
                "kela_agreement",
                "invoice_line",
                "end",
                "precontact",
                "no_interpreter",
                "vocational_plan",
                "invitation_letter",
                "light_approach",
                "step_skipped",
                "cannot_commit",
            ]
        )
    )
    when = _day(draw(offsets))
    if kind == "meeting":
        return {
            "type": "meeting",
            "date": when,
            "phase": draw(st.sampled_from(["planning", "job_search", "workplace"])),
            "kind": draw(
                st.sampled_from(["individual", "workplace_visit", "network", "final_discussion"])
            ),
            "mode": draw(st.sampled_from(["face_to_face", "video", "phone"])),
            "place": draw(st.sampled_from(["provider_office", "workplace", "other"])),
            "office": draw(st.sampled_from([OFFICE, "Muu 1"])),
            "minutes": draw(st.sampled_from([30, 60, 90])),
            "employer_present": draw(st.booleans()),
        }
    if kind == "rehab_day":
        return {
            "type": "rehab_day",
            "date": when,
            "hours": draw(st.sampled_from([4, 5.5, 6, 6.5])),
            "workplace_hours": draw(st.sampled_from([4, 5, 5.5])),
            "paid_work": draw(st.booleans()),
            "travel_minutes": draw(st.sampled_from([None, 0, 30, 90])),
        }
    if kind == "absence":
        reason = draw(st.sampled_from(["sickness", "annual_leave", "other"]))
        return {"type": "absence", **draw(span_fields()), "reason": reason}
    if kind == "pause":
        reason = draw(
            st.sampled_from(
                [
                    "employer_delay",
                    "workplace_closed",
                    "awaiting_employer_replies",
                    "employment_ended",
                    "client_own",
                ]
            )
        )
        return {"type": "pause", **draw(span_fields()), "reason": reason}
    if kind == "flex":
        return {
            "type": "flex",
            **draw(span_fields()),
            "days_per_week": draw(st.integers(min_value=1, max_value=5)),
            "hours_per_day": draw(st.sampled_from([4, 5, 6])),
            "reason": draw(st.sampled_from(["capacity", "client", "workplace"])),
        }
    if kind == "workplace":
        return {
            "type": "workplace",
            **draw(span_fields()),
            "kind": draw(st.sampled_from(["open_market", "organisation", "provider_premises"])),
            "paid": draw(st.booleans()),
        }
    if kind == "phase":
        return {"type": "phase", "date": when, "phase": "workplace"}
    if kind == "certificate":
        period = draw(span_fields())
        return {
            "type": "certificate",
            "date": when,
            **period,
            "author_name": "V",
            "author_phone": draw(st.sampled_from(["+358 40 1", None])),
            "states_reasons": draw(st.booleans()),
        }
    if kind == "feedback":
        return {
            "type": "feedback",
            "date": when,
            "kind": "full",
            "attachments": draw(st.sampled_from([None, [], ["GAS"], ["GAS", "KU5"]])),
            "states_vocational_plan": draw(st.sampled_from([None, True, False])),
        }
    if kind == "no_interpreter":
        return {"type": "no_interpreter", **draw(span_fields()), "note": "n"}
    if kind == "vocational_plan":
        return {"type": "vocational_plan", "date": when, "summary": "s"}
    if kind == "invitation_letter":
        return {"type": "invitation_letter", "date": when}
    if kind in ("light_approach", "cannot_commit"):
        return {"type": kind, "date": when, "reason": "r"}
    if kind == "step_skipped":
        return {"type": "step_skipped", "date": when, "step": "s", "reason": "r"}
    if kind == "kela_notice":
        return {"type": "kela_notice", "date": when, "topic": "x"}
    if kind == "kela_agreement":
        rule = draw(st.sampled_from(["PAUSE.TOO_MANY", "DAY.LENGTH", "START.DEADLINE"]))
        return {"type": "kela_agreement", "date": when, "rule": rule, "reason": "r"}
    if kind == "invoice_line":
        return {"type": "invoice_line", "date": when, "price_type": draw(st.sampled_from([1, 8]))}
    if kind == "end":
        return {
            "type": "end",
            "date": when,
            "reason": draw(st.sampled_from(["completed", "interrupted"])),
        }
    return {"type": "precontact", "date": when}


def _decision(received: int, given: bool) -> dict[str, Any]:
    out = {"received": _day(received)}
    if given:
        out["given"] = _day(max(received - 5, 0))
    return out


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "format": "luotsi-case/1",
        "id": "P-1",
        "service": draw(st.sampled_from(["TK", "TV", "TK", "TV", "TEAK-TV", "TAITO"])),
        "decision": _decision(draw(st.integers(min_value=0, max_value=30)), draw(st.booleans())),
        "client": {"applies_allowance": draw(st.booleans())},
        "contract": {"offices": [OFFICE]},
        "events": draw(st.lists(events(), max_size=40)),
    }


eval_dates = st.integers(min_value=0, max_value=560).map(lambda n: BASE + timedelta(days=n))
