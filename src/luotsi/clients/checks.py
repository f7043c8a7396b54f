from django.core.checks import Error, register

from .crypto import check_keys


@register()
def client_data_keys(app_configs, **kwargs):
    return [
        Error(problem, hint="See docs/security.md.", id="luotsi.E001") for problem in check_keys()
    ]
