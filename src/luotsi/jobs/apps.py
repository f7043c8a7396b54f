from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "luotsi.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app declares its job kinds in its own ``jobs`` module (docs/jobs.md); import
        # them all so that the registry knows every kind in web processes and workers alike.
        autodiscover_modules("jobs")
