from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseDocsConfig(AppConfig):
    name = "luotsi.casedocs"
    verbose_name = _("Case documents")
