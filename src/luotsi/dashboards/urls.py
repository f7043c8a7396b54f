"""The landing page (namespace ``dashboards``), and the client-data dashboards that
``luotsi.conf.urls`` mounts under ``clients/`` in the ``clients`` namespace."""

from django.urls import path

from . import acknowledgements, exports, quality, team, views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("calendar-feed/", views.calendar_feed_token, name="calendar_feed_token"),
]

# Mounted under clients/ (namespace clients): they list client data.
client_urlpatterns = [
    path("dashboard/", views.coach_dashboard, name="dashboard"),
    path("due/", views.due_list, name="due_list"),
    path("due/export.<str:fmt>", exports.due_list_export, name="due_list_export"),
    path("caseload/export.<str:fmt>", exports.caseload_export, name="caseload_export"),
    path("team/", team.team, name="team"),
    path("team/handover/", team.handover, name="handover"),
    path("quality/", quality.quality, name="quality"),
    path(
        "<int:client_id>/cases/<int:case_id>/acknowledge/",
        acknowledgements.acknowledge,
        name="acknowledge",
    ),
    path(
        "<int:client_id>/cases/<int:case_id>/acknowledgements/",
        acknowledgements.acknowledgements,
        name="acknowledgements",
    ),
    path(
        "calendar/<str:token>.ics",
        views.calendar_feed,
        name="calendar_feed",
    ),
]
