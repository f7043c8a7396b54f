from django.urls import path

from . import figures_views, sm_views, views

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", figures_views.figures_page, name="figures"),
    path("figures/export.xlsx", figures_views.figures_export, name="figures_export"),
    path("self-monitoring/", sm_views.overview, name="self_monitoring"),
    path("self-monitoring/<int:office_id>/new/", sm_views.plan_new, name="sm_plan_new"),
    path("self-monitoring/<int:office_id>/report/", sm_views.report_save, name="sm_report"),
    path("self-monitoring/plans/<int:plan_id>/", sm_views.plan_edit, name="sm_plan"),
    path("audits/", views.audit_list, name="audits"),
    path("audits/new/", views.audit_create, name="audit_create"),
    path("audits/<int:audit_id>/", views.audit_detail, name="audit"),
    path("audits/<int:audit_id>/edit/", views.audit_edit, name="audit_edit"),
    path("audits/<int:audit_id>/findings/", views.finding_add, name="finding_add"),
    path(
        "audits/<int:audit_id>/findings/<int:finding_id>/actions/",
        views.action_add,
        name="action_add",
    ),
    path(
        "audits/<int:audit_id>/actions/<int:action_id>/done/", views.action_done, name="action_done"
    ),
    path(
        "audits/<int:audit_id>/actions/<int:action_id>/check/",
        views.action_check,
        name="action_check",
    ),
    path(
        "audits/<int:audit_id>/actions/<int:action_id>/close/",
        views.action_close,
        name="action_close",
    ),
    path("audits/<int:audit_id>/response.pdf", views.response_letter, name="response_letter"),
]
