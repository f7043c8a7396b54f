from django.contrib import admin
from django.urls import include, path

from luotsi.conf import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("clients/", include("luotsi.clients.urls")),
    # The admin logs in through Luotsi's login: access.admin_site.LuotsiAdminSite.login.
    path("admin/", admin.site.urls),
    path("", include("luotsi.dashboards.urls")),
]
