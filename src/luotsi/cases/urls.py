"""Case URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import entry_views, group_views, meeting_views, record_views, views

CASE = "<int:client_id>/cases/<int:case_id>/"

urlpatterns = [
    path("<int:client_id>/export/", record_views.client_export, name="export"),
    path("<int:client_id>/print/", record_views.client_print, name="print"),
    path(CASE, views.case_detail, name="case_detail"),
    path("<int:client_id>/cases/new/", views.case_create, name="case_create"),
    path("cases/group/", group_views.group_days, name="case_group"),
    path(f"{CASE}history/", views.case_history, name="case_history"),
    path(f"{CASE}decision/", views.case_decision, name="case_decision"),
    path(f"{CASE}notes/", views.case_note, name="case_note"),
    *(
        path(
            f"{CASE}{kind.replace('_', '-')}/",
            entry_views.entry_view(kind),
            name=f"case_{kind}",
        )
        for kind in entry_views.ENTRY_KINDS
    ),
    path(f"{CASE}events/<int:event_id>/edit/", entry_views.event_edit, name="case_event_edit"),
    path(
        f"{CASE}events/<int:event_id>/remove/",
        entry_views.event_remove,
        name="case_event_remove",
    ),
    path(
        f"{CASE}planned/<int:planned_id>/held/",
        meeting_views.meeting_held,
        name="case_meeting_held",
    ),
    path(
        f"{CASE}planned/<int:planned_id>/cancel/",
        meeting_views.meeting_cancel,
        name="case_meeting_cancel",
    ),
]
