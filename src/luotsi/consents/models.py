from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.forms import validate_visible_text

# The longest scope of a consent (free text: which data, for what purpose).
SCOPE_MAX = 2000


class ConsentRecipient(models.TextChoices):
    """Who a consent lets the provider send the client's data to (Kela needs none)."""

    TREATING_PARTY = "treating_party", _("Treating party")
    NETWORK = "network", _("Client's network")
    # An employment area's partner authority (wellbeing services county, Kela) in TYM
    # co-operation: luotsi.employment links the consent to the authority it names.
    PARTNER_AUTHORITY = "partner_authority", _("Partner authority (TYM)")


class Consent(models.Model):
    """A client's written, specific, revocable consent to disclose data to a named recipient.

    Record with ``luotsi.consents.service.record_consent``; revoke with ``revoke_consent``.
    A revoked consent stays (the disclosure log points to it) but allows nothing after
    ``revoked_on``.
    """

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="consents")
    recipient_kind = models.CharField(
        _("recipient"), max_length=20, choices=ConsentRecipient.choices
    )
    recipient_name = models.CharField(
        _("recipient name"), max_length=200, validators=[validate_visible_text]
    )
    scope = models.TextField(
        _("scope"),
        max_length=SCOPE_MAX,
        validators=[MaxLengthValidator(SCOPE_MAX), validate_visible_text],
        help_text=_("Which data, for what purpose, as the client signed it."),
    )
    covers_health_data = models.BooleanField(
        _("covers health data"),
        default=False,
        help_text=_("The consent names health data (sickness, capacity, medical statements)."),
    )
    written = models.BooleanField(_("given in writing"), default=True)
    given_on = models.DateField(_("given on"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(written=True), name="consent_is_written"),
            models.CheckConstraint(
                condition=models.Q(revoked_on__isnull=True)
                | models.Q(revoked_on__gte=models.F("given_on")),
                name="consent_revoked_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_recipient_kind_display()}: {self.recipient_name}"

    def is_valid_on(self, day: dt.date) -> bool:
        """In force on ``day``: given by then and not revoked by then."""
        return self.given_on <= day and (self.revoked_on is None or day < self.revoked_on)
