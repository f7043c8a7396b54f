"""Nightly: re-evaluate every jobseeker and store the findings (deadlines move with the date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luotsi.employment.findings import recompute_all


class Command(BaseCommand):
    help = "Re-evaluate every jobseeker of the employment areas and store the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        count = recompute_all(options["on"])
        self.stdout.write(f"{count} jobseekers evaluated")
