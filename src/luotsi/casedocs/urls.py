"""Case document URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import goal_views, views

urlpatterns = [
    path(
        "<int:client_id>/cases/<int:case_id>/documents/",
        views.case_documents,
        name="case_documents",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/new/",
        views.document_create,
        name="document_create",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/",
        views.document_detail,
        name="document_detail",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/edit/",
        views.document_edit,
        name="document_edit",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/preview/",
        views.document_preview,
        name="document_preview",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/finalise/",
        views.document_finalise,
        name="document_finalise",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/pdf/",
        views.document_pdf,
        name="document_pdf",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/text/",
        views.document_text,
        name="document_text",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/sent/",
        views.document_sent,
        name="document_sent",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/documents/<int:document_id>/new-version/",
        views.document_new_version,
        name="document_new_version",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/goals/",
        goal_views.case_goals,
        name="case_goals",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/goals/save/",
        goal_views.goal_save,
        name="goal_save",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/goals/remove/",
        goal_views.goal_remove,
        name="goal_remove",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/notice-from-finding/",
        views.finding_notice,
        name="finding_notice",
    ),
]
