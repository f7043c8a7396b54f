from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "luotsi.clients"
    verbose_name = _("Clients")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the key checks
