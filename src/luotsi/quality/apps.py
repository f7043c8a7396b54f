from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _survey_on_feedback_report(
    sender: Any, document: Any, on: Any, **kwargs: Any
) -> dict[str, Any]:
    """The client's anonymous feedback survey (luotsi.quality.survey): a new link and QR code
    on the final feedback report (luotsi.casedocs.signals.final_report_context)."""
    from luotsi.casedocs.models import Kind

    from .survey import invitation

    if document.kind != Kind.FEEDBACK:
        return {}
    return {"survey": invitation(document.case, on)}


class QualityConfig(AppConfig):
    name = "luotsi.quality"
    verbose_name = _("Quality")

    def ready(self) -> None:
        from luotsi.casedocs.signals import final_report_context

        final_report_context.connect(
            _survey_on_feedback_report, dispatch_uid="luotsi.quality.survey_on_feedback_report"
        )
