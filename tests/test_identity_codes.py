"""Identity codes: validated, encrypted at rest, searchable only through a keyed hash,
masked in lists, never in plain text anywhere in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pypdf
import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from luotsi.casedocs.models import Document, FinalDocumentError
from luotsi.clients import crypto
from luotsi.clients.models import Client
from luotsi.clients.service import create_client
from luotsi.clients.validators import validate_identity_code
from luotsi.demo.identity import make_identity_code

pytestmark = pytest.mark.django_db

CODE = make_identity_code(dt.date(1994, 5, 17), 937)


def test_temporary_codes_pass_and_are_normalised():
    assert validate_identity_code(f" {CODE.lower()} ") == CODE


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (CODE[:-1] + ("A" if CODE[-1] != "A" else "B"), "checksum"),
        ("310290-9011", "component"),  # 31 February
        ("hello", "format"),
        ("010190-123", "format"),
    ],
)
def test_invalid_codes_say_what_is_wrong(value, code):
    with pytest.raises(ValidationError) as info:
        validate_identity_code(value)
    assert info.value.code == code


def test_a_date_of_birth_after_today_is_impossible():
    from django.utils import timezone

    today = timezone.localdate()
    assert validate_identity_code(make_identity_code(today, 923)) == make_identity_code(today, 923)
    with pytest.raises(ValidationError) as info:
        validate_identity_code(make_identity_code(today + dt.timedelta(days=1), 923))
    assert info.value.code == "component"


def test_the_code_is_encrypted_and_the_hash_is_keyed(world):
    stored = Client.objects.get(pk=world.own_client.pk)
    plain = stored.identity_code
    assert plain not in stored.identity_code_encrypted
    assert stored.identity_code_hmac != hashlib.sha256(plain.encode()).hexdigest()
    with override_settings(LUOTSI_HMAC_KEY="another-key-of-at-least-thirty-two-chars"):
        assert crypto.identity_code_hmac(plain) != stored.identity_code_hmac
    # Two encryptions of one code differ (random IV): equal codes cannot be spotted.
    assert crypto.encrypt(plain) != crypto.encrypt(plain)


def test_key_rotation_keeps_old_codes_readable(world, settings):
    token = Client.objects.get(pk=world.own_client.pk).identity_code_encrypted
    plain = world.own_client.identity_code
    old_key = settings.LUOTSI_ENCRYPTION_KEY
    new_key = Fernet.generate_key().decode()
    settings.LUOTSI_ENCRYPTION_KEY = f"{new_key},{old_key}"
    assert crypto.decrypt(token) == plain
    rotated = crypto.rotate(token)
    settings.LUOTSI_ENCRYPTION_KEY = new_key
    assert crypto.decrypt(rotated) == plain
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def test_missing_keys_are_refused(settings):
    settings.LUOTSI_ENCRYPTION_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(CODE)
    settings.LUOTSI_HMAC_KEY = "short"
    with pytest.raises(ImproperlyConfigured):
        crypto.identity_code_hmac(CODE)
    assert len(crypto.check_keys()) == 2


def test_search_by_full_identity_code(client, world):
    client.force_login(world.quality_manager)
    code = world.other_coach_client.identity_code
    response = client.post(reverse("clients:list"), {"q": f" {code.lower()} "})
    assert list(response.context["page"].object_list) == [world.other_coach_client]
    # The date part is the date of birth (shown masked in every list): it finds the
    # clients born that day, with or without the century sign, and is not echoed back.
    for part in (code[:6], code[:7]):
        response = client.post(reverse("clients:list"), {"q": part})
        assert list(response.context["page"].object_list) == [world.other_coach_client]
        assert f'value="{part}' not in response.content.decode()
    # Any longer part of the code is a name search, which finds nobody: the individual
    # part is never searched piecemeal (no guessing by prefix).
    for part in (code[:8], code[:9], code[:10], code[6:], code[7:10]):
        response = client.post(reverse("clients:list"), {"q": part})
        assert list(response.context["page"].object_list) == [], part


def test_an_identity_code_in_a_url_is_not_searched_for(client, world):
    """Codes are searched by POST only: a code in a URL would end up in server logs."""
    client.force_login(world.quality_manager)
    code = world.other_coach_client.identity_code
    response = client.get(reverse("clients:list"), {"q": code})
    assert list(response.context["page"].object_list) == []


def test_the_searched_code_is_not_echoed_back(client, world):
    client.force_login(world.coach)
    code = world.own_client.identity_code
    body = client.post(reverse("clients:list"), {"q": code}).content.decode()
    assert "Oma, Oona" in body
    assert code not in body


def test_search_by_name(client, world):
    client.force_login(world.quality_manager)
    response = client.get(reverse("clients:list"), {"q": "toin"})
    assert list(response.context["page"].object_list) == [world.other_coach_client]


def test_lists_mask_the_code_and_the_detail_page_shows_it(client, world):
    client.force_login(world.coach)
    body = client.get(reverse("clients:list")).content.decode()
    assert "020490-****" in body
    assert world.own_client.identity_code not in body
    url = reverse("clients:detail", kwargs={"client_id": world.own_client.pk})
    assert world.own_client.identity_code in client.get(url).content.decode()
    assert AccessLogEntry.objects.filter(client=world.own_client, action="view").exists()


def _make_data_with_codes(client, world):
    """Put identity codes through every path: create, search, audit lookup, failed forms,
    and finalised documents (a certificate and a notice: PDF, HTML, on-screen HTML, text)."""
    client.force_login(world.coach)
    new_code = make_identity_code(dt.date(1999, 9, 9), 999)
    client.post(
        reverse("clients:create"),
        {
            "first_name": "Uusi",
            "last_name": "Asiakas",
            "identity_code": new_code,
            "language": "fi",
            "team": world.team_a.pk,
        },
    )
    client.post(reverse("clients:list"), {"q": new_code})
    client.force_login(world.quality_manager)
    client.post(reverse("clients:audit_lookup"), {"identity_code": new_code})
    codes = [new_code, world.own_client.identity_code, world.other_org_client.identity_code]
    assert Client.objects.count() == 4
    _finalise_documents(world)
    return codes


def _finalise_documents(world):
    from luotsi.casedocs import service as docs
    from luotsi.cases.models import Case
    from luotsi.cases.service import import_case
    from luotsi.organisations.models import Office
    from tests.casedocs.test_casedocs import FEB, case_file

    Office.objects.create(
        organisation=world.org, name="Pori", street_address="Yrjönkatu 1",
        postal_code="28100", city="Pori",
    )  # fmt: skip
    world.coach.phone = "040 765 4321"
    world.coach.save()
    case = import_case(world.coach, world.org, world.own_client, case_file())
    certificate = docs.create_draft(world.coach, case, "certificate", "fi", *FEB)
    version = Case.objects.get(pk=case.pk).version
    docs.finalise(world.coach, certificate, version, on=dt.date(2026, 2, 15))
    notice = docs.create_draft(world.coach, case, "change_notice", "fi")
    docs.update_draft(
        world.coach, notice, what="Keskeytys", when="2026-02-11", new_certificate="no"
    )
    docs.finalise(world.coach, notice, Case.objects.get(pk=case.pk).version)
    finals = list(Document.objects.filter(status="final"))
    assert len(finals) == 2 and all(d.pdf and d.html and d.body for d in finals)
    # What is stored decrypts to documents that do name the client: the scan is not vacuous.
    code = world.own_client.identity_code
    assert code in _pdf_text(finals[0].pdf) and code in finals[0].html
    assert any(code in d.text for d in finals)


def _needles(codes):
    needles = set()
    for code in codes:
        needles |= {code, code.lower(), code[:6] + code[7:], code[7:] + code[:6]}
    return needles


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(data)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# Column types that hold text or bytes, by their database type's name.
_TEXT_TYPES = ("char", "text", "json", "clob", "uuid", "inet")
_BINARY_TYPES = ("bytea", "blob")
# Tables no model describes: Django's migration history and SQLite's own bookkeeping.
_NOT_MODELS = {"django_migrations", "sqlite_sequence"}


def text_and_binary_columns():
    """(table, [columns]) of every text and binary column of every model's table, found by
    introspecting the models: a new app's tables are scanned without touching this test."""
    for model in apps.get_models(include_auto_created=True):
        columns = []
        for field in model._meta.local_concrete_fields:
            db_type = (field.db_type(connection) or "").lower()
            if any(kind in db_type for kind in (*_TEXT_TYPES, *_BINARY_TYPES)):
                columns.append(field.column)
        yield model._meta.db_table, columns


