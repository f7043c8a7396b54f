"""CONSULT.CONSENT: a consultation ("Rukkanen") agreed with the client, and gone through after."""

from __future__ import annotations

from luotsi.rules import calendar as cal

from .core import Ctx, param, rule
from .schema import Consultation

SOURCE = "002 Kela-yhteistyö, TYM ja konsultaatiot; 004 Tietojensaantioikeus"


def consent_problems(consultation: Consultation) -> tuple[str, ...]:
    """What CONSULT.CONSENT refuses: not agreed with the client beforehand (``not_agreed``,
    ``agreed_after``), or parties the client did not agree to (``party:<name>``)."""
    c = consultation
    if c.agreed_on is None:
        return ("not_agreed",)
    problems: list[str] = []
    if c.agreed_on > c.date:
        problems.append("agreed_after")
    problems.extend(f"party:{p}" for p in c.parties if p not in c.agreed_parties)
    return tuple(problems)


@rule("CONSULT.CONSENT", SOURCE)
def consult_consent(ctx: Ctx) -> None:
    """A consultation is agreed beforehand, with only the agreed parties, and gone through after."""
    days = param("consult_go_through_days", ctx.on)
    for c in sorted(ctx.file.consultations, key=lambda c: c.date):
        for problem in consent_problems(c):
            if problem.startswith("party:"):
                ctx.add("violation", "CONSULT.CONSENT.party", date=c.date, party=problem[6:])
            else:
                ctx.add("violation", f"CONSULT.CONSENT.{problem}", date=c.date,
                        agreed=c.agreed_on)  # fmt: skip
        if c.date > ctx.on:
            continue
        ctx.deadline(cal.add_days(c.date, days.value), c.gone_through_on,
                     "CONSULT.CONSENT.go_through", trigger=c.date, params=[days],
                     held=c.date)  # fmt: skip
