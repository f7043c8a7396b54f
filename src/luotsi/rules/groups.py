"""Group starts (GROUP.MIN_START, seed 003 Vastaus 13): must a group start, or may it wait?

A group whose planned maximum is 10 starts with ≥ 7 clients; 8–9 → ≥ 6; 6–7 → ≥ 4. With
fewer, the start may be moved to about 2–4 months after each client's decision; Kela's
authority line and the clients are then notified. Other maxima: "cannot determine".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from luotsi.rules import calendar as cal
from luotsi.rules.messages import render
from luotsi.rules.params import ParamValue, param

RULE_ID = "GROUP.MIN_START"
SOURCE = "003 Vastaus 13; 004 Ryhmämuotoinen kuntoutus"
MAX_RULE = "GROUP.MAX"
MAX_SOURCE = "003 Vastaus 13 ('enimmäismäärät, joita ei pääsääntöisesti voi ylittää')"
TEAK_SOURCE = "004 Ryhmämuotoinen kuntoutus"
# ``not_postponed``: TEAK, below the minimum; the start is not moved because of the group form.
Verdict = Literal["must_start", "may_postpone", "cannot_determine", "not_postponed"]
SERVICES = ("TAITO", "TEAK-TK", "TEAK-TV", "TEAK-YHD")


@dataclass(frozen=True, slots=True)
class GroupStart:
    """The verdict for one group on one date."""

    verdict: Verdict
    max_size: int
    enrolled: int
    minimum: int | None
    windows: tuple[tuple[date, date, date], ...]  # (decision, earliest, latest) per client
    latest: date | None  # the start is postponed at the latest to this date
    notify: bool  # notice to Kela's authority line and to the clients is due
    param: ParamValue
    service: str = "TAITO"

    @property
    def over_maximum(self) -> bool:
        """GROUP.MAX: more clients enrolled than the planned maximum (003 Vastaus 13)."""
        return self.enrolled > self.max_size

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        values = {
            "enrolled": self.enrolled, "minimum": self.minimum, "max_size": self.max_size,
            "until": self.latest.isoformat() if self.latest else "",
        }  # fmt: skip
        return {
            "rule": RULE_ID,
            "verdict": self.verdict,
            "message": render(f"{RULE_ID}.{self.verdict}", lang, values),
            "max_size": self.max_size,
            "enrolled": self.enrolled,
            "minimum": self.minimum,
            "postpone_until": self.latest.isoformat() if self.latest else None,
            "clients": [
                {"decision": d.isoformat(), "from": a.isoformat(), "until": b.isoformat()}
                for d, a, b in self.windows
            ],
            "notify_kela_and_clients": self.notify,
            "source": TEAK_SOURCE if self.verdict == "not_postponed" else SOURCE,
            "parameters": [self.param.as_dict()],
            "service": self.service,
            "over_maximum": self.over_maximum,
            "warnings": [
                {
                    "rule": MAX_RULE,
                    "severity": "warning",
                    "message": render(f"{MAX_RULE}.over", lang, values),
                    "source": MAX_SOURCE,
                }
            ]
            if self.over_maximum
            else [],
        }


def group_start(
    max_size: int, enrolled: int, decisions: list[date], on: date, service: str = "TAITO"
) -> GroupStart:
    """GROUP.MIN_START: whether the group must start, or until when it may be postponed.

    TEAK (``service`` TEAK-*): a start is never postponed because of the group form (004),
    so a group under the minimum gets ``not_postponed`` instead of ``may_postpone``."""
    pv = param("group_min_start", on)
    rows = pv.value["sizes"]
    minimum = next((r["minimum"] for r in rows if r["max_from"] <= max_size <= r["max_to"]), None)
    months = pv.value["postpone_months"]
    windows = tuple(
        (d, cal.add_months(d, months["from"]), cal.add_months(d, months["to"]))
        for d in sorted(decisions)
    )
    if minimum is None:
        verdict: Verdict = "cannot_determine"
    elif enrolled >= minimum:
        verdict = "must_start"
    elif service.startswith("TEAK"):
        verdict = "not_postponed"
    else:
        latest = min((w[2] for w in windows), default=None)
        return GroupStart(
            "may_postpone", max_size, enrolled, minimum, windows, latest, True, pv, service
        )
    return GroupStart(verdict, max_size, enrolled, minimum, windows, None, False, pv, service)
