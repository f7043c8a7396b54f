"""The logs in the admin: read-only, and only the administrator's own organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from . import policy
from .decorators import AccessRecord, record_access
from .models import AccessLogEntry, Action, ChangeLogEntry, DisclosureLogEntry


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """Reading a log is itself logged, as on Luotsi's own audit pages: one ``audit`` row a
    page, naming the client of an entry that was opened."""

    list_select_related = ["client"]
    date_hierarchy = "at"

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        # A superuser without an organisation reads every organisation's list: no one
        # organisation's log can hold that row; the entries they open are logged.
        if response.status_code == 200 and request.user.organisation_id is not None:  # type: ignore[union-attr]
            detail = f"admin: {self.opts.model_name} list"
            record_access(request, AccessRecord(action=Action.AUDIT, detail=detail))
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            entry = response.context_data["original"]  # type: ignore[attr-defined]
            client = entry.client
            detail = f"admin: {self.opts.model_name} {object_id}"
            record = AccessRecord(
                action=Action.AUDIT,
                client=client,
                detail=detail,
                organisation_id=entry.organisation_id,
            )
            record_access(request, record)
        return response

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
