"""Consents and disclosures: legal basis or consent, refused after revocation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from luotsi.access.models import DisclosureLogEntry
from luotsi.consents.models import Consent
from luotsi.consents.service import DisclosureRefused, disclose, record_consent, revoke_consent

pytestmark = pytest.mark.django_db

GIVEN = dt.date(2026, 1, 5)


@pytest.fixture(autouse=True)
def english_messages():
    """Service-level refusals are asserted in English; the form test checks Finnish."""
    with translation.override("en"):
        yield


def consent_for(world, *, kind="treating_party", health=True, client=None):
    return record_consent(
        world.coach,
        client or world.own_client,
        recipient_kind=kind,
        recipient_name="Satasairaala, kuntoutuspoliklinikka",
        scope="Työkokeilun palauteraportti hoitavalle taholle",
        covers_health_data=health,
        given_on=GIVEN,
    )


def send(world, consent=None, *, kind="treating_party", health=True, client=None, on=None):
    return disclose(
        world.coach,
        client or world.own_client,
        recipient_kind=kind,
        recipient_name="Satasairaala",
        document="Palauteraportti",
        contains_health_data=health,
        consent=consent,
        on=on,
    )


def test_kela_needs_no_consent_and_the_basis_is_the_law(world):
    entry = send(world, kind="kela")
    assert entry.legal_basis == "kela_law"
    assert entry.consent is None
    assert entry.user == world.coach
    assert entry.organisation == world.org


def test_the_treating_party_needs_a_consent(world):
    with pytest.raises(DisclosureRefused) as info:
        send(world)
    assert "consent" in info.value.error_dict
    assert not DisclosureLogEntry.objects.exists()


def test_a_consent_in_force_allows_and_is_logged(world):
    consent = consent_for(world)
    entry = send(world, consent)
    assert entry.legal_basis == "consent"
    assert entry.consent == consent


def test_after_revocation_the_consent_path_refuses(world):
    consent = consent_for(world)
    send(world, consent)
    revoke_consent(world.coach, consent, revoked_on=dt.date(2026, 2, 1))
    with pytest.raises(DisclosureRefused, match="revoked"):
        send(world, consent, on=dt.date(2026, 2, 1))
    with pytest.raises(DisclosureRefused, match="revoked"):
        send(world, consent)
    assert DisclosureLogEntry.objects.count() == 1
    # Kela's legal right does not depend on the consent.
    assert send(world, kind="kela").legal_basis == "kela_law"


def test_health_data_needs_a_consent_that_names_it(world):
    consent = consent_for(world, health=False)
    with pytest.raises(DisclosureRefused, match="health data"):
        send(world, consent, health=True)
    assert send(world, consent, health=False).consent == consent


def test_a_consent_for_another_recipient_or_client_is_refused(world):
    network = consent_for(world, kind="network")
    with pytest.raises(DisclosureRefused, match="kind of recipient"):
        send(world, network)
    # Coach B tries to send Coach B's client's report on Oona's consent.
    oonas = consent_for(world, client=world.own_client)
    with pytest.raises(DisclosureRefused, match="another client"):
        disclose(
            world.coach_b,
            world.other_coach_client,
            recipient_kind="treating_party",
            recipient_name="X",
            document="Palauteraportti",
            contains_health_data=False,
            consent=oonas,
        )


def test_not_before_the_consent_was_given(world):
    consent = consent_for(world)
    with pytest.raises(DisclosureRefused, match="not in force"):
        send(world, consent, on=GIVEN - dt.timedelta(days=1))


def test_only_written_consents_and_no_future_dates(world):
    with pytest.raises(ValidationError) as info:
        record_consent(
            world.coach,
            world.own_client,
            recipient_kind="network",
            recipient_name="Työpaikka",
            scope="Palauteraportti",
            covers_health_data=False,
            given_on=dt.date.today() + dt.timedelta(days=3),
            written=False,
        )
    assert set(info.value.error_dict) == {"written", "given_on"}
    assert not Consent.objects.exists()


def test_revoking_twice_is_refused(world):
    consent = consent_for(world)
    revoke_consent(world.coach, consent)
    with pytest.raises(ValidationError):
        revoke_consent(world.coach, consent)


def test_disclosure_form_shows_the_refusal(client, world):
    consent = consent_for(world)
    revoke_consent(world.coach, consent)
    client.force_login(world.coach)
    url = reverse("clients:disclosure_create", kwargs={"client_id": world.own_client.pk})
    response = client.post(
        url,
        {
            "recipient_kind": "treating_party",
            "document": "Palauteraportti",
            "contains_health_data": "on",
            "consent": consent.pk,
        },
    )
    assert response.status_code == 200
    # The page is in Finnish, the interface's default language.
    assert "perunut" in response.context["form"].errors["consent"][0]
    assert not DisclosureLogEntry.objects.exists()


def test_consent_views_record_and_revoke(client, world):
    client.force_login(world.coach)
    url = reverse("clients:consent_create", kwargs={"client_id": world.own_client.pk})
    response = client.post(
        url,
        {
            "recipient_kind": "network",
            "recipient_name": "Työpaikka Oy",
            "scope": "Palauteraportti työpaikalle",
            "given_on": "2026-01-05",
            "written": "on",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.recorded_by == world.coach
    assert not consent.covers_health_data
    response = client.post(
        reverse(
            "clients:consent_revoke",
            kwargs={"client_id": world.own_client.pk, "consent_id": consent.pk},
        )
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_on is not None


def test_a_consent_of_another_client_cannot_be_revoked_through_this_client(client, world):
    consent = consent_for(world)
    client.force_login(world.coach_b)
    response = client.post(
        reverse(
            "clients:consent_revoke",
            kwargs={"client_id": world.other_coach_client.pk, "consent_id": consent.pk},
        )
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_on is None


def test_the_client_needs_no_consent_for_their_own_data(world):
    entry = send(world, kind="client")
    assert entry.legal_basis == "data_subject"
    assert entry.consent is None
    assert entry.recipient_kind == "client"
