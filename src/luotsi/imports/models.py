"""An uploaded spreadsheet between its dry run and its confirmation.

The file is kept encrypted (``luotsi.clients.crypto``: it holds identity codes) only until
it is imported or discarded; then ``content`` is emptied and the row stays as the record
of who imported what, when, and with what result (``summary``: counts of each outcome).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    CHECKING = "checking", _("Being checked")  # a big file's dry run runs as a job
    PREVIEWED = "previewed", _("Previewed")
    IMPORTED = "imported", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size"))
    content = models.TextField(_("file (encrypted)"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # The last dry run's rows (number, outcome, label, changed fields, problems at cells:
    # never an identity code), shown on the preview page without running it again.
    preview = models.JSONField(_("preview"), default=list, blank=True)
    digest = models.CharField(_("digest"), max_length=32, blank=True)
    # The background job (``luotsi.jobs``) last started for this file: its dry run or its
    # import. The preview sends the user to it while it is unfinished.
    job = models.UUIDField(_("background job"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"
