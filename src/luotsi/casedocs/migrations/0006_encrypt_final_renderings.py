"""Encrypt the stored renderings and PDF of documents at rest (issue 12).

1. On PostgreSQL the finalised-document trigger learns one exception: an UPDATE of a final
   row that changes nothing but the encrypted columns (``html``, ``body``, ``text``,
   ``pdf``), in a transaction that has set ``luotsi.reencrypt`` (this migration, and
   ``luotsi manage rotate_keys``). Everything else stays refused.
2. The four columns become encrypted fields (``luotsi.clients.fields``; same column types).
3. Every existing row's plaintext is encrypted with the newest key (a value that already is
   a token is left alone, so running it again changes nothing). Reversing decrypts them.
"""

from django.db import migrations

import luotsi.clients.fields
from luotsi.clients import crypto

FUNCTION = """
CREATE OR REPLACE FUNCTION luotsi_refuse_final_document_change() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' THEN
        IF TG_OP = 'UPDATE'
           AND current_setting('luotsi.reencrypt', true) = 'on'
           AND to_jsonb(NEW) - 'html' - 'body' - 'text' - 'pdf'
               = to_jsonb(OLD) - 'html' - 'body' - 'text' - 'pdf' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'luotsi: a finalised document cannot be changed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

OLD_FUNCTION = """
CREATE OR REPLACE FUNCTION luotsi_refuse_final_document_change() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'luotsi: a finalised document cannot be changed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TEXT = ["html", "body", "text"]
BINARY = ["pdf"]


def _trigger(function):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(function, params=None)

    return run


def _encrypt_text(value):
    return value if crypto.is_token(value) else crypto.encrypt(value)


def _encrypt_binary(value):
    return value if crypto.is_token(value) else crypto.encrypt_bytes(value)


def _decrypt_text(value):
    return crypto.decrypt(value) if crypto.is_token(value) else value


def _decrypt_binary(value):
    return crypto.decrypt_bytes(value) if crypto.is_token(value) else value


def _transform(text_change, binary_change):
    def run(apps, schema_editor):
        from luotsi.clients.rekey import allow_reencryption, transform_table

        with schema_editor.connection.cursor() as cursor:
            allow_reencryption(cursor)
            transform_table(
                cursor, "casedocs_document", "id", TEXT, BINARY, text_change, binary_change
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("casedocs", "0005_notice_kinds_for_skipped_steps_and_deviations"),
    ]

    operations = [
        migrations.RunPython(_trigger(FUNCTION), _trigger(OLD_FUNCTION), elidable=False),
        migrations.AlterField(
            model_name="document",
            name="body",
            field=luotsi.clients.fields.EncryptedTextField(
                blank=True, editable=False, verbose_name="on-screen HTML of the final version"
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="html",
            field=luotsi.clients.fields.EncryptedTextField(
                blank=True, editable=False, verbose_name="HTML of the final version"
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="pdf",
            field=luotsi.clients.fields.EncryptedBinaryField(
                blank=True, null=True, verbose_name="PDF"
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="text",
            field=luotsi.clients.fields.EncryptedTextField(
                blank=True, editable=False, verbose_name="plain text of the final version"
            ),
        ),
        migrations.RunPython(
            _transform(_encrypt_text, _encrypt_binary),
            _transform(_decrypt_text, _decrypt_binary),
            elidable=False,
        ),
    ]
