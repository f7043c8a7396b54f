"""Spreadsheet imports: template → upload → dry run (each row's outcome at its cell) →
confirm, all or nothing; refusals of the file; who may import; the access log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from luotsi import tabular
from luotsi.access.models import AccessLogEntry, ChangeLogEntry
from luotsi.cases.models import Case
from luotsi.clients.models import Client
from luotsi.demo.identity import make_identity_code
from luotsi.imports.columns import CLIENT_COLUMNS, DECISION_COLUMNS
from luotsi.imports.models import ImportBatch

pytestmark = pytest.mark.django_db

CLIENT_HEADERS = [c.headers[0] for c in CLIENT_COLUMNS]
DECISION_HEADERS = [c.headers[0] for c in DECISION_COLUMNS]


def code(n: int) -> str:
    return make_identity_code(dt.date(1980, 1, 1) + dt.timedelta(days=n), 960)


def client_row(n, **overrides):
    row = {
        "Henkilötunnus": code(n),
        "Etunimi": f"Etu{n}",
        "Sukunimi": f"Suku{n}",
        "Kieli": "fi",
        "Puhelin": "",
        "Sähköposti": "",
        "Osoite": "",
        "Vastuuvalmentaja": "lead",
        "Tiimi": "Tiimi A",
    }
    row.update(overrides)
    return [row[h] for h in CLIENT_HEADERS]


def xlsx(headers, rows):
    return tabular.xlsx_bytes([tabular.Sheet("Asiakkaat", headers, rows)])


def csv(headers, rows):
    return tabular.csv_bytes(tabular.Sheet("x", headers, rows))


@pytest.fixture
def lead(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.team_lead)
    return client


def upload(http, content, kind="clients", name="asiakkaat.xlsx"):
    return http.post(
        reverse("clients:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def preview_of(http, response):
    assert response.status_code == 302, response.content[:500]
    page = http.get(response["Location"])
    assert page.status_code == 200
    return page


def confirm(http, page):
    return http.post(
        reverse("clients:import"),
        {"batch": page.context["batch"].pk, "digest": page.context["digest"], "confirm": "1"},
    )


def test_the_template_comes_back_as_a_valid_import(lead, world):
    template = lead.get(reverse("clients:import_template"), {"kind": "clients", "format": "xlsx"})
    assert template.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(template.content)).get_sheet_by_index(0)
    assert rows.to_python()[0] == CLIENT_HEADERS
    page = preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(1), client_row(2)])))
    assert [row.outcome for row in page.context["result"].rows] == ["create", "create"]
    assert not Client.objects.filter(first_name="Etu1").exists()  # the dry run stores nothing
    done = confirm(lead, page)
    assert done.status_code == 302
    created = Client.objects.get(first_name="Etu1")
    assert created.team == world.team_a and created.responsible_coach == world.team_lead
    assert ChangeLogEntry.objects.filter(client=created, action="create").exists()
    batch = ImportBatch.objects.get()
    assert batch.status == "imported" and batch.content == ""
    assert batch.summary == {"create": 2, "update": 0, "unchanged": 0, "refused": 0}
    actions = list(
        AccessLogEntry.objects.filter(view_name="clients:import").values_list("action", flat=True)
    )
    assert actions and set(actions) == {"create"}


def test_update_and_unchanged_rows(lead, world):
    own = world.own_client
    rows = [
        client_row(0, Henkilötunnus=own.identity_code, Etunimi="Oona", Sukunimi="Oma",
                   Vastuuvalmentaja="coach", Puhelin="+358 40 111"),
        client_row(0, Henkilötunnus=code(5), Etunimi="Uusi", Sukunimi="Tulija"),
    ]  # fmt: skip
    page = preview_of(lead, upload(lead, csv(CLIENT_HEADERS, rows), name="a.csv"))
    update, create = page.context["result"].rows
    assert (update.outcome, update.changed) == ("update", ["phone"])
    assert "Changes: Phone" in page.content.decode()
    assert create.outcome == "create"
    assert confirm(lead, page).status_code == 302
    own.refresh_from_db()
    assert own.phone == "+358 40 111"
    again = preview_of(lead, upload(lead, csv(CLIENT_HEADERS, rows), name="a.csv"))
    assert [r.outcome for r in again.context["result"].rows] == ["unchanged", "unchanged"]


def test_bad_rows_are_refused_at_their_cells_and_nothing_is_imported(lead, world):
    rows = [
        client_row(1),
        client_row(2, Henkilötunnus="020490-9011"),  # wrong check character
        client_row(3, Vastuuvalmentaja="nobody"),
        client_row(4, Sähköposti="not-an-address"),
        client_row(1),  # the same person again
        client_row(6, Henkilötunnus=world.other_coach_client.identity_code),  # another team's
    ]
    page = preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, rows)))
    result = page.context["result"]
    assert [r.outcome for r in result.rows] == ["create", *["refused"] * 5]
    cells = [r.problems[0][0] for r in result.rows[1:]]
    assert cells == ["A3", "H4", "F5", "A6", "A7"]
    assert "check character" in result.rows[1].problems[0][1]
    assert result.rows[2].label == "Etu3 Suku3"  # a refused row still says who it is
    assert "row 2" in result.rows[4].problems[0][1]
    html = page.content.decode()
    assert "H4" in html and "Confirm and import" not in html
    before = Client.objects.count()
    refused = confirm(lead, page)
    assert refused.status_code == 409
    assert "Nothing was imported" in refused.content.decode()
    assert Client.objects.count() == before  # all or nothing


def test_decisions_with_a_bad_date_order_are_refused(lead, world):
    own = world.own_client
    rows = [
        [f"TK-{n}", own.identity_code, "TK", received, 45, "kyllä", statement, "kyllä", "ei"]
        for n, received, statement in [
            (1, "5.1.2026", "12.12.2025"),
            (2, "5.1.2026", "6.1.2026"),  # the statement after the decision
            (3, "31.2.2026", ""),
        ]
    ]
    page = preview_of(
        lead, upload(lead, csv(DECISION_HEADERS, rows), kind="decisions", name="p.csv")
    )
    first, after, impossible = page.context["result"].rows
    assert first.outcome == "create"
    assert after.outcome == "refused" and after.problems[0][0] == "G3"
    assert "after the decision was received" in after.problems[0][1]
    assert impossible.problems[0][0] == "D4"
    assert confirm(lead, page).status_code == 409
    assert not Case.objects.exists()
    good = preview_of(
        lead, upload(lead, csv(DECISION_HEADERS, rows[:1]), kind="decisions", name="p.csv")
    )
    assert confirm(lead, good).status_code == 302
    case = Case.objects.get(external_id="TK-1")
    assert case.client == own and case.medical_statement_b == dt.date(2025, 12, 12)
    assert case.findings.exists()  # evaluated at once


def test_a_changed_database_between_preview_and_confirm_is_not_imported(lead, world):
    page = preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(1)])))
    from luotsi.clients.service import create_client

    create_client(
        None,
        organisation=world.org,
        identity_code=code(1),
        first_name="Ehti",
        last_name="Ensin",
        team=world.team_a,
    )  # the row is now an update, not the create previewed
    response = confirm(lead, page)
    assert response.status_code == 409
    assert "changed since the preview" in response.content.decode()
    assert Client.objects.filter(first_name="Etu1").count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("kuva.xlsx", b"PK\x03\x04not really a workbook at all"),
        ("empty.csv", b""),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_at_the_field(lead, name, content):
    response = upload(lead, content, name=name)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()


def test_unknown_and_missing_columns_are_named(lead):
    response = upload(lead, csv(["Henkilötunnus", "Lempinimi"], [[code(1), "x"]]), name="a.csv")
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["file"])
    assert "Unknown column “Lempinimi” (column B)" in errors
    assert "The column “Etunimi” is missing" in errors


def test_a_50_mb_upload_is_refused_with_a_clear_message(lead):
    content = b"Henkil\xc3\xb6tunnus;Etunimi;Sukunimi\r\n" + b"x" * (50 * 1024 * 1024)
    response = upload(lead, content, name="iso.csv")
    assert response.status_code == 413
    message = response.context["form"].errors["file"][0]
    assert "50.0 MB" in message and "at most 10 MB" in message
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("role", ["coach", "quality_manager", "administrator"])
def test_only_team_leads_import(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("clients:import")).status_code == 403
    response = client.post(
        reverse("clients:import"),
        {
            "kind": "clients",
            "file": SimpleUploadedFile("a.csv", csv(CLIENT_HEADERS, [client_row(1)])),
        },
    )
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_another_users_upload_is_not_found(lead, world, client):
    page = preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(1)])))
    from django.test import Client as HttpClient

    other = HttpClient()
    other.force_login(world.coach)  # not a team lead: refused before looking
    assert (
        other.get(reverse("clients:import") + f"?batch={page.context['batch'].pk}").status_code
        == 403
    )


@pytest.mark.parametrize("role", ["coach", "team_lead", "quality_manager", "administrator"])
def test_create_clients_obeys_the_policy_as_create_client_does(world, role):
    from django.core.exceptions import PermissionDenied

    from luotsi.clients.service import ClientsRefused, create_clients

    user = getattr(world, role)
    entries = [
        {"identity_code": code(40), "first_name": "A", "last_name": "B", "team": world.team_a},
        {"identity_code": code(41), "first_name": "C", "last_name": "D", "team": world.team_b},
    ]
    before = Client.objects.count()
    if role in ("quality_manager", "administrator"):
        with pytest.raises(PermissionDenied):
            create_clients(user, entries)
    else:  # team B is out of reach for both: all or nothing
        with pytest.raises(ClientsRefused) as refused:
            create_clients(user, entries)
        assert list(refused.value.errors) == [1]
        assert "team" in refused.value.errors[1]
        created = create_clients(user, entries[:1])
        assert [c.first_name for c in created] == ["A"]
        assert ChangeLogEntry.objects.filter(client=created[0], action="create").exists()
    assert Client.objects.count() == before + (1 if role in ("coach", "team_lead") else 0)


def test_the_kept_file_and_preview_hold_no_plain_identity_code(lead):
    plain = code(77)
    bad = client_row(78, Henkilötunnus=code(77), Sähköposti="not-an-address")  # refused
    preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(77), bad])))
    batch = ImportBatch.objects.get()
    stored = " ".join(
        str(value)
        for value in ImportBatch.objects.values_list(
            "content", "preview", "summary", "filename", "digest"
        ).get()
    )
    assert batch.content and plain not in stored and plain.replace("-", "") not in stored


def test_a_changed_decision_is_updated_with_its_case_checked(lead, world):
    own = world.own_client

    def decision(received="5.1.2026", days=45, service="TK"):
        return [["TK-9", own.identity_code, service, received, days, "kyllä", "", "kyllä", "ei"]]

    first = preview_of(lead, upload(lead, csv(DECISION_HEADERS, decision()), "decisions", "d.csv"))
    assert confirm(lead, first).status_code == 302
    case = Case.objects.get(external_id="TK-9")
    case.events.create(
        type="meeting", date=dt.date(2026, 1, 12), data={"type": "meeting", "date": "2026-01-12"}
    )
    same = preview_of(lead, upload(lead, csv(DECISION_HEADERS, decision()), "decisions", "d.csv"))
    assert [r.outcome for r in same.context["result"].rows] == ["unchanged"]
    more = preview_of(
        lead, upload(lead, csv(DECISION_HEADERS, decision(days=60)), "decisions", "d.csv")
    )
    (row,) = more.context["result"].rows
    assert (row.outcome, row.changed) == ("update", ["granted_days"])
    case.refresh_from_db()
    assert case.granted_days == 45  # the dry run stored nothing
    assert confirm(lead, more).status_code == 302
    case.refresh_from_db()
    assert (case.granted_days, case.version) == (60, 2)
    assert ChangeLogEntry.objects.filter(object_type="case", fields=["granted_days"]).exists()
    late = preview_of(
        lead, upload(lead, csv(DECISION_HEADERS, decision("20.1.2026")), "decisions", "d.csv")
    )
    (row,) = late.context["result"].rows
    assert row.outcome == "refused" and row.problems[0][0] == "D2"
    assert "recorded on 12.1.2026, before this date" in row.problems[0][1]
    other = preview_of(
        lead, upload(lead, csv(DECISION_HEADERS, decision(service="TV")), "decisions", "d.csv")
    )
    assert other.context["result"].rows[0].problems[0][0] == "C2"


def test_update_decision_is_optimistically_locked(world):
    from django.core.exceptions import ValidationError

    from luotsi.cases.service import StaleVersion, create_case, update_decision

    case = create_case(
        world.coach, world.org, world.own_client, service="TK", external_id="U-1",
        received=dt.date(2026, 1, 5),
    )  # fmt: skip
    update_decision(world.coach, case, 1, granted_days=40)
    with pytest.raises(StaleVersion):
        update_decision(world.coach, case, 1, granted_days=50)
    with pytest.raises(TypeError):
        update_decision(world.coach, case, 2, service="TV")
    with pytest.raises(ValidationError):  # a negative number of days: the case file's rule
        update_decision(world.coach, case, 2, granted_days=-1)
    case.refresh_from_db()
    assert (case.granted_days, case.version) == (40, 2)


def test_a_new_upload_discards_the_earlier_unconfirmed_file(lead):
    first = preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(1)])))
    preview_of(lead, upload(lead, xlsx(CLIENT_HEADERS, [client_row(2)])))
    earlier = ImportBatch.objects.get(pk=first.context["batch"].pk)
    assert (earlier.status, earlier.content) == ("discarded", "")
    assert confirm(lead, first).status_code == 404  # it can no longer be confirmed
    assert ImportBatch.objects.filter(status="previewed").count() == 1


def test_the_decisions_template_has_the_given_date_and_imports_as_is(lead, world):
    template = lead.get(reverse("clients:import_template"), {"kind": "decisions", "format": "xlsx"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(template.content)).get_sheet_by_index(0)
    headers, example = sheet.to_python()[:2]
    assert headers == DECISION_HEADERS and headers[-1] == "Päätös annettu"
    assert example[-1] == "30.12.2025"


def given_row(number, received, given, identity_code):
    return [number, identity_code, "TK", received, 45, "kyllä", "", "kyllä", "ei", given]


def test_a_decision_row_takes_the_given_date_shown_in_the_dry_run(lead, world):
    own = world.own_client
    rows = [given_row("TK-1", "5.1.2026", "30.12.2025", own.identity_code)]
    page = preview_of(lead, upload(lead, csv(DECISION_HEADERS, rows), "decisions", "d.csv"))
    (row,) = page.context["result"].rows
    assert (row.outcome, row.shown) == ("create", [["given", "30.12.2025"]])
    assert "Decision given: 30.12.2025" in page.content.decode()
    assert not Case.objects.exists()  # the dry run stores nothing
    assert confirm(lead, page).status_code == 302
    case = Case.objects.get(external_id="TK-1")
    assert case.given == dt.date(2025, 12, 30)
    # A later file corrects it: an update of that field, in the case history.
    later = [given_row("TK-1", "5.1.2026", "2.1.2026", own.identity_code)]
    page = preview_of(lead, upload(lead, csv(DECISION_HEADERS, later), "decisions", "d.csv"))
    (row,) = page.context["result"].rows
    assert (row.outcome, row.changed) == ("update", ["given"])
    assert "Changes: Decision given" in page.content.decode()
    assert confirm(lead, page).status_code == 302
    case.refresh_from_db()
    assert case.given == dt.date(2026, 1, 2)
    revision = case.revisions.get(event_type="decision")
    assert (revision.before, revision.after) == ({"given": "2025-12-30"}, {"given": "2026-01-02"})
    # A file without the column leaves the stored date alone.
    headers = DECISION_HEADERS[:-1]
    same = preview_of(lead, upload(lead, csv(headers, [later[0][:-1]]), "decisions", "d.csv"))
    assert [r.outcome for r in same.context["result"].rows] == ["unchanged"]


def test_a_given_date_that_is_no_date_or_after_received_is_refused_at_its_cell(lead, world):
    own = world.own_client
    rows = [
        given_row("TK-1", "5.1.2026", "6.1.2026", own.identity_code),
        given_row("TK-2", "5.1.2026", "joulukuussa", own.identity_code),
        given_row("TK-3", "5.1.2026", "31.2.2026", own.identity_code),
        given_row("TK-4", "5.1.2026", "", own.identity_code),
    ]
    page = preview_of(lead, upload(lead, csv(DECISION_HEADERS, rows), "decisions", "d.csv"))
    after, text, impossible, empty = page.context["result"].rows
    assert after.outcome == "refused" and after.problems[0][0] == "J2"
    assert "given (6.1.2026) after it was received (5.1.2026)" in after.problems[0][1]
    assert list(text.problems[0]) == ["J3", "Not a date: write it as 13.3.2026."]
    assert impossible.problems[0][0] == "J4"
    assert (empty.outcome, empty.shown) == ("create", [])
    assert confirm(lead, page).status_code == 409
    assert not Case.objects.exists()
