"""``luotsi manage rotate_keys``: re-encrypt identity codes and stored documents with the
newest key of ``LUOTSI_ENCRYPTION_KEY`` (see ``luotsi.clients.rekey``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from luotsi.clients.rekey import rotate_keys


class Command(BaseCommand):
    help = "Re-encrypt everything encrypted at rest with the newest LUOTSI_ENCRYPTION_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = rotate_keys()
        self.stdout.write(f"{changed} rows re-encrypted with the newest key.")
