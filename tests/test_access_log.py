"""Every client-data view writes exactly one access-log row, and the log is append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from luotsi.access.models import (
    AccessLogEntry,
    AppendOnlyError,
    ChangeLogEntry,
    DisclosureLogEntry,
)
from luotsi.consents.models import Consent
from luotsi.consents.service import disclose
from tests.client_views import CLIENT_DATA_VIEWS, add_document, case_kwargs

pytestmark = pytest.mark.django_db

# Who may use each action (the authorization matrix proves the rest).
ACTOR_FOR = {
    "list": "coach",
    "create": "coach",
    "view": "coach",
    "edit": "coach",
    "export": "coach",
    "print": "coach",
    "document": "coach",
    "audit": "quality_manager",
}


def actor_for(spec):
    """A role that may open the view: the action's, or the view's own narrower set."""
    if spec.allowed_roles:
        return sorted(spec.allowed_roles)[0]
    return ACTOR_FOR[spec.action]


def call(http, world, name):
    spec = CLIENT_DATA_VIEWS[name]
    kwargs = {"client_id": world.own_client.pk} if spec.per_client else {}
    if "consent_id" in spec.extra_kwargs:
        consent = Consent.objects.create(
            client=world.own_client,
            recipient_kind="network",
            recipient_name="Työpaikka",
            scope="Palauteraportti",
            given_on=dt.date(2026, 1, 5),
        )
        kwargs["consent_id"] = consent.pk
    if "document_id" in spec.extra_kwargs:
        document = add_document(world.own_client, final=name == "clients:document_pdf")
        kwargs.update(case_id=document.case_id, document_id=document.pk)
    elif "case_id" in spec.extra_kwargs:
        kwargs.update(case_kwargs(world.own_client, spec, name))
    if spec.by_token:  # a feed: the token names the user, not the session
        from luotsi.dashboards.tokens import issue_token

        kwargs["token"] = issue_token(getattr(world, ACTOR_FOR[spec.action]))
    return getattr(http, spec.method)(reverse(name, kwargs=kwargs), REMOTE_ADDR="192.0.2.7")


@pytest.mark.parametrize("name", list(CLIENT_DATA_VIEWS))
def test_view_writes_exactly_one_access_row(client, world, name):
    spec = CLIENT_DATA_VIEWS[name]
    user = getattr(world, actor_for(spec))
    client.force_login(user)
    before = AccessLogEntry.objects.count()
    response = call(client, world, name)
    assert response.status_code in spec.ok_status
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("pk")
    assert entry.user == user
    assert entry.organisation == world.org
    # An edit page only opened (GET) changed nothing: logged as a view.
    opened_only = spec.action == "edit" and spec.method == "get"
    assert entry.action == ("view" if opened_only else spec.action)
    assert entry.view_name == name
    assert entry.ip_address == "192.0.2.7"
    if spec.per_client:
        assert entry.client == world.own_client


@pytest.mark.parametrize("name", list(CLIENT_DATA_VIEWS))
def test_client_data_responses_are_not_cached(client, world, name):
    spec = CLIENT_DATA_VIEWS[name]
    client.force_login(getattr(world, actor_for(spec)))
    response = call(client, world, name)
    assert "no-store" in response["Cache-Control"]


def test_a_refused_view_writes_no_row(client, world):
    client.force_login(world.coach)
    before = AccessLogEntry.objects.count()
    url = reverse("clients:detail", kwargs={"client_id": world.other_org_client.pk})
    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.count() == before


def test_saving_an_edit_writes_one_access_row_and_one_change_row(client, world):
    client.force_login(world.coach)
    url = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    data = {
        "first_name": "Oona",
        "last_name": "Oma",
        "identity_code": world.own_client.identity_code,
        "language": "fi",
        "phone": "+358 40 123 4567",
        "email": "",
        "address": "",
        "responsible_coach": world.coach.pk,
        "team": world.team_a.pk,
    }
    access_before = AccessLogEntry.objects.count()
    changes_before = ChangeLogEntry.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302
    assert AccessLogEntry.objects.count() == access_before + 1
    assert ChangeLogEntry.objects.count() == changes_before + 1
    change = ChangeLogEntry.objects.latest("pk")
    assert change.fields == ["phone"]
    assert change.user == world.coach


def test_who_looked_at_this_client(client, world):
    client.force_login(world.coach)
    client.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    client.force_login(world.administrator)
    response = client.get(reverse("clients:access_log", kwargs={"client_id": world.own_client.pk}))
    body = response.content.decode()
    assert "Coach Testinen (coach)" in body
    # The administrator sees who looked, not the client's data.
    assert world.own_client.identity_code not in body


def test_access_report_for_the_client(client, world):
    client.force_login(world.coach)
    client.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    client.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    disclose(
        world.coach,
        world.own_client,
        recipient_kind="kela",
        recipient_name="Kela",
        document="Palauteraportti",
        contains_health_data=True,
    )
    client.force_login(world.administrator)
    response = client.get(
        reverse("clients:access_report", kwargs={"client_id": world.own_client.pk})
    )
    rows = response.context["rows"]
    assert any(who == "Coach Testinen (coach)" and count == 2 for _, who, _, count in rows)
    assert "Palauteraportti" in response.content.decode()
    assert "192.0.2" not in response.content.decode()


def make_entries(world):
    access = AccessLogEntry.objects.create(
        organisation=world.org,
        user=world.coach,
        user_name="x",
        client=world.own_client,
        action="view",
        view_name="clients:detail",
        path="/clients/1/",
    )
    disclosure = disclose(
        world.coach,
        world.own_client,
        recipient_kind="kela",
        recipient_name="Kela",
        document="Palauteraportti",
        contains_health_data=True,
    )
    change = ChangeLogEntry.objects.filter(client=world.own_client).first()
    return [access, disclosure, change]


def test_log_rows_cannot_be_changed_or_removed_through_the_models(world):
    for entry in make_entries(world):
        model = type(entry)
        entry.user_name = "someone else"
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()
        with pytest.raises(AppendOnlyError):
            model.objects.filter(pk=entry.pk).update(user_name="someone else")
        with pytest.raises(AppendOnlyError):
            model.objects.filter(pk=entry.pk).delete()
        assert model.objects.get(pk=entry.pk).user_name != "someone else"


@pytest.mark.parametrize("model", [AccessLogEntry, ChangeLogEntry, DisclosureLogEntry])
def test_the_admin_is_read_only(world, model):
    request = RequestFactory().get("/")
    request.user = world.administrator
    model_admin = site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    request.user = world.coach
    assert not model_admin.has_view_permission(request)


def test_the_admin_shows_only_the_own_organisations_log(world):
    make_entries(world)
    AccessLogEntry.objects.create(
        organisation=world.other_org,
        user=world.other_coach,
        user_name="y",
        client=world.other_org_client,
        action="view",
        view_name="clients:detail",
        path="/",
    )
    request = RequestFactory().get("/")
    request.user = world.administrator
    queryset = site._registry[AccessLogEntry].get_queryset(request)
    assert set(queryset.values_list("organisation", flat=True)) == {world.org.pk}


@pytest.mark.postgres
@pytest.mark.parametrize("statement", ["UPDATE {table} SET user_name = 'x'", "DELETE FROM {table}"])
def test_postgresql_refuses_update_and_delete(world, statement):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    make_entries(world)
    for model in (AccessLogEntry, ChangeLogEntry, DisclosureLogEntry):
        table = model._meta.db_table
        assert model.objects.exists()
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement.format(table=table))
        assert model.objects.exists()


def test_the_logged_address_ignores_a_forged_forwarded_header(client, world, settings):
    client.force_login(world.coach)
    url = reverse("clients:detail", kwargs={"client_id": world.own_client.pk})
    client.get(url, REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert AccessLogEntry.objects.latest("pk").ip_address == "192.0.2.7"
    settings.LUOTSI_PROXY_COUNT = 1
    client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.8")
    assert AccessLogEntry.objects.latest("pk").ip_address == "198.51.100.8"


def _staff_administrator(world):
    world.administrator.is_staff = True
    world.administrator.save()
    return world.administrator


def test_reading_the_logs_in_the_admin_is_logged(client, world):
    """Opening a log entry in the admin writes an ``audit`` row naming its client, as the
    audit pages do; the list page writes one without a client."""
    client.force_login(world.coach)
    client.get(reverse("clients:detail", kwargs={"client_id": world.own_client.pk}))
    entry = AccessLogEntry.objects.get(client=world.own_client)
    disclosure = DisclosureLogEntry.objects.create(
        organisation=world.org,
        user=world.coach,
        user_name="Coach Testinen",
        client=world.own_client,
        recipient_kind="treating_party",
        recipient_name="Psykiatrian poliklinikka",
        document="Lausunto",
        contains_health_data=True,
        legal_basis="consent",
    )
    client.force_login(_staff_administrator(world))
    before = AccessLogEntry.objects.count()

    page = client.get(reverse("admin:access_accesslogentry_change", args=[entry.pk]))
    assert page.status_code == 200
    row = AccessLogEntry.objects.latest("pk")
    assert (row.user, row.action, row.client) == (world.administrator, "audit", world.own_client)
    assert row.view_name == "admin:access_accesslogentry_change"
    assert row.detail == f"admin: accesslogentry {entry.pk}"

    page = client.get(reverse("admin:access_disclosurelogentry_change", args=[disclosure.pk]))
    assert page.status_code == 200
    assert AccessLogEntry.objects.latest("pk").client == world.own_client

    page = client.get(reverse("admin:access_accesslogentry_changelist"))
    assert page.status_code == 200
    row = AccessLogEntry.objects.latest("pk")
    assert (row.client, row.detail) == (None, "admin: accesslogentry list")
    assert AccessLogEntry.objects.count() == before + 3

    # Another organisation's entry is not found, and nothing is logged for it.
    client.force_login(world.other_coach)
    client.get(reverse("clients:detail", kwargs={"client_id": world.other_org_client.pk}))
    foreign = AccessLogEntry.objects.get(client=world.other_org_client)
    client.force_login(world.administrator)
    last = AccessLogEntry.objects.latest("pk").pk
    page = client.get(reverse("admin:access_accesslogentry_change", args=[foreign.pk]))
    assert page.status_code == 302  # Django's admin: "doesn't exist", back to the list
    assert not AccessLogEntry.objects.filter(pk__gt=last, client=world.other_org_client).exists()


def test_the_admin_needs_the_second_factor_the_user_has_set_up(client, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    administrator = _staff_administrator(world)
    client.force_login(administrator)
    url = reverse("admin:access_accesslogentry_changelist")
    assert client.get(url).status_code == 200  # no device: a password was enough
    TOTPDevice.objects.create(user=administrator, name="Luotsi", confirmed=True)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "_auth_user_id" not in client.session  # logged out, as on the client pages


def test_a_refused_duplicate_identity_code_is_logged_against_that_client(client, world):
    """The check spans the organisation, so a coach learns that a person outside their
    reach is a client: that access shows in the client's log."""
    client.force_login(world.coach)
    data = {
        "first_name": "Uusi",
        "last_name": "Asiakas",
        "language": "fi",
        "responsible_coach": world.coach.pk,
        "team": world.team_a.pk,
    }
    hidden = world.other_coach_client  # another team's client: outside the coach's reach
    page = client.post(reverse("clients:create"), {**data, "identity_code": hidden.identity_code})
    assert page.status_code == 200
    assert "Asiakas tällä henkilötunnuksella on jo olemassa." in page.content.decode()
    row = AccessLogEntry.objects.latest("pk")
    assert (row.user, row.client, row.action) == (world.coach, hidden, "create")
    assert row.detail == "identity code refused as a duplicate of this client"
    assert hidden.identity_code not in row.path + row.detail

    # Editing one's own client to carry that code: one row for each client.
    last = AccessLogEntry.objects.latest("pk").pk
    url = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    page = client.post(url, {**data, "identity_code": hidden.identity_code})
    assert page.status_code == 200
    rows = list(AccessLogEntry.objects.filter(pk__gt=last).order_by("pk"))
    assert [(r.client, r.action) for r in rows] == [(hidden, "edit"), (world.own_client, "edit")]

    # Another organisation's client is no duplicate: nothing about them is revealed.
    foreign = world.other_org_client
    page = client.post(reverse("clients:create"), {**data, "identity_code": foreign.identity_code})
    assert page.status_code == 302
    assert not AccessLogEntry.objects.filter(client=foreign).exists()


