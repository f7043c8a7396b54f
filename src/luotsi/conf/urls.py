from django.contrib import admin
from django.urls import include, path

from luotsi.api.api import api
from luotsi.billing import urls as billing_urls
from luotsi.casedocs import urls as casedocs_urls
from luotsi.cases import urls as cases_urls
from luotsi.clients import urls as clients_urls
from luotsi.conf import errors, health
from luotsi.consents import urls as consents_urls
from luotsi.dashboards import urls as dashboards_urls
from luotsi.employment import urls as employment_urls
from luotsi.imports import urls as imports_urls
from luotsi.jobs import urls as jobs_urls
from luotsi.quality import client_urls as quality_client_urls

# Every view that shows or changes a client's data lives under clients/ in the ``clients``
# namespace, whichever app owns it: each app keeps its own URLconf, composed here, so that
# no app mounts another's views and tests/test_authorization_matrix.py walks them all.
client_urlpatterns = [
    *clients_urls.urlpatterns,
    *consents_urls.urlpatterns,
    *cases_urls.urlpatterns,
    *casedocs_urls.urlpatterns,
    *dashboards_urls.client_urlpatterns,
    *billing_urls.client_urlpatterns,
    *jobs_urls.client_urlpatterns,
    *employment_urls.urlpatterns,
    *quality_client_urls.urlpatterns,
    *imports_urls.urlpatterns,
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", errors.favicon, name="favicon"),
    path("readyz", health.readyz, name="readyz"),
    path("jobs/", include("luotsi.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("clients/", include((client_urlpatterns, "clients"))),
    path("billing/", include("luotsi.billing.urls")),
    # The REST API (token-authenticated, docs/api.md) and the user's page of API tokens.
    path("api/", api.urls),
    path("api-tokens/", include("luotsi.api.urls")),
    # The admin logs in through Luotsi's login: access.admin_site.LuotsiAdminSite.login.
    path("staff/", include("luotsi.staff.urls")),
    path("quality/", include("luotsi.quality.urls")),
    # Public pages, no login: published self-monitoring plans, the client feedback survey.
    path("public/", include("luotsi.quality.public_urls")),
    path("admin/", admin.site.urls),
    path("", include("luotsi.dashboards.urls")),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
