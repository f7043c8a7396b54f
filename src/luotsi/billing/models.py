"""Price lists, invoices and the units they bill.

An approved invoice is immutable: its number, period, lines and total never change; only
its state moves on (approved → sent → paid, sent → credited) with the time of each step.
``save()`` refuses any other change to a stored invoice, the queryset's ``update()`` and
``delete()`` refuse, and on PostgreSQL a trigger (migration 0001) refuses it in the
database itself. A unit of a case is billed at most once across the invoices that are not
credited: ``BilledUnit`` has a unique constraint on the unit's identity among its active
rows, and crediting an invoice releases its units.

Write billing data only through ``luotsi.billing.service``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImmutableInvoiceError(Exception):
    """Someone tried to change or remove an approved invoice."""


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent")
    PAID = "paid", _("Paid")
    CREDITED = "credited", _("Credited")


class Kind(models.TextChoices):
    INVOICE = "INV01", _("Invoice")
    CREDIT_NOTE = "INV02", _("Credit note")


# The state changes an approved invoice may make, and the fields each may set.
TRANSITIONS = {
    (State.DRAFT, State.APPROVED),
    (State.APPROVED, State.SENT),
    (State.SENT, State.PAID),
    (State.SENT, State.CREDITED),
    (State.PAID, State.CREDITED),
}
STATE_FIELDS = frozenset({"state", "sent_at", "sent_by", "paid_at", "credited_at"})


class PriceList(models.Model):
    """A contract's price annex (``luotsi-prices/1``) in force from ``valid_from``.

    A new annex is a new row: invoices keep the price list they were made with."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="price_lists",
        verbose_name=_("organisation"),
    )
    contract = models.CharField(_("contract"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    services = models.CharField(_("services"), max_length=100)
    source = models.TextField(_("price list file"))
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["contract", "-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.valid_from:%d.%m.%Y}"

    @property
    def service_list(self) -> str:
        return ", ".join(self.services.split(","))

    def parsed(self) -> Any:
        from .prices import parse_prices

        return parse_prices(self.source, self.file_name or f"price list {self.pk}")


class InvoiceCounter(models.Model):
    """The last invoice number of an organisation: locked (``select_for_update``) in the
    transaction that numbers invoices, so numbers have no gaps and a failed run uses none."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    last = models.PositiveBigIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self) -> str:
        return str(self.last)


class InvoiceQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if set(kwargs) - STATE_FIELDS and self.exclude(state=State.DRAFT).exists():
            raise ImmutableInvoiceError("An approved invoice cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(state=State.DRAFT).exists():
            raise ImmutableInvoiceError("An approved invoice cannot be removed.")
        return super().delete()


class Invoice(models.Model):
    """One case's invoice (or credit note) for one period, as approved."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("case")
    )
    price_list = models.ForeignKey(
        PriceList, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("price list")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.INVOICE)
    number = models.CharField(_("number"), max_length=20)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    invoice_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    lines = models.JSONField(_("lines"), default=list)
    refused = models.JSONField(_("refused units"), default=list)
    credits = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("credits invoice"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    credited_at = models.DateTimeField(_("credited"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-period_start", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="invoice_number_unique_per_organisation"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "period_start"], name="invoice_month")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            self._check_change(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        stored = type(self)._default_manager.filter(pk=self.pk).values("state").first()
        if stored and stored["state"] != State.DRAFT:
            raise ImmutableInvoiceError("An approved invoice cannot be removed.")
        return super().delete(*args, **kwargs)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == Kind.CREDIT_NOTE

    def _check_change(self, update_fields: Any) -> None:
        stored = type(self)._default_manager.filter(pk=self.pk).first()
        if stored is None or stored.state == State.DRAFT:
            return
        changed = {
            f.attname
            for f in self._meta.concrete_fields
            if getattr(stored, f.attname) != getattr(self, f.attname)
        }
        if changed - {"state", "sent_at", "sent_by_id", "paid_at", "credited_at"}:
            raise ImmutableInvoiceError(
                f"An approved invoice cannot be changed ({', '.join(sorted(changed))})."
            )
        if stored.state != self.state and (stored.state, self.state) not in TRANSITIONS:
            raise ImmutableInvoiceError(
                f"An invoice cannot go from {stored.state} to {self.state}."
            )


class BilledUnit(models.Model):
    """A unit of a case billed on an invoice (``unit:date:seq`` as ``luotsi.rules.billable``
    names it). Active until its invoice is credited; the unique constraint keeps each unit
    on at most one active row, so two runs can never bill it twice."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="units", verbose_name=_("invoice")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("case")
    )
    unit = models.CharField(_("unit"), max_length=20)
    date = models.DateField(_("date"))
    seq = models.PositiveSmallIntegerField(_("sequence"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("billed unit")
        verbose_name_plural = _("billed units")
        ordering = ["date", "unit", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit", "date", "seq"],
                condition=Q(active=True),
                name="billed_unit_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date} #{self.seq}"
