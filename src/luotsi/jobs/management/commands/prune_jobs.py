"""Remove the result files of jobs finished more than ``--days`` days ago (default 30),
and the task queue's finished rows as old. A result can hold client data: keep it no
longer than it is needed (run nightly, docs/jobs.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luotsi.jobs import service


class Command(BaseCommand):
    help = "Remove old jobs' result files and finished task rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        results, tasks = service.prune(days=options["days"])
        self.stdout.write(f"{results} result files and {tasks} finished tasks removed")
