"""The logs in the admin: read-only, and only the administrator's own organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import policy
from .models import AccessLogEntry, ChangeLogEntry, DisclosureLogEntry


class ReadOnlyLogAdmin(admin.ModelAdmin):
    list_select_related = ["client"]
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation_id=request.user.organisation_id)  # type: ignore[union-attr]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or policy.can_audit(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "user_name", "action", "client_id", "view_name", "ip_address"]
    list_filter = ["action"]


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "user_name", "action", "client_id", "object_type", "fields"]
    list_filter = ["action", "object_type"]


@admin.register(DisclosureLogEntry)
class DisclosureLogEntryAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "user_name", "client_id", "recipient_kind", "document", "legal_basis"]
    list_filter = ["recipient_kind", "legal_basis"]
