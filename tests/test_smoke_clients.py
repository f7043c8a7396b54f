import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_coach_sees_own_client_page(client, world):
    client.force_login(world.coach)
    response = client.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    assert response.status_code == 200
    assert world.own_client.identity_code in response.content.decode()
    response = client.get(reverse("clients:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "020490-****" in body
    assert world.own_client.identity_code not in body
