"""``django.contrib.admin`` with Luotsi's admin site (``access.admin_site``: the second
factor), listed in INSTALLED_APPS in its place, as Django documents for replacing the
default site. Kept apart from ``access.apps``, which must declare one config only."""

from django.contrib.admin.apps import AdminConfig


class LuotsiAdminConfig(AdminConfig):
    default_site = "luotsi.access.admin_site.LuotsiAdminSite"
