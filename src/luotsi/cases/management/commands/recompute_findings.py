"""Nightly: queue, for each organisation, a background job that re-evaluates its cases and
stores their findings (deadlines move with the date). ``luotsi worker`` runs the jobs;
``--inline`` runs them here and now instead (an installation without a worker)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.cases.jobs import recompute_organisation
from luotsi.jobs import runner, service
from luotsi.jobs.models import State
from luotsi.organisations.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = "Queue a job per organisation that re-evaluates its cases and stores the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)
        parser.add_argument(
            "--inline", action="store_true", help="run the jobs in this process, not a worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"].isoformat() if options["on"] else None
        failed = 0
        # The service providers (an employment area has jobseekers, not cases:
        # ``recompute_employment_findings``).
        providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
        for organisation in providers.order_by("pk"):
            job, created = service.start(
                recompute_organisation,
                organisation=organisation,
                language="fi",
                enqueue=not options["inline"],
                on=on,
            )
            if not created:
                self.stdout.write(f"{organisation}: already queued or running, job {job.pk}")
                continue
            if not options["inline"]:
                self.stdout.write(f"{organisation}: queued job {job.pk}")
                continue
            # A failure is recorded on the job; go on with the other organisations.
            with contextlib.suppress(Exception):
                runner.run(job.pk, job.attempt)
            job.refresh_from_db()
            self.stdout.write(f"{organisation}: {job.state}, {job.done} cases evaluated")
            failed += job.state != State.DONE
        if failed:
            raise CommandError(f"{failed} job(s) failed: see the jobs page")