def test_a_search_by_identity_code_that_finds_one_client_is_logged_against_them(client, world):
    client.force_login(world.coach)
    page = client.post(reverse("clients:list"), {"q": world.own_client.identity_code})
    assert "Oma" in page.content.decode()
    row = AccessLogEntry.objects.latest("pk")
    assert (row.client, row.detail) == (world.own_client, "search by identity code: 1 shown")
    # Out of reach: nothing shown, nothing named.
    client.post(reverse("clients:list"), {"q": world.other_coach_client.identity_code})
    row = AccessLogEntry.objects.latest("pk")
    assert (row.client, row.detail) == (None, "search by identity code: 0 shown")


def test_one_audit_helper_names_the_system_actor_and_sorts_fields(world):
    from luotsi.access.audit import SYSTEM_ACTOR, actor_name, log_change
    from luotsi.access.models import ChangeLogEntry

    assert actor_name(None) == SYSTEM_ACTOR == "system"
    assert actor_name(world.coach) == world.coach.log_name
    row = log_change(
        None,
        organisation_id=world.org.pk,
        client_id=world.own_client.pk,
        action="edit",
        object_type="case",
        object_id=7,
        fields=["b", "a"],
    )
    stored = ChangeLogEntry.objects.get(pk=row.pk)
    assert (stored.user_name, stored.object_id, stored.fields) == ("system", "7", ["a", "b"])
