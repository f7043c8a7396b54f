"""Kela's audits: the service (deadlines, effectiveness check before closing, errors at
the field), the pages (who may, query counts), the recompute command and the response
letter PDF in Finnish and Swedish."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from luotsi.access.models import ChangeLogEntry
from luotsi.quality import service
from luotsi.quality.models import Audit, AuditDueItem, AuditFinding, CorrectiveAction
from tests.factories import PASSWORD

VISIT = dt.date(2026, 3, 10)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def audit(world):
    return service.save_audit(
        None,
        world.org,
        visited_on=VISIT,
        auditors="Kela, laaturyhmä: A. Auditoija",
        scope="TK ja TV, Porin toimipiste; 6 asiakasprosessia",
        services=["TK", "TV"],
        on=VISIT,
    )


def items(audit, on=None) -> list[tuple[str, str]]:
    if on is not None:
        service.recompute_due_items(audit, on)
    return [
        (i.message_en.split(":")[0], i.severity) for i in AuditDueItem.objects.filter(audit=audit)
    ]


def keys(audit) -> list[str]:
    return sorted(i.severity for i in AuditDueItem.objects.filter(audit=audit))


def test_an_audit_from_visit_to_closed_findings(world, audit) -> None:
    qm = world.quality_manager
    assert [i.due for i in AuditDueItem.objects.filter(audit=audit)] == [dt.date(2026, 4, 7)]
    major = service.add_finding(
        qm,
        audit,
        kind="major",
        area="client_safety",
        description="Ensiapukoulutus puuttui kahdelta valmentajalta.",
        safety=True,
        on=VISIT,
    )
    minor = service.add_finding(
        qm,
        audit,
        kind="minor",
        area="documentation",
        description="Kuntoutuspalaute toimitettiin myöhässä.",
        on=VISIT,
    )
    service.add_finding(
        qm,
        audit,
        kind="strength",
        area="client_process",
        description="Asiakaslähtöinen työote.",
        on=VISIT,
    )
    # Each deviation lacks an action: the major one at once (violation), the minor one due
    # by the response.
    assert sorted(AuditDueItem.objects.filter(audit=audit).values_list("severity", flat=True)) == [
        "due",
        "due",
        "violation",
    ]
    a1 = service.add_action(qm, major, description="EA 1 -koulutus molemmille.", owner=qm, on=VISIT)
    assert a1.due == VISIT and a1.ref == "1.1"
    a2 = service.add_action(
        qm, minor, description="Palautteiden määräaikaseuranta.", owner=world.coach, on=VISIT
    )
    assert a2.due == dt.date(2026, 4, 7)
    service.mark_done(qm, a1, done_on=VISIT, evidence="EA 1 -todistukset 10.3.2026", on=VISIT)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        service.close_action(qm, a1, on=VISIT)
    with translation.override("en"):
        messages = refused.value.error_dict["closed_on"][0].messages
    assert messages == ["Check the action's effectiveness before closing it."]
    service.record_check(
        qm,
        a1,
        checked_on=dt.date(2026, 3, 20),
        effectiveness_check="Ensiapuvalmius joka päivä: tarkistettu vuorolistoista.",
        on=dt.date(2026, 3, 20),
    )
    service.close_action(qm, a1, on=dt.date(2026, 3, 20))
    service.mark_done(
        qm, a2, done_on=dt.date(2026, 4, 1), evidence="Seurantalista", on=dt.date(2026, 4, 1)
    )
    service.record_check(
        qm,
        a2,
        checked_on=dt.date(2026, 4, 2),
        effectiveness_check="Kaikki palautteet ajallaan.",
        on=dt.date(2026, 4, 2),
    )
    service.close_action(qm, a2, on=dt.date(2026, 4, 2))
    service.save_audit(
        qm,
        world.org,
        audit=audit,
        response_sent_on=dt.date(2026, 4, 6),
        report_received_on=dt.date(2026, 3, 23),
        on=dt.date(2026, 4, 6),
    )
    assert not AuditDueItem.objects.filter(audit=audit).exists()
    assert all(
        f.is_closed for f in AuditFinding.objects.filter(audit=audit).prefetch_related("actions")
    )
    assert CorrectiveAction.objects.get(pk=a1.pk).checked_by == qm
    assert (
        ChangeLogEntry.objects.filter(object_type="corrective_action", client__isnull=True).count()
        == 8
    )


@pytest.mark.parametrize(
    ("on", "severity"),
    [
        (dt.date(2026, 4, 6), "due"),
        (dt.date(2026, 4, 7), "due"),
        (dt.date(2026, 4, 8), "violation"),
    ],
)
def test_the_response_is_due_four_weeks_after_the_visit(audit, on, severity) -> None:
    assert keys(audit) == ["due"]
    service.recompute_due_items(audit, on)
    assert keys(audit) == [severity]


def test_late_response_with_a_major_deviation_goes_to_the_contract_party(world, audit) -> None:
    service.add_finding(
        None, audit, kind="major", area="staff", description="Työpari puuttui.", on=VISIT
    )
    service.recompute_due_items(audit, dt.date(2026, 4, 8))
    messages = list(AuditDueItem.objects.filter(audit=audit).values_list("message_fi", flat=True))
    assert any("Kelan sopimusosapuolelle" in m for m in messages)


@pytest.mark.parametrize(
    ("kind", "due", "field"),
    [
        ("major", VISIT + dt.timedelta(days=1), "due"),  # a major one is due at once
        ("minor", dt.date(2026, 4, 8), "due"),  # a minor one by the response
        ("strength", None, "description"),
    ],
)
def test_an_action_cannot_be_due_after_kelas_deadline(world, audit, kind, due, field) -> None:
    finding = service.add_finding(None, audit, kind=kind, area="staff", description="x", on=VISIT)
    with pytest.raises(ValidationError) as refused:
        service.add_action(
            None, finding, description="y", owner=world.quality_manager, due=due, on=VISIT
        )
    assert field in refused.value.error_dict
    assert not CorrectiveAction.objects.exists()


def test_minor_action_on_the_last_day_is_accepted(world, audit) -> None:
    finding = service.add_finding(
        None, audit, kind="minor", area="staff", description="x", on=VISIT
    )
    action = service.add_action(
        None,
        finding,
        description="y",
        owner=world.quality_manager,
        due=dt.date(2026, 4, 7),
        on=VISIT,
    )
    assert action.due == dt.date(2026, 4, 7)


def test_bad_audit_input_names_the_field(world) -> None:
    with pytest.raises(ValidationError) as refused:
        service.save_audit(
            None,
            world.org,
            visited_on=VISIT,
            auditors=" ",
            scope="x",
            response_sent_on=dt.date(2026, 3, 9),
        )
    assert set(refused.value.error_dict) == {"auditors", "response_sent_on"}
    assert not Audit.objects.exists()


def test_a_check_before_the_action_was_done_is_refused(world, audit) -> None:
    finding = service.add_finding(
        None, audit, kind="minor", area="staff", description="x", on=VISIT
    )
    action = service.add_action(
        None, finding, description="y", owner=world.quality_manager, on=VISIT
    )
    with pytest.raises(ValidationError) as refused:
        service.record_check(None, action, checked_on=VISIT, effectiveness_check="z", on=VISIT)
    assert "checked_on" in refused.value.error_dict
    service.mark_done(
        None, action, done_on=dt.date(2026, 3, 12), evidence="e", on=dt.date(2026, 3, 12)
    )
    with pytest.raises(ValidationError):
        service.record_check(
            None,
            action,
            checked_on=dt.date(2026, 3, 11),
            effectiveness_check="z",
            on=dt.date(2026, 3, 12),
        )


def test_only_the_organisations_quality_manager_or_administrator(world, audit) -> None:
    for user in (world.coach, world.team_lead, world.other_administrator):
        with pytest.raises(PermissionDenied):
            service.add_finding(user, audit, kind="minor", area="staff", description="x")


def test_recompute_command(world, audit) -> None:
    out = io.StringIO()
    call_command("recompute_quality", "--on", "2026-04-08", stdout=out)
    assert "1 audits" in out.getvalue()
    assert keys(audit) == ["violation"]


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_audit_pages_walk_through(client, world, audit) -> None:
    login(client, world.quality_manager)
    url = reverse("quality:audit", kwargs={"audit_id": audit.pk})
    response = client.post(
        reverse("quality:finding_add", kwargs={"audit_id": audit.pk}),
        {
            "finding-kind": "minor",
            "finding-area": "documentation",
            "finding-description": "Palaute myöhässä",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    finding = audit.findings.get()
    add = reverse("quality:action_add", kwargs={"audit_id": audit.pk, "finding_id": finding.pk})
    bad = client.post(
        add,
        {
            f"action-{finding.pk}-description": "Seuranta",
            f"action-{finding.pk}-owner": world.coach.pk,
            f"action-{finding.pk}-due": "2026-05-01",
        },
    )
    assert (
        bad.status_code == 200
        and "due" in bad.content.decode()
        and not CorrectiveAction.objects.exists()
    )
    assert (
        client.post(
            add,
            {
                f"action-{finding.pk}-description": "Seuranta",
                f"action-{finding.pk}-owner": world.coach.pk,
            },
        ).status_code
        == 302
    )
    action = CorrectiveAction.objects.get()
    close = reverse("quality:action_close", kwargs={"audit_id": audit.pk, "action_id": action.pk})
    refused = client.post(close)
    assert (
        refused.status_code == 200
        and "Toimenpidettä ei ole vielä toteutettu." in refused.content.decode()
    )
    assert (
        client.get(close).status_code == 302
    )  # a GET on a POST-only address goes back to the page
    page = client.get(url)
    assert page.status_code == 200 and "Palaute myöhässä" in page.content.decode()


def test_the_audit_page_query_count_does_not_grow(
    client, world, audit, django_assert_max_num_queries
) -> None:
    login(client, world.quality_manager)
    url = reverse("quality:audit", kwargs={"audit_id": audit.pk})
    finding = service.add_finding(
        None, audit, kind="minor", area="staff", description="x", on=VISIT
    )
    service.add_action(None, finding, description="y", owner=world.coach, on=VISIT)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(5):
        f = service.add_finding(
            None, audit, kind="major", area="premises", description=f"x{i}", on=VISIT
        )
        a = service.add_action(None, f, description="y", owner=world.coach, on=VISIT)
        service.mark_done(None, a, done_on=VISIT, evidence="e", on=VISIT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["Palveluntuottajan vastine", "Merkittävä poikkeama", "Näyttö"]),
        ("sv", ["Serviceproducentens bemötande", "Betydande avvikelse", "Belägg"]),
    ],
)
def test_the_response_letter_pdf(client, world, audit, lang, words) -> None:
    finding = service.add_finding(
        None,
        audit,
        kind="major",
        area="client_safety",
        description="Ensiapukoulutus puuttui.",
        on=VISIT,
    )
    action = service.add_action(
        None, finding, description="EA 1 -koulutus.", owner=world.quality_manager, on=VISIT
    )
    service.mark_done(
        None, action, done_on=VISIT, evidence="EA 1 -todistukset arkistossa.", on=VISIT
    )
    login(client, world.quality_manager)
    response = client.get(
        reverse("quality:response_letter", kwargs={"audit_id": audit.pk}) + f"?lang={lang}"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for word in [
        *words,
        "Ensiapukoulutus puuttui.",
        "EA 1 -todistukset arkistossa.",
        "10.3.2026",
        "7.4.2026",
    ]:
        assert word in text


AUDIT_URLS = [
    "quality:audits",
    "quality:audit_create",
    "quality:audit",
    "quality:audit_edit",
    "quality:response_letter",
]


@pytest.mark.parametrize("name", AUDIT_URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("quality_manager", 200),
        ("administrator", 200),
        ("coach", 403),
        ("team_lead", 403),
        ("other_administrator", 404),
    ],
)
def test_authorization_matrix(client, world, audit, name, role, status) -> None:
    kwargs = (
        {"audit_id": audit.pk} if name not in ("quality:audits", "quality:audit_create") else {}
    )
    if role == "other_administrator" and not kwargs:
        status = 200  # their own organisation's page
    login(client, getattr(world, role))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == status
