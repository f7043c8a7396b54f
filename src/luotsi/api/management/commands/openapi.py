"""``luotsi manage openapi [--output docs/openapi.json]``: the API's OpenAPI document.

docs/openapi.json is this command's output, checked in so that a change of the API shows
in review; tests/api/test_openapi.py fails when it is not current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from ninja.responses import NinjaJSONEncoder


def document_text() -> str:
    from luotsi.api.api import api

    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/")
    return (
        json.dumps(schema, cls=NinjaJSONEncoder, indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


class Command(BaseCommand):
    help = "Print the API's OpenAPI document (or write it to --output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        text = document_text()
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
