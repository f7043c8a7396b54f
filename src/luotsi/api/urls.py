"""The user's own API-token page (``/api-tokens/``), mounted by ``luotsi.conf.urls`` next
to the API itself (``path("api/", api.urls)``)."""

from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
