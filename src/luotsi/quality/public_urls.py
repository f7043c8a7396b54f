"""Public pages (no login), mounted by ``luotsi.conf.urls`` under ``public/``: they show no
personal data."""

from django.urls import path

from . import sm_views, survey_views

urlpatterns = [
    path("feedback/<str:token>/", survey_views.public_survey, name="public_survey"),
    path("self-monitoring/<int:office_id>/", sm_views.public_page, name="public_self_monitoring"),
    path(
        "self-monitoring/<int:office_id>/plan.pdf",
        sm_views.public_pdf,
        name="public_self_monitoring_pdf",
    ),
]
