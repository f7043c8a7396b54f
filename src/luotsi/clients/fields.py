"""Model fields whose values are encrypted at rest with the identity codes' keys.

``EncryptedTextField`` and ``EncryptedBinaryField`` store a Fernet token
(``luotsi.clients.crypto``: ``LUOTSI_ENCRYPTION_KEY``, newest key first, all keys decrypt)
in place of the value and give the exact value back when read: a finalised document's PDF
reads back byte for byte as it was rendered. An empty text and a missing PDF stay empty
(they say nothing), so ``== ""`` and ``isnull`` lookups keep working; nothing else can be
looked up by its content. ``luotsi rotate-keys`` re-encrypts every such column with the
newest key (``luotsi.clients.rekey``).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from luotsi.clients import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; an empty text is stored empty."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_bytes(str(value).encode("utf-8")).decode("ascii")

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt_bytes(value.encode("ascii")).decode("utf-8")


class EncryptedBinaryField(models.BinaryField):
    """Bytes stored as a Fernet token; None is stored as NULL."""

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is not None and not prepared:
            value = crypto.encrypt_bytes(bytes(value))
        return super().get_db_prep_value(value, connection, prepared)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return crypto.decrypt_bytes(bytes(value))
