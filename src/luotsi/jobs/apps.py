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
        # The task queue's rows keep the traceback of a failed job, which may quote data;
        # jobs are seen on Luotsi's own jobs pages (docs/jobs.md), not in the admin.
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
