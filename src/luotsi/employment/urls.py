"""The employment area's URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the
``clients`` namespace. Every view here must be a client-data view
(luotsi.access.decorators); tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import views, views_caseload, views_documents, views_plans

P = "<int:client_id>/employment/"

urlpatterns = [
    path("employment/", views.dashboard, name="employment_dashboard"),
    path("employment/caseload/", views_caseload.caseload_view, name="employment_caseload"),
    path("employment/caseload.xlsx", views_caseload.caseload_xlsx, name="employment_caseload_xlsx"),
    path("employment/jobseekers/", views.jobseeker_list, name="employment_jobseekers"),
    path("employment/jobseekers/new/", views.jobseeker_create, name="employment_jobseeker_create"),
    path(P, views.jobseeker_detail, name="employment_jobseeker"),
    path(P + "tym/", views.jobseeker_tym, name="employment_tym"),
    path(P + "edit/", views.jobseeker_edit, name="employment_edit"),
    path(P + "assessment/", views_plans.assessment_create, name="employment_assessment"),
    path(P + "tym-plan/", views_plans.tym_plan_create, name="employment_tym_plan"),
    path(P + "reviews/<int:review_id>/", views_plans.review_complete, name="employment_review"),
    path(P + "kuty/new/", views_plans.kuty_edit, name="employment_kuty_new"),
    path(P + "kuty/<int:plan_id>/", views_plans.kuty_edit, name="employment_kuty"),
    path(
        P + "kuty/<int:plan_id>/evaluation/",
        views_plans.kuty_evaluate,
        name="employment_kuty_evaluate",
    ),
    path(
        P + "kuty/<int:plan_id>/finalise/",
        views_documents.kuty_finalise,
        name="employment_kuty_finalise",
    ),
    path(P + "kuty/<int:plan_id>/pdf/", views_documents.kuty_pdf, name="employment_kuty_pdf"),
    path(P + "koto/pdf/", views_documents.koto_pdf, name="employment_koto_pdf"),
    path(P + "koto/new/", views_plans.koto_create, name="employment_koto_new"),
    path(P + "consultations/new/", views_plans.consultation_create, name="employment_consultation"),
    path(
        P + "consultations/<int:consultation_id>/gone-through/",
        views_plans.consultation_gone_through,
        name="employment_consultation_done",
    ),
    path(P + "rehabilitation/", views_plans.rehabilitation_edit, name="employment_rehabilitation"),
    path(P + "consents/new/", views_plans.partner_consent_create, name="employment_consent"),
]
