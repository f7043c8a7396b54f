"""The user's own account: setting up and turning off two-factor login (TOTP)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.login import needs_login

from .forms import OTP_ATTRS

DEVICE_NAME = "Luotsi"


class CodeForm(forms.Form):
    """The six-digit code the authenticator app shows now."""

    otp_token = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=8,
        widget=forms.TextInput(attrs=OTP_ATTRS),
    )

    def __init__(self, device: TOTPDevice, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.device = device

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].strip()
        allowed, _why = self.device.verify_is_allowed()
        if not allowed:  # django-otp slows down guessing after each wrong code
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then enter the code your app shows."),
                code="throttled",
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("The code is not valid. Enter the code your app shows now."), code="invalid"
            )
        return token


def _pending_device(user: object) -> TOTPDevice:
    """The user's unconfirmed device (its key shown until a code confirms it); made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _grouped(secret: str) -> str:
    """The key in groups of four letters, as authenticator apps show typed keys."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def two_factor(request: HttpRequest) -> HttpResponse:
    """Kaksivaiheinen kirjautuminen: set up a TOTP app with a QR code and a first code, or
    turn it off with a current code. A session without the second factor of a user who has
    one is logged out first, as on every client page."""
    if needs_login(request):
        return redirect_to_login(request.get_full_path())
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if confirmed is not None:
        form = CodeForm(confirmed, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("Two-factor login was turned off."))
            return redirect(reverse("accounts:two_factor"))
        return render(request, "accounts/two_factor.html", {"enabled": True, "form": form})

    device = _pending_device(user)
    form = CodeForm(device, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)  # this session stays verified
        messages.success(
            request,
            _("Two-factor login is on. From now on, give the code from your app when you log in."),
        )
        return redirect(reverse("accounts:two_factor"))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": False,
            "form": form,
            "qr_svg": mark_safe(qr.svg_inline(scale=4, title=_("QR code for your app"))),  # noqa: S308 - segno's own SVG
            "key": _grouped(b32encode(device.bin_key).decode().rstrip("=")),
        },
    )
