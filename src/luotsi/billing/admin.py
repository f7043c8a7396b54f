"""Billing in the admin: read-only (write through luotsi.billing.service)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import Invoice, PriceList


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(PriceList)
class PriceListAdmin(_ReadOnly):
    list_display = ("contract", "organisation", "services", "valid_from", "valid_to", "created_at")
    list_filter = ("organisation",)


@admin.register(Invoice)
class InvoiceAdmin(_ReadOnly):
    list_display = ("number", "kind", "organisation", "period_start", "state", "total")
    list_filter = ("organisation", "state", "kind")
    exclude = ("lines", "refused")
