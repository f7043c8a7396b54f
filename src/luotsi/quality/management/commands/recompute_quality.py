"""``luotsi manage recompute_quality [--on DATE]``: re-evaluate every staff register and
audit (run it nightly with ``recompute_findings``: deadlines move with the date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from luotsi.quality import service as audits
from luotsi.rules.calendar import in_date_range
from luotsi.staff import service as staff


class Command(BaseCommand):
    help = "Re-evaluate the staff registers and Kela audits of every organisation."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--on", help="evaluation date YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options.get("on"):
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on: not a date (YYYY-MM-DD): {options['on']!r}") from None
            if not in_date_range(on):
                raise CommandError(f"--on: outside 1900-01-01 … 2100-12-31: {options['on']}")
        registers = staff.recompute_all(on)
        count = audits.recompute_all(on)
        self.stdout.write(f"{registers} staff registers and {count} audits re-evaluated.")