def _values_as_text(value) -> str:
    """What a stored value says, as text: a plain PDF's extracted text, other bytes decoded."""
    if value is None:
        return ""
    if isinstance(value, bytes | memoryview | bytearray):
        data = bytes(value)
        if data.startswith(b"%PDF"):
            try:
                return "a plain PDF: " + _pdf_text(data)
            except pypdf.errors.PyPdfError:
                return "a plain PDF (unreadable)"
        return data.decode("latin-1")
    return str(value)


def _scan_every_column(needles):
    """Fail on a plain identity code (or a plain PDF) in any text or binary column."""
    scanned = set()
    columns_scanned = 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, columns in text_and_binary_columns():
            scanned.add(table)
            if not columns:
                continue
            columns_scanned += len(columns)
            select = ", ".join(quote(c) for c in columns)
            cursor.execute(f"SELECT {select} FROM {quote(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _values_as_text(value)
                    assert not text.startswith("a plain PDF"), f"{table}.{column}: {text[:80]}"
                    for needle in needles:
                        assert needle not in text, f"a plain identity code in {table}.{column}"
        tables = set(connection.introspection.table_names(cursor))
    # Every table of the database is some model's (so none escapes the scan).
    assert tables - scanned - _NOT_MODELS == set()
    assert {"casedocs_document", "clients_client"} <= scanned and columns_scanned > 50


def test_the_scan_finds_a_plain_code_and_a_plain_pdf(world):
    """The scan itself works: a code in a column and a plain PDF in a binary column fail."""
    code = world.own_client.identity_code
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE organisations_organisation SET name = %s WHERE id = %s",
            [f"Org {code}", world.org.pk],
        )
    with pytest.raises(AssertionError, match=r"organisations_organisation\.name"):
        _scan_every_column(_needles([code]))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE organisations_organisation SET name = 'Org' WHERE id = %s", [world.org.pk]
        )
    assert "a plain PDF" in _values_as_text(b"%PDF-1.7\n")


