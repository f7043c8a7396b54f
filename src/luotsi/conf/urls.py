from django.contrib import admin
from django.urls import include, path

from luotsi.api.api import api
from luotsi.casedocs import urls as casedocs_urls
from luotsi.cases import urls as cases_urls
from luotsi.clients import urls as clients_urls
from luotsi.conf import health
from luotsi.dashboards import urls as dashboards_urls
from luotsi.imports import urls as imports_urls

# Every view that shows or changes a client's data lives under clients/ in the ``clients``
# namespace, whichever app owns it: each app keeps its own URLconf, composed here, so that
# no app mounts another's views and tests/test_authorization_matrix.py walks them all.
client_urlpatterns = [
    *clients_urls.urlpatterns,
    *cases_urls.urlpatterns,
    *casedocs_urls.urlpatterns,
    *dashboards_urls.client_urlpatterns,
    *imports_urls.urlpatterns,
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("clients/", include((client_urlpatterns, "clients"))),
    # The REST API (token-authenticated, docs/api.md) and the user's page of API tokens.
    path("api/", api.urls),
    path("api-tokens/", include("luotsi.api.urls")),
    # The admin logs in through Luotsi's login: access.admin_site.LuotsiAdminSite.login.
    path("admin/", admin.site.urls),
    path("", include("luotsi.dashboards.urls")),
]
