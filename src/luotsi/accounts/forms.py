from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import user_login_failed
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device

# The one-time code field: what the phone's keyboard and password managers need to know.
OTP_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}


class LoginForm(AuthenticationForm):
    """User name and password, and a one-time code for users who have a TOTP device.

    A wrong or missing code is a failed login: django-axes counts it like a wrong password,
    and the page says exactly what it says after a wrong password (one message, above the
    form, naming all three fields), so the answer never tells that the password was right.
    The device that accepted the code is put on the user, so django-otp marks the session
    verified (``request.user.is_verified()``) when Django logs the user in.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name, the password or the one-time code is wrong. The one-time code "
            "is needed only if you have set up two-factor login."
        ),
    }

    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs=OTP_ATTRS),
        help_text=_("Only if you have set up two-factor login: the code from your app."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's form only sets the user name field's ``max_length`` attribute (for the
        # widget) and never checks it: a 100,000-character name reached the login throttle's
        # 255-character column on PostgreSQL (a server error; found by tests/fuzz).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length or 150))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            token = (cleaned.get("otp_token") or "").strip()
            device = None
            if token:
                for candidate in devices_for_user(user, confirmed=True, for_verify=True):
                    if candidate.verify_token(token):
                        device = candidate
                        break
            if device is None:
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned.get("username")},
                    request=self.request,
                )
                self.user_cache = None
                raise self.get_invalid_login_error()
            user.otp_device = device  # type: ignore[attr-defined]
        return cleaned
