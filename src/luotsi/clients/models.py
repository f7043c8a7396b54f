from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.forms import validate_visible_text

from . import crypto

# The longest postal address (free text, several lines) a client's record holds.
ADDRESS_MAX = 500


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")


class Client(models.Model):
    """A rehabilitation client of one organisation (the tenant).

    The identity code is never stored in plain text: ``identity_code_encrypted`` holds it
    encrypted (``crypto.encrypt``) and ``identity_code_hmac`` a keyed hash for exact search.
    Create and change clients with ``luotsi.clients.service``, read them through
    ``luotsi.access.policy``.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(
        _("first name"), max_length=100, validators=[validate_visible_text]
    )
    last_name = models.CharField(_("last name"), max_length=100, validators=[validate_visible_text])
    identity_code_encrypted = models.TextField(_("identity code (encrypted)"), editable=False)
    identity_code_hmac = models.CharField(
        _("identity code (keyed hash)"), max_length=64, editable=False, db_index=True
    )
    birth_date = models.DateField(_("date of birth"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, validators=[validate_visible_text]
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(
        _("address"),
        blank=True,
        max_length=ADDRESS_MAX,
        validators=[MaxLengthValidator(ADDRESS_MAX), validate_visible_text],
    )
    responsible_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for_clients",
        verbose_name=_("responsible coach"),
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clients",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identity_code_hmac"],
                name="client_unique_identity_code_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def identity_code(self) -> str:
        """The identity code in plain text. Show it only on logged pages."""
        return crypto.decrypt(self.identity_code_encrypted)

    def set_identity_code(self, code: str) -> None:
        normalised = crypto.normalise_identity_code(code)
        self.identity_code_encrypted = crypto.encrypt(normalised)
        self.identity_code_hmac = crypto.identity_code_hmac(normalised)

    @property
    def masked_identity_code(self) -> str:
        """``020490-****``: the date of birth and century sign, never the individual part."""
        return f"{self.birth_date:%d%m%y}{self._century_sign()}****"

    def _century_sign(self) -> str:
        return {18: "+", 19: "-", 20: "A"}.get(self.birth_date.year // 100, "?")