def test_no_plain_identity_code_in_any_sqlite_table(client, world):
    if connection.vendor != "sqlite":
        pytest.skip("this scans SQLite; test_no_plain_identity_code_on_postgresql scans PostgreSQL")
    codes = _make_data_with_codes(client, world)
    _scan_every_column(_needles(codes))


@pytest.mark.postgres
def test_no_plain_identity_code_on_postgresql(client, world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...); SQLite has its own scan")
    codes = _make_data_with_codes(client, world)
    needles = _needles(codes)
    _scan_every_column(needles)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            for needle in needles:
                # The whole row as text, whatever its columns' types.
                cursor.execute(
                    f"SELECT count(*) FROM {connection.ops.quote_name(table)} t "  # noqa: S608
                    "WHERE position(%s in t::text) > 0",
                    [needle],
                )
                assert cursor.fetchone()[0] == 0, f"an identity code in plain text in {table}"


def test_rotating_the_key_keeps_final_documents_byte_identical(client, world, settings):
    """``rotate_keys`` re-encrypts codes and documents with the newest key; the old key can
    then go, and every final document reads back exactly as it was finalised."""
    _make_data_with_codes(client, world)
    code = world.own_client.identity_code
    before = {
        d.pk: (bytes(d.pdf), d.html, d.body, d.text, d.sha256) for d in Document.objects.all()
    }
    assert all(hashlib.sha256(v[0]).hexdigest() == v[4] for v in before.values() if v[4])
    new_key = Fernet.generate_key().decode()
    settings.LUOTSI_ENCRYPTION_KEY = f"{new_key},{settings.LUOTSI_ENCRYPTION_KEY}"
    call_command("rotate_keys", stdout=io.StringIO())
    settings.LUOTSI_ENCRYPTION_KEY = new_key
    after = {d.pk: (bytes(d.pdf), d.html, d.body, d.text, d.sha256) for d in Document.objects.all()}
    assert after == before
    assert Client.objects.get(pk=world.own_client.pk).identity_code == code
    # Final documents stay final: the model still refuses to change one.
    with pytest.raises(FinalDocumentError):
        Document.objects.filter(status="final").update(author_phone="000")


@pytest.mark.postgres
def test_the_trigger_lets_only_a_reencryption_through(client, world):
    """On PostgreSQL, the finalised-document trigger refuses every change of a final row,
    and with ``luotsi.reencrypt`` set still refuses anything but the encrypted columns."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL only")
    _make_data_with_codes(client, world)
    final = Document.objects.filter(status="final").first()
    for sql in (
        "UPDATE casedocs_document SET pdf = pdf WHERE id = %s",
        "SELECT set_config('luotsi.reencrypt', 'on', true); "
        "UPDATE casedocs_document SET author_phone = '000' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [final.pk])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('luotsi.reencrypt', 'on', true)")
        cursor.execute("UPDATE casedocs_document SET html = html WHERE id = %s", [final.pk])


def test_the_same_code_twice_in_one_organisation_is_refused(world):
    with pytest.raises(ValidationError) as info:
        create_client(
            world.coach,
            identity_code=world.own_client.identity_code.lower(),
            first_name="Toinen",
            last_name="Kerta",
            team=world.team_a,
        )
    assert "identity_code" in info.value.error_dict


def test_the_same_person_may_be_a_client_of_two_organisations(world):
    other = create_client(
        world.other_coach,
        identity_code=world.own_client.identity_code,
        first_name="Oona",
        last_name="Oma",
        responsible_coach=world.other_coach,
    )
    assert other.organisation == world.other_org
