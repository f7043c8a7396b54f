"""Consent URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace. Every view here must be a client-data view (luotsi.access.decorators);
tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:client_id>/consents/new/", views.consent_create, name="consent_create"),
    path(
        "<int:client_id>/consents/<int:consent_id>/revoke/",
        views.consent_revoke,
        name="consent_revoke",
    ),
    path("<int:client_id>/disclosures/new/", views.disclosure_create, name="disclosure_create"),
]
