"""Stored documents are encrypted at rest and read back byte for byte (issue 12)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib

import pytest
from django.db import connection

from luotsi.casedocs.models import Document
from luotsi.clients import crypto

from . import test_casedocs as base

MIGRATION = importlib.import_module("luotsi.casedocs.migrations.0006_encrypt_final_renderings")


@pytest.fixture
def final_certificate(world):
    from luotsi.casedocs import service
    from luotsi.cases.models import Case
    from luotsi.cases.service import import_case
    from luotsi.organisations.models import Office

    Office.objects.create(
        organisation=world.org, name="Pori", street_address="Yrjönkatu 1",
        postal_code="28100", city="Pori",
    )  # fmt: skip
    world.coach.phone = "040 765 4321"
    world.coach.save()
    case = import_case(world.coach, world.org, world.own_client, base.case_file())
    document = service.create_draft(world.coach, case, "certificate", "fi", *base.FEB)
    version = Case.objects.get(pk=case.pk).version
    return service.finalise(world.coach, document, version, on=dt.date(2026, 2, 15))


def _raw(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT html, body, text, pdf FROM casedocs_document WHERE id = %s", [pk])
        html, body, text, pdf = cursor.fetchone()
    return html, body, text, bytes(pdf) if pdf is not None else None


def _store_plain(pk, html, body, pdf):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('luotsi.reencrypt', 'on', true)")
        cursor.execute(
            "UPDATE casedocs_document SET html = %s, body = %s, pdf = %s WHERE id = %s",
            [html, body, pdf, pk],
        )


def test_a_final_document_is_stored_encrypted_and_reads_back_exactly(final_certificate):
    html, body, text, pdf = _raw(final_certificate.pk)
    assert crypto.is_token(html) and crypto.is_token(body) and crypto.is_token(pdf)
    assert text == ""  # a certificate has no plain text; empty stays empty
    stored = Document.objects.get(pk=final_certificate.pk)
    assert bytes(stored.pdf).startswith(b"%PDF")
    assert hashlib.sha256(bytes(stored.pdf)).hexdigest() == stored.sha256
    assert stored.html == final_certificate.html and stored.body == final_certificate.body


def test_the_migration_encrypts_existing_plain_rows_once_and_reverses(final_certificate):
    document = Document.objects.get(pk=final_certificate.pk)
    plain = (document.html, document.body, bytes(document.pdf))
    _store_plain(document.pk, *plain)
    assert _raw(document.pk)[3].startswith(b"%PDF")  # as before the migration

    forward = MIGRATION._transform(MIGRATION._encrypt_text, MIGRATION._encrypt_binary)
    backward = MIGRATION._transform(MIGRATION._decrypt_text, MIGRATION._decrypt_binary)
    editor = connection.schema_editor(atomic=False)
    forward(None, editor)
    encrypted = _raw(document.pk)
    assert all(crypto.is_token(v) for v in (encrypted[0], encrypted[1], encrypted[3]))
    stored = Document.objects.get(pk=document.pk)
    assert (stored.html, stored.body, bytes(stored.pdf)) == plain
    forward(None, editor)  # again: tokens are left as they are
    assert _raw(document.pk) == encrypted
    backward(None, editor)
    html, body, _text, pdf = _raw(document.pk)
    assert (html, body, pdf) == plain


@pytest.mark.parametrize("bad", [b"", b"%PDF-1.7", b"gAAAAAnot-a-token"])
def test_something_that_is_not_a_token_is_not_taken_for_one(bad):
    assert not crypto.is_token(bad)
