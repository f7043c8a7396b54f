"""A background job: who started it for which organisation, its state, progress and result.

The state machine (``luotsi.jobs.service`` and ``luotsi.jobs.runner`` move it):

    queued ──▶ running ──▶ done
                  │
                  └──────▶ failed ──(retry)──▶ queued

A job is ``failed`` when its code raised, or when the worker running it stopped beating
(killed, out of memory, the machine gone: ``service.mark_lost_jobs``). Each retry is a new
*attempt*; a write of an older attempt (a worker that comes back) changes nothing.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UNFINISHED = (State.QUEUED, State.RUNNING)


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=200, help_text=_("The job's code: module.name"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
        help_text=_("Empty when the system started the job (the nightly recompute)."),
    )
    user_name = models.CharField(_("started by"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    params = models.JSONField(_("parameters"), default=dict)

    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)

    task_id = models.CharField(_("task"), max_length=64, blank=True)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)

    # The result file, encrypted with LUOTSI_ENCRYPTION_KEY (luotsi.clients.crypto).
    result_name = models.CharField(_("result file"), max_length=200, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(null=True, blank=True)
    result_sha256 = models.CharField(max_length=64, blank=True)
    result_data = models.BinaryField(null=True, blank=True, editable=False)
    result_has_client_data = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="job_organisation_recent"),
            models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="job_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", kwargs={"job_id": self.id})

    @property
    def finished(self) -> bool:
        return self.state in (State.DONE, State.FAILED)

    @property
    def has_result(self) -> bool:
        return self.state == State.DONE and bool(self.result_name)

    @property
    def percent(self) -> int | None:
        """Whole per cent done, or None while the total is unknown."""
        if self.state == State.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
