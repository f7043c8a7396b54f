from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from luotsi.conf import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("clients/", include("luotsi.clients.urls")),
    # The admin logs in through Luotsi's login (throttled, with the second factor).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("", include("luotsi.dashboards.urls")),
]
