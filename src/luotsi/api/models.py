"""Personal API tokens: a user's key to the REST API, stored only as a hash.

A token acts as its user, with the user's roles and organisation (``luotsi.access.policy``)
and no more; its scope narrows it further (``read``: GET only; ``write``: also changes).
It expires (``expires_at``, at most ``MAX_LIFETIME_DAYS`` after it was made) and can be
revoked at any time by its user. Create, revoke and resolve tokens with
``luotsi.api.tokens``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token (``lt_`` + 8): shown in lists and in the access
    # log so that a token can be recognised without being readable.
    prefix = models.CharField(_("prefix"), max_length=16)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def log_name(self) -> str:
        """How the access log names the token: its name and prefix, never the secret."""
        return f"API token {self.name!r} ({self.prefix}…)"
