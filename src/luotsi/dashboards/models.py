"""The secret that lets a calendar app fetch a coach's feed without a session."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeedToken(models.Model):
    """One feed token per user. Only the SHA-256 of the token is stored: the token itself is
    shown once, when it is made, and cannot be read back from the database."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class FindingAcknowledgement(models.Model):
    """A violation that can no longer be put right (a meeting held late), acknowledged with a
    note: who, when, why. It leaves the to-do lists and stays in the quality figures and the
    case's history (a change-log row).

    Keyed by the case, the rule and the finding's date and due date, not by the
    ``CaseFinding`` row: findings are replaced at every evaluation, the acknowledgement
    stays. ``NO_DATE`` (``DATE_MIN``) stands for a finding without a date or due date, so
    the key is one unique, indexable row. Write it with ``luotsi.dashboards.service``.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("case"),
    )
    rule = models.CharField(_("rule"), max_length=60)
    finding_date = models.DateField(_("date of the finding"))
    finding_due = models.DateField(_("due date of the finding"))
    note = models.TextField(_("note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    by_name = models.CharField(_("acknowledged by (name)"), max_length=300)
    at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledged violation")
        verbose_name_plural = _("acknowledged violations")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "finding_date", "finding_due"],
                name="acknowledgement_unique_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.case_id} ({self.by_name})"
