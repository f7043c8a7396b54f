"""Public pages (no login), mounted by ``luotsi.conf.urls`` under ``public/``: they show no
personal data."""

from django.urls import path

from . import sm_views

urlpatterns = [
    path("self-monitoring/<int:office_id>/", sm_views.public_page, name="public_self_monitoring"),
    path(
        "self-monitoring/<int:office_id>/plan.pdf",
        sm_views.public_pdf,
        name="public_self_monitoring_pdf",
    ),
]
