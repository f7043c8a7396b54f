"""Demo data for the managers' pages: acknowledged violations and a holiday cover.

Done through the services as their users would (``dashboards.service.acknowledge`` by the
responsible coach, ``clients.service.hand_over`` by the team lead), so the case history,
the change log and the access rights are what they would be. Loading again adds nothing.
"""

from __future__ import annotations

from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseFinding
from luotsi.clients.models import Client
from luotsi.clients.service import hand_over
from luotsi.dashboards.models import FindingAcknowledgement
from luotsi.dashboards.service import acknowledge
from luotsi.organisations.models import Organisation

# Case number, rule, note: meetings already held late cannot be put right; once reported,
# the coach acknowledges them and they leave the to-do list.
ACKNOWLEDGED = [
    (
        "DEMO-TK-07",
        "PHASE1.DEADLINE",
        "Suunnittelutapaaminen pidettiin myöhässä asiakkaan sairastumisen vuoksi. "
        "Ilmoitettu Kelan viranomaislinjalle; Kela ei edellytä toimenpiteitä.",
    ),
    (
        "DEMO-TV-07",
        "PHASE1.DEADLINE",
        "Tapaaminen siirtyi työnantajan aikataulun vuoksi. Ilmoitettu Kelalle puhelimitse.",
    ),
]
# Mikko Lehtonen is on holiday: the team lead Aino Koskinen covers two of his clients.
HOLIDAY_COVER = ("aino.koskinen", "aino.koskinen", ["DEMO-TK-02", "DEMO-TV-03"])


def load_workload(organisation: Organisation) -> None:
    cases = {
        case.external_id: case
        for case in Case.objects.filter(organisation=organisation).select_related("client")
    }
    for number, rule, note in ACKNOWLEDGED:
        case = cases.get(number)
        if case is None or FindingAcknowledgement.objects.filter(case=case, rule=rule).exists():
            continue
        violation = (
            CaseFinding.objects.filter(case=case, rule=rule, severity="violation")
            .order_by("pk")
            .first()
        )
        coach = case.client.responsible_coach
        if violation is None or coach is None:
            continue
        acknowledge(coach, case, rule=rule, date=violation.date, due=violation.due, note=note)
    lead_name, cover_name, numbers = HOLIDAY_COVER
    lead = User.objects.filter(username=lead_name).first()
    cover = User.objects.filter(username=cover_name).first()
    clients = [
        cases[number].client
        for number in numbers
        if number in cases
        and cases[number].client.responsible_coach_id != getattr(cover, "pk", None)
    ]
    if lead is not None and cover is not None and clients and not _handed_over_before(clients):
        hand_over(lead, clients, cover)


def _handed_over_before(clients: list[Client]) -> bool:
    from luotsi.access.models import ChangeLogEntry

    return ChangeLogEntry.objects.filter(
        client__in=clients, object_type="client", fields=["responsible_coach"]
    ).exists()
