"""Job pages (namespace ``jobs``), and the result download that ``luotsi.conf.urls``
mounts under ``clients/`` (a result can hold client data: its every download is
access-logged like any other client-data export)."""

from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("start/", views.job_start, name="start"),
    path("<uuid:job_id>/", views.job_detail, name="detail"),
    path("<uuid:job_id>/status/", views.job_status, name="status"),
    path("<uuid:job_id>/retry/", views.job_retry, name="retry"),
]

# Mounted under clients/ (namespace clients).
client_urlpatterns = [
    path("jobs/<uuid:job_id>/result/", views.job_result, name="job_result"),
]
