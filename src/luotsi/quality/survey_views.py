"""The public survey page: no login, one answer per token, rate-limited per address."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from luotsi.access.decorators import client_ip

from . import survey

RATE_LIMIT = 30  # requests an address may make to the survey pages in RATE_WINDOW seconds
RATE_WINDOW = 3600
SCALE = [(str(n), str(n)) for n in range(1, 6)]


class SurveyForm(forms.Form):
    support = forms.TypedChoiceField(
        label=_("I got the support I needed for my rehabilitation."),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    goals = forms.TypedChoiceField(
        label=_("My goals were agreed together with me."),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    respect = forms.TypedChoiceField(
        label=_("I was treated with respect."), choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    recommend = forms.TypedChoiceField(
        label=_("I would recommend this service to others."),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )


def rate_limited(request: HttpRequest) -> bool:
    """True once an address has made ``RATE_LIMIT`` requests within the window."""
    key = f"luotsi-survey:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, RATE_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        return False
    return count > RATE_LIMIT


@never_cache
@require_http_methods(["GET", "POST"])
def public_survey(request: HttpRequest, token: str) -> HttpResponse:
    if rate_limited(request):
        return render(request, "quality/survey_done.html", {"state": "limited"}, status=429)
    if survey.open_token(token) is None:
        return render(request, "quality/survey_done.html", {"state": "closed"}, status=404)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not survey.answer(token, form.cleaned_data):
            return render(request, "quality/survey_done.html", {"state": "closed"}, status=404)
        return render(request, "quality/survey_done.html", {"state": "thanks"})
    return render(request, "quality/survey.html", {"form": form})
