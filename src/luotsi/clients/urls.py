"""Client URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_create, name="create"),
    path("audit/", views.audit_lookup, name="audit_lookup"),
    path("<int:client_id>/", views.client_detail, name="detail"),
    path("<int:client_id>/edit/", views.client_edit, name="edit"),
    path("<int:client_id>/access-log/", views.client_access_log, name="access_log"),
    path("<int:client_id>/access-report/", views.client_access_report, name="access_report"),
]
