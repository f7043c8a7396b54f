"""A case's documents: drafts the coach edits and finalised versions that never change.

A finalised ``Document`` is immutable: ``save()`` and ``delete()`` refuse once the stored row
is final, the queryset's ``update()``/``delete()`` refuse when they would touch a final row,
and on PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE of a final row in the
database itself (only a re-encryption with a newer key, which changes no plaintext, may
touch the encrypted columns of a final row: ``luotsi.clients.rekey``). A correction is a
new draft that ``replaces`` the old version; when it is finalised the old version is
superseded (computed, the old row is not touched).

Write documents only through ``luotsi.casedocs.service``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.access.models import AppendOnlyModel
from luotsi.casedocs.gas import GasGoal, GasLevel

__all__ = ["Document", "DocumentSending", "GasGoal", "GasLevel", "Kind", "Language", "Status"]
from luotsi.clients.fields import EncryptedBinaryField, EncryptedTextField


class FinalDocumentError(Exception):
    """Someone tried to change or remove a finalised document."""


class Kind(models.TextChoices):
    CERTIFICATE = "certificate", _("Participation certificate")
    FEEDBACK = "feedback", _("Feedback report")
    CHANGE_NOTICE = "change_notice", _("Change notice to Kela")
    QUEUE_NOTICE = "queue_notice", _("Queue notice to Kela")
    TAITO_FOLLOWUP = "taito_followup", _("Taito follow-up report")
    SKIPPED_STEP_NOTICE = "skipped_step_notice", _("Skipped-step notice to Kela")
    DEVIATION_NOTICE = "deviation_notice", _("Deviation notice to Kela")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")


class DocumentQuerySet(models.QuerySet):
    def _refuse_final(self, what: str) -> None:
        if self.filter(status=Status.FINAL).exists():
            raise FinalDocumentError(f"A finalised document cannot be {what}.")

    def update(self, **kwargs: Any) -> int:
        self._refuse_final("changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_final("removed")
        return super().delete()

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> int:
        if any(getattr(obj, "pk", None) for obj in objs):
            self.filter(pk__in=[obj.pk for obj in objs])._refuse_final("changed")
        return super().bulk_update(objs, fields, batch_size=batch_size)


class Document(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="documents", verbose_name=_("case")
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    period_from = models.DateField(_("period from"), null=True, blank=True)
    period_to = models.DateField(_("period to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("replaces"),
    )
    content = models.JSONField(_("content"), default=dict, blank=True)
    what_changed = models.TextField(_("what changed"), blank=True)
    author_name = models.CharField(_("author's name"), max_length=200, blank=True)
    author_phone = models.CharField(_("author's phone"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised by"),
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    # The PDF and the three renderings name the client (identity code included): encrypted
    # at rest with the identity codes' keys (``luotsi.clients.fields``); read back exactly.
    pdf = EncryptedBinaryField(_("PDF"), null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    # Stored when finalised, from the same template and context as the PDF: the page the PDF
    # was made from, the same document to show inside a web page, and a notice's plain text
    # for Kela's secure e-mail. They never change afterwards (the row is final).
    html = EncryptedTextField(_("HTML of the final version"), blank=True, editable=False)
    body = EncryptedTextField(_("on-screen HTML of the final version"), blank=True, editable=False)
    text = EncryptedTextField(_("plain text of the final version"), blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["case", "kind"], name="document_case_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_final():
            raise FinalDocumentError("A finalised document cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_final():
            raise FinalDocumentError("A finalised document cannot be removed.")
        return super().delete(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == Status.FINAL

    def _stored_final(self) -> bool:
        return (
            self.pk is not None
            and not self._state.adding
            and type(self)._default_manager.filter(pk=self.pk, status=Status.FINAL).exists()
        )

    @property
    def superseded_by(self) -> Document | None:
        """The final version that replaced this one, if any."""
        return self.successors.filter(status=Status.FINAL).order_by("version").first()

    def label(self) -> str:
        """How the disclosure log names this document (kind, period, version, id)."""
        period = ""
        if self.period_from and self.period_to:
            period = f" {self.period_from:%d.%m.%Y}–{self.period_to:%d.%m.%Y}"
        return f"{self.get_kind_display()}{period}, v{self.version} (#{self.pk})"


class DocumentSending(AppendOnlyModel):
    """A final document was sent (to Kela) or given to the client; the disclosure log row is
    the legal record of it (its ``recipient_kind`` says to whom)."""

    at = models.DateTimeField(_("time"), auto_now_add=True)
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="sendings", verbose_name=_("document")
    )
    disclosure = models.OneToOneField(
        "access.DisclosureLogEntry",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disclosure"),
    )

    class Meta:
        verbose_name = _("document sending")
        verbose_name_plural = _("document sendings")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.document_id}"
