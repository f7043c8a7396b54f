"""Identity codes: validated, encrypted at rest, searchable only through a keyed hash,
masked in lists, never in plain text anywhere in the database."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
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
    """Put identity codes through every path: create, search, audit lookup, failed forms."""
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
    return codes


def _needles(codes):
    needles = set()
    for code in codes:
        needles |= {code, code.lower(), code[:6] + code[7:], code[7:] + code[:6]}
    return needles


def _all_rows():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                yield table, row


def test_no_plain_identity_code_in_any_sqlite_table(client, world):
    if connection.vendor != "sqlite":
        pytest.skip("this scans SQLite; test_no_plain_identity_code_on_postgresql scans PostgreSQL")
    codes = _make_data_with_codes(client, world)
    needles = _needles(codes)
    for table, row in _all_rows():
        text = " ".join(str(value) for value in row)
        for needle in needles:
            assert needle not in text, f"an identity code in plain text in {table}"


@pytest.mark.postgres
def test_no_plain_identity_code_on_postgresql(client, world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...); SQLite has its own scan")
    codes = _make_data_with_codes(client, world)
    needles = _needles(codes)
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
