"""Case URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<int:client_id>/cases/<int:case_id>/",
        views.case_detail,
        name="case_detail",
    ),
    path("<int:client_id>/cases/new/", views.case_create, name="case_create"),
    path("<int:client_id>/cases/<int:case_id>/days/", views.case_days, name="case_days"),
    path(
        "<int:client_id>/cases/<int:case_id>/meeting/",
        views.case_meeting,
        name="case_meeting",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/absence/",
        views.case_absence,
        name="case_absence",
    ),
    path("<int:client_id>/cases/<int:case_id>/pause/", views.case_pause, name="case_pause"),
]
