"""Append-only logs: every access to a client's data, every change, every disclosure.

The application cannot change or remove a row: ``save()`` refuses an existing row,
``delete()`` and the queryset's ``update()``/``delete()`` refuse, the admin is read-only,
and on PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE in the database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Someone tried to change or remove a log row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be removed.")

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be removed.")


class Action(models.TextChoices):
    """What was done with a client's data. ``luotsi.access.policy`` decides who may."""

    LIST = "list", _("list")
    VIEW = "view", _("view")
    CREATE = "create", _("create")
    EDIT = "edit", _("edit")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    DOCUMENT = "document", _("document")
    AUDIT = "audit", _("audit")
    BILL = "bill", _("bill")


class AccessLogEntry(AppendOnlyModel):
    """One access to a client's data: who, when, which client, what, from where."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    # The name at the time of access: stays readable if the user is renamed.
    user_name = models.CharField(_("user name"), max_length=300)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("client"),
        help_text=_("Empty for a list or search that showed several clients."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    view_name = models.CharField(_("page"), max_length=200)
    path = models.CharField(_("address"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.client_id}"


class ChangeLogEntry(AppendOnlyModel):
    """A client's data was created or changed: who, when, which fields (never the values)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system made the change (demo data, imports)."),
    )
    user_name = models.CharField(_("user name"), max_length=300)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_log",
        help_text=_("Empty for a change that concerns no client (the staff register, audits)."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object"), max_length=100)
    object_id = models.CharField(_("object ID"), max_length=50)
    fields = models.JSONField(_("changed fields"), default=list)

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.object_type}"


class RecipientKind(models.TextChoices):
    KELA = "kela", _("Kela")
    TREATING_PARTY = "treating_party", _("Treating party")
    NETWORK = "network", _("Client's network")
    CLIENT = "client", _("The client themself")


class LegalBasis(models.TextChoices):
    KELA_LAW = "kela_law", _("Act on Kela rehabilitation (566/2005): Kela's right to the data")
    CONSENT = "consent", _("The client's written consent")
    DATA_SUBJECT = "data_subject", _("The client's own data, given to the client")


class DisclosureLogEntry(AppendOnlyModel):
    """A document with a client's data was given to someone outside the organisation."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(_("user name"), max_length=300)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="disclosure_log"
    )
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    document = models.CharField(_("document"), max_length=200)
    contains_health_data = models.BooleanField(_("contains health data"))
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        "consents.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("consent"),
    )

    class Meta:
        verbose_name = _("disclosure log entry")
        verbose_name_plural = _("disclosure log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.document} → {self.recipient_name}"
