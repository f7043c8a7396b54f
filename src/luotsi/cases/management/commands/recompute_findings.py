"""Nightly: queue, for each organisation, a background job that re-evaluates its cases and
stores their findings (deadlines move with the date) — or, for an organisation of more
than ``--chunk`` cases (1000), one job per that many cases, so that every ``luotsi worker``
takes a part. ``--inline`` runs them here and now instead (an installation without a
worker)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.cases.jobs import chunks, recompute_chunk, recompute_organisation
from luotsi.cases.models import Case
from luotsi.jobs import runner, service
from luotsi.jobs.models import UNFINISHED, Job, State
from luotsi.organisations.models import Organisation, OrganisationKind

CHUNK = 1000


class Command(BaseCommand):
    help = "Queue a job per organisation that re-evaluates its cases and stores the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)
        parser.add_argument(
            "--inline", action="store_true", help="run the jobs in this process, not a worker"
        )
        parser.add_argument(
            "--chunk",
            type=int,
            default=CHUNK,
            help="an organisation of more cases gets one job per this many (default %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"].isoformat() if options["on"] else None
        failed = 0
        # The service providers (an employment area has jobseekers, not cases:
        # ``recompute_employment_findings``).
        providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
        if options["chunk"] < 1:
            raise CommandError("--chunk must be at least 1")
        for organisation in providers.order_by("pk"):
            if Case.objects.filter(organisation=organisation).count() <= options["chunk"]:
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
                started = [job]
            else:
                started = self._chunks(organisation, on, options)
                if not started:
                    continue
            if not options["inline"]:
                named = ", ".join(str(j.pk) for j in started)
                self.stdout.write(f"{organisation}: queued job {named}")
                continue
            for job in started:
                # A failure is recorded on the job; go on with the other organisations.
                with contextlib.suppress(Exception):
                    runner.run(job.pk, job.attempt)
                job.refresh_from_db()
                self.stdout.write(f"{organisation}: {job.state}, {job.done} cases evaluated")
                failed += job.state != State.DONE
        if failed:
            raise CommandError(f"{failed} job(s) failed: see the jobs page")

    def _chunks(self, organisation: Organisation, on: str | None, options: Any) -> list[Job]:
        """One job per ``--chunk`` cases; none while an earlier night's are unfinished."""
        kinds = (recompute_chunk.name, recompute_organisation.name)
        unfinished = Job.objects.filter(
            organisation=organisation, kind__in=kinds, state__in=UNFINISHED
        ).first()
        if unfinished is not None:
            self.stdout.write(f"{organisation}: already queued or running, job {unfinished.pk}")
            return []
        return [
            service.start(
                recompute_chunk,
                organisation=organisation,
                language="fi",
                enqueue=not options["inline"],
                on=on,
                first=first,
                last=last,
            )[0]
            for first, last in chunks(organisation.pk, options["chunk"])
        ]
