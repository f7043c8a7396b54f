"""Job kinds for the tests (the worker subprocess imports them by their dotted path)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from django.db import transaction

from luotsi.jobs.kinds import JobError, JobResult, job
from luotsi.jobs.models import Job
from luotsi.organisations.models import Team


@job(title="Count to n")
def count_to(ctx, *, n: int, has_client_data: bool = True) -> JobResult:
    """Reports each step and records what the job's row said right after it."""
    seen = []
    for step in range(1, n + 1):
        ctx.progress(step, n, f"step {step}")
        row = Job.objects.values("done", "total", "message").get(pk=ctx.job_id)
        seen.append(row)
    return JobResult(
        name="count.json",
        content_type="application/json",
        data=json.dumps(seen).encode(),
        has_client_data=has_client_data,
    )


@job(title="Refuses")
def refuses(ctx) -> None:
    raise JobError("Rivi 3: tuntematon valmentaja.")


@job(title="Crashes")
def crashes(ctx) -> None:
    raise RuntimeError("secret detail of the crash")


@job(title="Writes in steps")
def writes_in_steps(ctx, *, steps: int, hold_at: int = 0, ready_file: str = "") -> None:
    """Each step writes two teams in one transaction. At step ``hold_at`` (the first
    attempt only) it writes the first team, says so in ``ready_file`` and waits there to be
    killed: the test proves the half-done step is not in the database afterwards."""
    ctx.progress(0, steps, "writing")
    for step in range(1, steps + 1):
        if Team.objects.filter(name=f"step {step} b").exists():
            ctx.progress(step, steps)
            continue  # done by an earlier attempt
        with transaction.atomic():
            Team.objects.create(organisation=ctx.organisation, name=f"step {step} a")
            if step == hold_at and ctx.attempt == 1:
                Path(ready_file).write_text(str(os.getpid()))
                time.sleep(120)  # the test kills the worker here
            Team.objects.create(organisation=ctx.organisation, name=f"step {step} b")
        ctx.progress(step, steps)
