"""Running one attempt of a job: claim it, call its kind, store its result or its failure.

``run(job_id, attempt)`` is what the django-tasks task (``luotsi.jobs.tasks.run_job``)
calls in a worker. Every write names the attempt it belongs to, so a worker that was
taken for lost and comes back changes nothing of the retried job (``JobSuperseded``).

A job's own writes belong in transactions (one per item, or one for all-or-nothing work):
a worker killed in the middle leaves nothing half-written, and the retry starts over.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import Any

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from luotsi.clients import crypto

from .kinds import JobError, JobResult, get_kind
from .logvars import job_id_var
from .models import Job, State

logger = logging.getLogger("luotsi.jobs")

# Progress is written at most this often (seconds), but always when a step completes the
# total; the worker's heartbeat writes what is still pending.
PROGRESS_MIN_INTERVAL = 0.25

_current: JobContext | None = None
_current_lock = threading.Lock()


class JobSuperseded(Exception):
    """This attempt is no longer the job's current one (taken for lost and retried)."""


class JobContext:
    """What a job kind gets: who started it, and ``progress`` to report how far it is."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.attempt = job.attempt
        self.organisation_id = job.organisation_id
        self.user_id = job.user_id
        self.language = job.language
        self.superseded = False
        self._lock = threading.Lock()
        self._pending: dict[str, Any] = {}
        self._last_write = 0.0
        self._done = job.done
        self._total = job.total
        # Transactions the runner itself is inside (a test's); deeper ones are the job's.
        self._depth = len(connection.atomic_blocks)

    @cached_property
    def organisation(self) -> Any:
        from luotsi.organisations.models import Organisation

        return Organisation.objects.get(pk=self.organisation_id)

    @cached_property
    def user(self) -> Any:
        """The user who started the job, or None for the system."""
        if self.user_id is None:
            return None
        from luotsi.accounts.models import User

        return User.objects.get(pk=self.user_id)

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """``done`` of ``total`` steps, and what is being done (no client's data: the
        organisation's administrators see it). Raises ``JobSuperseded`` when the job was
        retried elsewhere meanwhile: let it propagate."""
        if self.superseded:
            raise JobSuperseded
        total = self._total if total is None else total
        done = min(max(done, 0), total) if total else max(done, 0)
        fields: dict[str, Any] = {"done": done, "total": total}
        if message is not None:
            fields["message"] = str(message)[:300]
        self._done, self._total = done, total
        with self._lock:
            self._pending.update(fields)
        inside_own_transaction = len(connection.atomic_blocks) > self._depth
        due = time.monotonic() - self._last_write >= PROGRESS_MIN_INTERVAL
        if not inside_own_transaction and (due or (total and done == total)):
            self.flush()

    def flush(self) -> None:
        """Write the pending progress and the heartbeat (from the job's thread)."""
        if not self._write():
            self.superseded = True
            raise JobSuperseded

    def beat(self) -> None:
        """Heartbeat, from the worker's beat thread (its own database connection)."""
        if not self._write():
            self.superseded = True

    def _write(self) -> bool:
        with self._lock:
            fields, self._pending = self._pending, {}
        fields["heartbeat_at"] = timezone.now()
        self._last_write = time.monotonic()
        updated = Job.objects.filter(
            pk=self.job_id, attempt=self.attempt, state=State.RUNNING
        ).update(**fields)
        return updated == 1


def current() -> JobContext | None:
    """The job this process is running, if any (for the worker's heartbeat)."""
    with _current_lock:
        return _current


def _set_current(ctx: JobContext | None) -> None:
    global _current
    with _current_lock:
        _current = ctx


def _claim(job_id: Any, attempt: int, worker_id: str) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != State.QUEUED or job.attempt != attempt:
            return None  # finished, retried or removed meanwhile: nothing to run
        now = timezone.now()
        job.state = State.RUNNING
        job.started_at = now
        job.heartbeat_at = now
        job.worker_id = worker_id[:64]
        job.done = 0
        job.message = ""
        job.error = ""
        job.save(
            update_fields=[
                "state",
                "started_at",
                "heartbeat_at",
                "worker_id",
                "done",
                "message",
                "error",
            ]
        )
        return job


def run(job_id: Any, attempt: int, worker_id: str = "") -> str:
    """Run attempt ``attempt`` of the job; the new state, or ``skipped``/``superseded``.

    Raises what the job raised after recording the failure, so that the task runner
    records it too."""
    job = _claim(job_id, attempt, worker_id)
    if job is None:
        return "skipped"
    ctx = JobContext(job)
    _set_current(ctx)
    logged_as = job_id_var.set(str(job.pk))  # every log line of the job names it
    try:
        with translation.override(job.language):
            try:
                kind = get_kind(job.kind)
            except LookupError:
                _fail(ctx, _("This kind of job is no longer known to Luotsi."))
                raise
            try:
                result = kind(ctx, **job.params)
            except JobSuperseded:
                return "superseded"
            except JobError as exc:
                _fail(ctx, exc.message)
                raise
            except Exception:
                logger.exception("Job %s (%s) attempt %s failed", job.pk, job.kind, attempt)
                _fail(
                    ctx,
                    _(
                        "An unexpected error stopped the job. What it had not finished was "
                        "not saved. Try again; if it fails again, tell your administrator "
                        "the job's number %(job)s."
                    )
                    % {"job": job.pk},
                )
                raise
            return _finish(ctx, result)
    finally:
        job_id_var.reset(logged_as)
        _set_current(None)


def _fail(ctx: JobContext, message: str) -> None:
    Job.objects.filter(pk=ctx.job_id, attempt=ctx.attempt, state=State.RUNNING).update(
        state=State.FAILED, error=message, finished_at=timezone.now()
    )


def _finish(ctx: JobContext, result: JobResult | None) -> str:
    fields: dict[str, Any] = {"state": State.DONE, "finished_at": timezone.now()}
    if ctx._total:
        fields["done"] = ctx._total
    with ctx._lock:
        pending = ctx._pending
        ctx._pending = {}
    for key in ("message", "total"):
        if key in pending:
            fields.setdefault(key, pending[key])
    if result is not None:
        data = bytes(result.data)
        fields.update(
            result_name=result.name[:200],
            result_content_type=result.content_type[:100],
            result_size=len(data),
            result_sha256=hashlib.sha256(data).hexdigest(),
            result_data=crypto.encrypt_bytes(data),
            result_has_client_data=result.has_client_data,
        )
    with transaction.atomic():
        updated = Job.objects.filter(
            pk=ctx.job_id, attempt=ctx.attempt, state=State.RUNNING
        ).update(**fields)
    return State.DONE if updated else "superseded"
