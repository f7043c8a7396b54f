from django.contrib import admin
from django.urls import include, path

from luotsi.conf import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("luotsi.dashboards.urls")),
]
