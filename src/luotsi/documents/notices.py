"""Notices to Kela (M8): the change, queue, skipped-step and deviation notices of one case,
and the group-start postponement (a notice to Kela's authority line and a letter per client).

Every notice names its addressee and channel as the seeds give them: changes, deviations
and skipped steps to Kela's authority line (000 Muutoksista ilmoittaminen 1/2: "Muutoksista
ilmoitetaan Kelan viranomaislinjalle ... ma–pe klo 9–15 numerossa 020 692 235"), the queue
notice by e-mail to kuntoutusetuudet_keskus@kela.fi (004 Jonotilanteesta ilmoittaminen),
group-start postponements to the authority line and to the clients (003 Vastaus 13).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from luotsi.documents.build import (
    DocumentRefused,
    _parties,
    _require,
    _require_parties,
)
from luotsi.documents.i18n import REASONS, STRINGS, fmt_date, fmt_span
from luotsi.rules import Case
from luotsi.rules.groups import group_start
from luotsi.rules.model import Certificate, KelaNotice, StepSkipped

AUTHORITY_LINE_PHONE = "020 692 235"
QUEUE_EMAIL = "kuntoutusetuudet_keskus@kela.fi"

# The notice kinds of one case (``--kind`` of ``luotsi notice``).
CASE_KINDS = ("change", "queue", "skipped_step", "deviation")

NOTICE_STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        "addressee": "Vastaanottaja",
        "channel": "Ilmoitustapa",
        "source": "Peruste",
        "kela_authority_line": "Kela, viranomaislinja",
        "kela_queue": "Kela, kuntoutusetuudet",
        "channel_phone": (
            f"puhelimitse Kelan viranomaislinjalle {AUTHORITY_LINE_PHONE} (ma–pe klo 9–15)"
        ),
        "channel_email": f"sähköpostilla osoitteeseen {QUEUE_EMAIL}",
        "channel_letter": "kirjeenä asiakkaalle",
        "source_change": (
            "Kelan kumppanitapaaminen 31.3.2026: muutoksista ilmoitetaan viipymättä Kelan "
            "viranomaislinjalle."
        ),
        "source_queue": (
            "Kelan kumppanitapaaminen 17.9.2024: jonotilanteesta ilmoitetaan osoitteeseen "
            "kuntoutusetuudet_keskus@kela.fi."
        ),
        "source_step": (
            "Kelan kumppanitapaaminen 17.9.2024: jos kuntoutusprosessin vaihe jää toteutumatta "
            "asiakkaan tilanteesta johtuen, se ilmoitetaan ja selvitetään Kelalle."
        ),
        "source_group": (
            "Taito-koulutus 18.11.2021, vastaus 13: aloitusajankohdan siirrosta ilmoitetaan Kelan "
            "viranomaislinjalle ja asiakkaille."
        ),
        "step_title": "Ilmoitus Kelaan: kuntoutusprosessin vaihe jäi toteutumatta",
        "deviation_title": "Ilmoitus Kelaan: poikkeama kuntoutuksen toteutuksessa",
        "step": "Toteutumatta jäänyt vaihe",
        "step_date": "Päivämäärä",
        "step_reason": "Syy (asiakkaan tilanne)",
        "deviation": "Poikkeama",
        "deviation_date": "Alkaen",
        "group_title": "Ilmoitus Kelaan: ryhmän aloitusajankohdan siirto",
        "group_letter_title": "Ryhmän aloitusajankohta siirtyy",
        "group": "Ryhmä",
        "planned_start": "Suunniteltu aloitus",
        "new_start": "Uusi aloitus",
        "enrolled": "Asiakkaita ryhmässä",
        "max_size": "Suunniteltu enimmäismäärä",
        "minimum": "Aloittamisen vähimmäismäärä",
        "clients_windows": "Asiakkaat ja aloituksen aikaikkuna (noin 2–4 kk päätöksestä)",
        "decision_date": "Päätös",
        "window": "Aloitus aikaisintaan – viimeistään",
        "group_reason": (
            "Ryhmässä on vähemmän asiakkaita kuin aloittamisen vähimmäismäärä, joten ryhmän "
            "aloitusta siirretään."
        ),
        "letter_body": (
            "Kuntoutusryhmäsi aloitus siirtyy, koska ryhmässä on vielä liian vähän osallistujia. "
            "Ryhmän aloitukseksi oli suunniteltu {planned_start}; ryhmä alkaa {new_start}, noin "
            "2–4 kuukauden kuluttua kuntoutuspäätöksestäsi. Olemme ilmoittaneet siirrosta Kelan "
            "viranomaislinjalle."
        ),
        "letter_contact": "Lisätietoja antaa",
        "what_pause": "Tauko (jaksotus) {span}, syy: {reason}.",
        "what_sickness": "Sairauspoissaolo {span}.",
        "what_interruption": "Kuntoutus keskeytyi {date}.",
        "what_workplace_phase": "Työpaikkajakso ei ollut alkanut määräajassa ({date} mennessä).",
        "what_other_work": "Asiakas on tehnyt kuntoutuksen ohella muuta työtä ({date} alkaen).",
        "what_paid_work_trial": "Asiakas aloitti palkallisen työkokeilun {date}.",
        "what_cannot_commit": (
            "Asiakas ei pysty sitoutumaan palvelukuvauksen mukaiseen kuntoutukseen ({date}): "
            "{reason}"
        ),
        "queue_reason_start": "Kuntoutusta ei voida aloittaa aloituksen määräajassa {date}: ",
        "unknown_reason": "syy kirjaamatta",
    },
    "sv": {
        "addressee": "Mottagare",
        "channel": "Anmälningssätt",
        "source": "Grund",
        "kela_authority_line": "FPA, myndighetslinjen",
        "kela_queue": "FPA, rehabiliteringsförmåner",
        "channel_phone": (
            f"per telefon till FPA:s myndighetslinje {AUTHORITY_LINE_PHONE} (mån–fre kl. 9–15)"
        ),
        "channel_email": f"per e-post till {QUEUE_EMAIL}",
        "channel_letter": "som brev till klienten",
        "source_change": (
            "FPA:s partnermöte 31.3.2026: ändringar anmäls utan dröjsmål till FPA:s "
            "myndighetslinje."
        ),
        "source_queue": (
            "FPA:s partnermöte 17.9.2024: kösituationen anmäls till "
            "kuntoutusetuudet_keskus@kela.fi."
        ),
        "source_step": (
            "FPA:s partnermöte 17.9.2024: om ett steg i rehabiliteringsprocessen inte genomförs på "
            "grund av klientens situation ska det anmälas och redogöras för FPA."
        ),
        "source_group": (
            "Taito-utbildning 18.11.2021, svar 13: uppskov med starttidpunkten anmäls till FPA:s "
            "myndighetslinje och klienterna."
        ),
        "step_title": "Anmälan till FPA: ett steg i rehabiliteringsprocessen genomfördes inte",
        "deviation_title": "Anmälan till FPA: avvikelse i genomförandet av rehabiliteringen",
        "step": "Steg som inte genomfördes",
        "step_date": "Datum",
        "step_reason": "Orsak (klientens situation)",
        "deviation": "Avvikelse",
        "deviation_date": "Från och med",
        "group_title": "Anmälan till FPA: uppskov med gruppens starttidpunkt",
        "group_letter_title": "Gruppens starttidpunkt skjuts upp",
        "group": "Grupp",
        "planned_start": "Planerad start",
        "new_start": "Ny start",
        "enrolled": "Klienter i gruppen",
        "max_size": "Planerat maximiantal",
        "minimum": "Minimiantal för att starta",
        "clients_windows": (
            "Klienterna och tidsfönstret för starten (cirka 2–4 mån. efter beslutet)"
        ),
        "decision_date": "Beslut",
        "window": "Start tidigast – senast",
        "group_reason": (
            "Gruppen har färre klienter än minimiantalet för att starta, så starten skjuts upp."
        ),
        "letter_body": (
            "Starten för din rehabiliteringsgrupp skjuts upp eftersom gruppen ännu har för få "
            "deltagare. Gruppen skulle ha börjat {planned_start}; den börjar {new_start}, cirka "
            "2–4 månader efter ditt rehabiliteringsbeslut. Vi har anmält uppskovet till FPA:s "
            "myndighetslinje."
        ),
        "letter_contact": "Mer information ger",
        "what_pause": "Avbrott i perioderna {span}, orsak: {reason}.",
        "what_sickness": "Sjukfrånvaro {span}.",
        "what_interruption": "Rehabiliteringen avbröts {date}.",
        "what_workplace_phase": (
            "Arbetsplatsfasen hade inte börjat inom tidsfristen (senast {date})."
        ),
        "what_other_work": (
            "Klienten har arbetat vid sidan av rehabiliteringen (från och med {date})."
        ),
        "what_paid_work_trial": "Klienten började en avlönad arbetsprövning {date}.",
        "what_cannot_commit": (
            "Klienten kan inte förbinda sig till rehabiliteringen enligt tjänstebeskrivningen "
            "({date}): {reason}"
        ),
        "queue_reason_start": "Rehabiliteringen kan inte inledas inom tidsfristen {date}: ",
        "unknown_reason": "orsaken inte registrerad",
    },
}


@dataclass(frozen=True)
class Addressee:
    """Where a notice goes: the addressee, the channel and the seed that says so."""

    name: str
    channel: str
    source: str


def addressee(kind: str, lang: str) -> Addressee:
    """The addressee and channel of a notice ``kind`` (``change``, ``queue``,
    ``skipped_step``, ``deviation``, ``group``, ``group_letter``)."""
    n = NOTICE_STRINGS[lang]
    if kind == "queue":
        return Addressee(n["kela_queue"], n["channel_email"], n["source_queue"])
    if kind == "group":
        return Addressee(n["kela_authority_line"], n["channel_phone"], n["source_group"])
    if kind == "group_letter":
        return Addressee("", n["channel_letter"], n["source_group"])
    source = n["source_step"] if kind == "skipped_step" else n["source_change"]
    return Addressee(n["kela_authority_line"], n["channel_phone"], source)


def describe(topic: str, lang: str, event: dict[str, Any] | None, on: dt.date | None) -> str:
    """What a notice says happened, from the finding's trigger ``topic`` (a KELA.NOTIFY
    trigger, ``cannot_commit`` or ``queue``) and the case event (contract form) behind it."""
    n = NOTICE_STRINGS[lang]
    data = event or {}
    start = dt.date.fromisoformat(data["from"]) if data.get("from") else on
    end = dt.date.fromisoformat(data["to"]) if data.get("to") else None
    span = fmt_span(start, end, lang) if start else ""
    reason = REASONS[lang].get(data.get("reason") or "", data.get("reason") or "")
    return n[f"what_{topic}" if topic != "queue" else "queue_reason_start"].format(
        span=span, date=fmt_date(on), reason=reason or n["unknown_reason"]
    )


def _strings(lang: str) -> dict[str, str]:
    return {**STRINGS[lang], **NOTICE_STRINGS[lang]}


def notice_context(
    case: Case,
    kind: str,
    lang: str,
    what: str | None = None,
    when: dt.date | None = None,
    new_certificate: bool | None = None,
    reason: str | None = None,
    expected_start: dt.date | None = None,
    sender: str | None = None,
    phone: str | None = None,
    issued: dt.date | None = None,
    step: str | None = None,
) -> dict[str, Any]:
    """A notice of one case to Kela: ``change``, ``queue``, ``skipped_step`` (a process step
    left undone, PROCESS.STEP_SKIPPED) or ``deviation`` (other work alongside, a paid work
    trial, a client who cannot commit: KELA.NOTIFY / CLIENT.CANNOT_COMMIT)."""
    if kind not in CASE_KINDS:
        raise DocumentRefused("--kind", f"unknown notice kind {kind!r}")
    doc = f"{kind} notice"
    _require_parties(case, doc)
    s = _strings(lang)
    ctx: dict[str, Any] = {"kind": kind, "lang": lang, "s": s, **_parties(case, lang)}
    certs = sorted((e for e in case.events if isinstance(e, Certificate)), key=lambda e: e.date)
    sender = sender or (certs[-1].author_name if certs else None)
    phone = phone or (certs[-1].author_phone if certs else None)
    ctx.update(sender=sender or "", phone=phone or "", issued=fmt_date(issued or dt.date.today()))
    ctx["to"] = addressee(kind, lang)
    if kind == "change":
        notices = sorted(
            (e for e in case.events if isinstance(e, KelaNotice)), key=lambda e: e.date
        )
        if what is None and notices:
            what = notices[-1].topic
            when = when or notices[-1].date
        _require(what, "--what (or a kela_notice event with a topic)", doc)
        _require(when, "--when", doc)
        assert when is not None
        if new_certificate is None:
            new_certificate = any(c.date >= when for c in certs)
        ctx.update(
            title=s["change_title"],
            what=what,
            when=fmt_date(when),
            new_certificate=s["yes"] if new_certificate else s["no"],
        )
    elif kind == "queue":
        _require(reason, "--reason", doc)
        ctx.update(title=s["queue_title"], reason=reason, expected_start=fmt_date(expected_start))
    elif kind == "skipped_step":
        skipped = sorted(
            (e for e in case.events if isinstance(e, StepSkipped)), key=lambda e: e.date
        )
        latest = next((e for e in reversed(skipped) if when is None or e.date == when), None)
        if latest is not None:
            step = step or latest.step
            reason = reason or latest.reason
            when = when or latest.date
        _require(step, "--step (or a step_skipped event with a step)", doc)
        _require(reason, "--reason", doc)
        _require(when, "--when", doc)
        ctx.update(title=s["step_title"], step=step, reason=reason, when=fmt_date(when))
    else:  # deviation
        _require(what, "--what", doc)
        _require(when, "--when", doc)
        ctx.update(title=s["deviation_title"], what=what, when=fmt_date(when))
    return ctx


@dataclass(frozen=True)
class GroupClient:
    """One client of a group whose start is postponed (from the client's case file)."""

    case: Case

    @property
    def decision(self) -> dt.date:
        return self.case.decision.given or self.case.decision.received


def group_notice_contexts(
    cases: list[Case],
    max_size: int,
    lang: str,
    group: str,
    planned_start: dt.date,
    new_start: dt.date,
    on: dt.date | None = None,
    sender: str | None = None,
    phone: str | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The group-start postponement (GROUP.MIN_START, 003 Vastaus 13), from
    :func:`luotsi.rules.groups.group_start`'s answer for these clients: the notice to Kela's
    authority line, and one letter per client.

    Refused unless the answer is ``may_postpone`` and ``new_start`` is within it (on or
    before ``postpone_until``, the earliest client's 4 months)."""
    on = on or dt.date.today()
    _require(group, "--group", "group postponement notice")
    _require(sender, "--sender", "group postponement notice")
    if not cases:
        raise DocumentRefused("CASE.json", "no client case files given", code="missing")
    for index, case in enumerate(cases):
        _require_parties(case, f"group postponement letter ({index + 1})")
    clients = [GroupClient(c) for c in cases]
    answer = group_start(max_size, len(cases), [c.decision for c in clients], on)
    if answer.verdict != "may_postpone":
        raise DocumentRefused(
            "--max-size",
            f"group-start answers {answer.verdict!r} for {len(cases)} clients and a planned "
            f"maximum of {max_size}: the start is not postponed",
            code="not_postponed",
        )
    assert answer.latest is not None
    if new_start > answer.latest:
        raise DocumentRefused(
            "--new-start",
            f"{new_start.isoformat()} is after {answer.latest.isoformat()}, the latest start "
            "(about 4 months after the earliest client's decision)",
            code="too_late",
        )
    s = _strings(lang)
    provider = cases[0].contract
    common: dict[str, Any] = {
        "lang": lang,
        "s": s,
        "provider": provider.provider,
        "business_id": provider.business_id,
        "group": group,
        "planned_start": fmt_date(planned_start),
        "new_start": fmt_date(new_start),
        "sender": sender or "",
        "phone": phone or "",
        "issued": fmt_date(on),
    }
    windows = {d: (a, b) for d, a, b in answer.windows}
    rows = [
        {
            "name": c.case.client.name,
            "identity_code": c.case.client.identity_code,
            "decision": fmt_date(c.decision),
            "window": f"{fmt_date(windows[c.decision][0])}–{fmt_date(windows[c.decision][1])}",
        }
        for c in sorted(clients, key=lambda c: (c.decision, c.case.client.name or ""))
    ]
    kela = {
        **common,
        "kind": "group",
        "title": s["group_title"],
        "to": addressee("group", lang),
        "enrolled": answer.enrolled,
        "max_size": answer.max_size,
        "minimum": answer.minimum,
        "until": fmt_date(answer.latest),
        "clients": rows,
        "client_name": group,
    }
    letters = []
    for c in clients:
        letters.append(
            {
                **common,
                **_parties(c.case, lang),
                "kind": "group_letter",
                "title": s["group_letter_title"],
                "to": addressee("group_letter", lang),
                "body": s["letter_body"].format(
                    planned_start=fmt_date(planned_start), new_start=fmt_date(new_start)
                ),
            }
        )
    return kela, letters
