"""Re-encrypt everything encrypted at rest with the newest key (``luotsi manage rotate_keys``).

Key rotation: put the new key first in ``LUOTSI_ENCRYPTION_KEY`` (keep the old ones after
it), run ``rotate_keys``, then remove the old keys. The identity codes
(``Client.identity_code_encrypted``) and every ``EncryptedTextField`` /
``EncryptedBinaryField`` column of every model (found by introspection, so a new app's
columns are included) are re-encrypted in one transaction, with raw SQL: the plaintext is
never changed, only the token around it, so a finalised document stays byte for byte the
same. On PostgreSQL the finalised-document trigger lets this one kind of UPDATE through
only when the transaction has set ``luotsi.reencrypt`` and nothing but the encrypted columns
changes (``casedocs`` migration 0004).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from luotsi.clients import crypto
from luotsi.clients.fields import EncryptedBinaryField, EncryptedTextField


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    """Every model with encrypted columns, and those columns."""
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField | EncryptedBinaryField)
        ]
        if fields:
            yield model, fields


def allow_reencryption(cursor: Any) -> None:
    """Let this transaction re-encrypt finalised documents (PostgreSQL's trigger)."""
    if cursor.db.vendor == "postgresql":
        cursor.execute("SELECT set_config('luotsi.reencrypt', 'on', true)")


def transform_table(
    cursor: Any,
    table: str,
    pk: str,
    text_columns: list[str],
    binary_columns: list[str],
    text_change: Callable[[str], str],
    binary_change: Callable[[bytes], bytes],
) -> int:
    """Apply the changes to every non-empty value of the columns; returns rows changed."""
    quote = cursor.db.ops.quote_name
    columns = [*text_columns, *binary_columns]
    select = ", ".join(quote(c) for c in [pk, *columns])
    cursor.execute(f"SELECT {select} FROM {quote(table)} ORDER BY {quote(pk)}")  # noqa: S608
    rows = cursor.fetchall()
    changed = 0
    for row in rows:
        values: list[Any] = []
        for column, value in zip(columns, row[1:], strict=True):
            if value is None or value == "":
                values.append(value)
            elif column in text_columns:
                values.append(text_change(value))
            else:
                values.append(binary_change(bytes(value)))
        if values == list(row[1:]):
            continue
        assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
        cursor.execute(
            f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",  # noqa: S608
            [*values, row[0]],
        )
        changed += 1
    return changed


def rotate_keys() -> int:
    """Re-encrypt every encrypted value with the newest key; returns the rows changed."""
    from luotsi.clients.models import Client

    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        allow_reencryption(cursor)
        changed += transform_table(
            cursor,
            Client._meta.db_table,
            Client._meta.pk.column,
            ["identity_code_encrypted"],
            [],
            crypto.rotate,
            crypto.rotate_bytes,
        )
        for model, fields in encrypted_columns():
            changed += transform_table(
                cursor,
                model._meta.db_table,
                model._meta.pk.column,
                [f.column for f in fields if isinstance(f, EncryptedTextField)],
                [f.column for f in fields if isinstance(f, EncryptedBinaryField)],
                lambda token: crypto.rotate_bytes(token.encode("ascii")).decode("ascii"),
                crypto.rotate_bytes,
            )
    return changed
