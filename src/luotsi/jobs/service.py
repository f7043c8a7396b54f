"""The jobs app's public face: start, retry and read jobs, and who may (docs/jobs.md).

Who may see a job: the user who started it, and their organisation's administrators (a
job the system started — the nightly recompute — only those administrators). Who may
download its result: the same, except that a result with client data is for the user
who started it only (administrators see who looked at clients, never client content).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luotsi.access.audit import actor_name
from luotsi.accounts.models import Role
from luotsi.clients import crypto

from .kinds import JobKind, all_kinds, get_kind
from .models import UNFINISHED, Job, State

RESULT_FIELDS = {
    "result_name": "",
    "result_content_type": "",
    "result_size": None,
    "result_sha256": "",
    "result_data": None,
}


def lost_after() -> dt.timedelta:
    """A running job whose worker has not beaten for this long is taken for lost."""
    return dt.timedelta(seconds=settings.LUOTSI_JOB_LOST_AFTER_SECONDS)


def _member(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
    )


def may_use_jobs(user: Any) -> bool:
    """Any active member of an organisation may have jobs of their own."""
    return _member(user)


def is_administrator(user: Any) -> bool:
    """An administrator of their organisation (asked once per user object: a page asks
    for every row)."""
    if not _member(user):
        return False
    known = user.__dict__.get("_luotsi_jobs_administrator")
    if known is None:
        known = user.__dict__["_luotsi_jobs_administrator"] = user.has_role(Role.ADMINISTRATOR)
    return bool(known)


def can_see(user: Any, job: Job) -> bool:
    if not _member(user) or user.organisation_id != job.organisation_id:
        return False
    return job.user_id == user.pk or is_administrator(user)


def can_retry(user: Any, job: Job) -> bool:
    return job.state == State.FAILED and can_see(user, job)


def can_download(user: Any, job: Job) -> bool:
    if not job.has_result or not can_see(user, job):
        return False
    return job.user_id == user.pk or not job.result_has_client_data


def visible_jobs(user: Any) -> QuerySet[Job]:
    """The jobs ``user`` may see, newest first: an administrator's organisation's, or
    their own."""
    if not _member(user):
        return Job.objects.none()
    jobs = Job.objects.filter(organisation_id=user.organisation_id)
    if not is_administrator(user):
        jobs = jobs.filter(user=user)
    return jobs.defer("result_data").order_by("-created_at")


def startable_kinds(user: Any) -> list[JobKind]:
    """The kinds ``user`` may start from the jobs page (no parameters)."""
    if not _member(user):
        return []
    return [k for k in all_kinds() if k.startable_by is not None and k.startable_by(user)]


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    result = run_job.enqueue(job_id=str(job.pk), attempt=job.attempt)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])


def start(
    kind: JobKind | str,
    *,
    user: Any = None,
    organisation: Any = None,
    language: str | None = None,
    enqueue: bool = True,
    **params: Any,
) -> tuple[Job, bool]:
    """Queue a job of ``kind`` for ``user`` (None: the system, for ``organisation``).

    Returns the job and whether it is new: a kind that runs one at a time per
    organisation gives back the unfinished one instead. The job row and its task are
    written in one transaction. ``params`` must be plain JSON values."""
    kind = get_kind(kind) if isinstance(kind, str) else kind
    if user is not None:
        if not _member(user):
            raise PermissionDenied
        organisation_id = user.organisation_id
    elif organisation is not None:
        organisation_id = organisation.pk
    else:
        raise ValidationError({"organisation": _("A job needs an organisation.")})
    with transaction.atomic():
        if kind.one_at_a_time:
            unfinished = (
                Job.objects.select_for_update()
                .filter(organisation_id=organisation_id, kind=kind.name, state__in=UNFINISHED)
                .first()
            )
            if unfinished is not None:
                return unfinished, False
        job = Job.objects.create(
            kind=kind.name,
            organisation_id=organisation_id,
            user=user,
            user_name=actor_name(user),
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
            params=params,
        )
        if enqueue:
            _enqueue(job)
    return job, True


def retry(user: Any, job: Job) -> Job:
    """Queue a failed job again as a new attempt (its earlier result and writes stay as
    they were: each was whole or not written at all)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not can_see(user, job):
            raise PermissionDenied
        if job.state != State.FAILED:
            raise ValidationError({"state": _("Only a failed job can be tried again.")})
        job.attempt += 1
        job.state = State.QUEUED
        job.done = 0
        job.message = ""
        job.error = ""
        job.started_at = job.finished_at = job.heartbeat_at = None
        job.worker_id = ""
        for field, empty in RESULT_FIELDS.items():
            setattr(job, field, empty)
        job.save()
        _enqueue(job)
    return job


def mark_lost_jobs(now: dt.datetime | None = None) -> int:
    """Fail the running jobs whose worker stopped beating (killed, out of memory, the
    machine gone). Their own writes were in transactions that died with the worker, so
    nothing is half-written; the user may retry. Returns how many were marked."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - lost_after()
    marked = 0
    stale = Job.objects.filter(state=State.RUNNING, heartbeat_at__lt=cutoff)
    for job in stale.only("pk", "attempt", "language", "task_id"):
        with transaction.atomic(), translation.override(job.language):
            updated = Job.objects.filter(
                pk=job.pk, attempt=job.attempt, state=State.RUNNING, heartbeat_at__lt=cutoff
            ).update(
                state=State.FAILED,
                finished_at=now,
                error=_(
                    "The worker running this job stopped in the middle of it. What it "
                    "had not finished was not saved. You can try again."
                ),
            )
            if updated and job.task_id:
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED",
                    finished_at=now,
                    exception_class_path="luotsi.jobs.service.WorkerLost",
                    traceback="",
                )
            marked += updated
    return marked


def result_bytes(user: Any, job: Job) -> bytes:
    """The decrypted result file, for a user who may download it."""
    if not can_download(user, job):
        raise PermissionDenied
    data = Job.objects.values_list("result_data", flat=True).get(pk=job.pk)
    return crypto.decrypt_bytes(bytes(data))


def prune(days: int, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remove the result files of jobs finished more than ``days`` days ago (the job rows
    stay: who ran what, when, and the file's name and SHA-256) and django-tasks' finished
    rows as old. Returns how many of each."""
    from django_tasks_db.models import DBTaskResult

    if days < 0:
        raise ValidationError({"days": _("The number of days cannot be negative.")})
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        results = Job.objects.filter(
            state=State.DONE, finished_at__lt=cutoff, result_data__isnull=False
        ).update(result_data=None, result_name="", result_content_type="")
        tasks, _counts = DBTaskResult.objects.filter(
            status__in=("SUCCESSFUL", "FAILED"), finished_at__lt=cutoff
        ).delete()
    return results, tasks
