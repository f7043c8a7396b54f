"""The user's own page of personal API tokens: make one (shown once), see and revoke them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luotsi.access.decorators import needs_login
from luotsi.forms import add_service_errors

from . import tokens
from .forms import TokenForm
from .models import ApiToken

# The new token reaches the page after the redirect in a cookie of the user's own browser
# (as the calendar feed's does, docs/security.md): never in the session table.
NEW_TOKEN_COOKIE = "luotsi_new_api_token"  # noqa: S105 - a cookie name, not a secret


def token_list(request: HttpRequest) -> HttpResponse:
    """*API-avaimet*: the user's tokens; POST makes a new one, and the page it redirects
    to shows it once."""
    if needs_login(request):
        return redirect_to_login(request.get_full_path())
    user = request.user
    if not tokens.may_have_tokens(user):  # type: ignore[arg-type]
        raise PermissionDenied
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _row, token = tokens.issue_token(
                user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            response = redirect("api_tokens:list")
            response.set_cookie(
                NEW_TOKEN_COOKIE,
                token,
                max_age=300,
                path=reverse("api_tokens:list"),
                secure=request.is_secure(),
                httponly=True,
                samesite="Strict",
            )
            return response
    new_token = request.COOKIES.get(NEW_TOKEN_COOKIE, "")
    if (
        new_token
        and not ApiToken.objects.filter(
            user=user,
            token_hash=tokens.token_hash(new_token)
            if tokens.TOKEN_PATTERN.fullmatch(new_token)
            else "",
        ).exists()
    ):
        new_token = ""  # a stale or forged cookie shows nothing
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": tokens.tokens_of(user),  # type: ignore[arg-type]
            "max_days": tokens.max_days(),
        },
    )
    add_never_cache_headers(response)  # the new token is on the page
    if NEW_TOKEN_COOKIE in request.COOKIES:  # shown once
        response.delete_cookie(NEW_TOKEN_COOKIE, path=reverse("api_tokens:list"))
    return response


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if needs_login(request):
        return redirect_to_login(request.get_full_path())
    if tokens.revoke_token(request.user, token_id):  # type: ignore[arg-type]
        messages.success(request, _("The token was revoked: it no longer works."))
    else:
        messages.error(request, _("No such token of yours, or it was already revoked."))
    return redirect("api_tokens:list")
