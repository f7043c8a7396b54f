"""Client URLs. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from luotsi.casedocs import views as document_views
from luotsi.cases import views as case_views
from luotsi.dashboards import views as dashboard_views

from . import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("audit/", views.audit_lookup, name="audit_lookup"),
    path("<int:client_id>/", views.client_detail, name="detail"),
    path("<int:client_id>/edit/", views.client_edit, name="edit"),
    path("<int:client_id>/export/", views.client_export, name="export"),
    path("<int:client_id>/print/", views.client_print, name="print"),
    path("<int:client_id>/access-log/", views.client_access_log, name="access_log"),
    path("<int:client_id>/access-report/", views.client_access_report, name="access_report"),
    path("<int:client_id>/consents/new/", views.consent_create, name="consent_create"),
    path(
        "<int:client_id>/consents/<int:consent_id>/revoke/",
        views.consent_revoke,
        name="consent_revoke",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/",
        case_views.case_detail,
        name="case_detail",
    ),
    path("<int:client_id>/cases/new/", case_views.case_create, name="case_create"),
    path("<int:client_id>/cases/<int:case_id>/days/", case_views.case_days, name="case_days"),
    path(
        "<int:client_id>/cases/<int:case_id>/meeting/",
        case_views.case_meeting,
        name="case_meeting",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/absence/",
        case_views.case_absence,
        name="case_absence",
    ),
    path("<int:client_id>/cases/<int:case_id>/pause/", case_views.case_pause, name="case_pause"),
    path("<int:client_id>/disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("dashboard/", dashboard_views.coach_dashboard, name="dashboard"),
    path("due/", dashboard_views.due_list, name="due_list"),
    path(
        "calendar/<str:token>.ics",
        dashboard_views.calendar_feed,
        name="calendar_feed",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/",
        document_views.case_documents,
        name="case_documents",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/new/",
        document_views.document_create,
        name="document_create",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/",
        document_views.document_detail,
        name="document_detail",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/edit/",
        document_views.document_edit,
        name="document_edit",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/preview/",
        document_views.document_preview,
        name="document_preview",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/finalise/",
        document_views.document_finalise,
        name="document_finalise",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/pdf/",
        document_views.document_pdf,
        name="document_pdf",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/text/",
        document_views.document_text,
        name="document_text",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/sent/",
        document_views.document_sent,
        name="document_sent",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/new-version/",
        document_views.document_new_version,
        name="document_new_version",
    ),
]
