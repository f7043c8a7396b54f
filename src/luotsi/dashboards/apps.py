from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "luotsi.dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the feed-token revocation)
