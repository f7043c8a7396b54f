"""The coach's calendar feed: opened by a secret token, minimal data, logged, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

import pytest
from django.urls import reverse
from icalendar import Calendar

from luotsi.access.models import AccessLogEntry
from luotsi.accounts.models import Role, RoleAssignment
from luotsi.dashboards.models import CalendarFeedToken
from luotsi.dashboards.tokens import issue_token, revoke_token, token_hash
from tests.factories import finding, make_case, meeting, today

pytestmark = pytest.mark.django_db


def feed_url(token):
    return reverse("clients:calendar_feed", kwargs={"token": token})


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def schedule(world, cases):
    t = today()
    own = cases.own
    meeting(own, t + dt.timedelta(days=2))
    meeting(own, t - dt.timedelta(days=400))  # long past: not in the feed
    meeting(cases.teammate, t + dt.timedelta(days=3))  # another coach's client
    meeting(cases.other_org, t + dt.timedelta(days=3))
    return cases


def test_the_feed_has_own_meetings_and_deadlines_only(client, world, schedule):
    token = issue_token(world.coach)
    found = events(client.get(feed_url(token)))
    t = today()
    sunday = t + dt.timedelta(days=6)  # the last day of the next 7 days
    assert set(found) == {
        "Tapaaminen: O. O. OWN-1 (TK)",
        "Määräaika START.DEADLINE: O. O. OWN-1 (TK)",
        "Määräaika CERT.MISSING: O. O. OWN-1 (TK)",
        "Määräaika FEEDBACK.DEADLINE: O. O. OWN-1 (TK)",
    }
    assert found["Tapaaminen: O. O. OWN-1 (TK)"].decoded("dtstart") == t + dt.timedelta(days=2)
    assert found["Määräaika CERT.MISSING: O. O. OWN-1 (TK)"].decoded("dtstart") == sunday
    link = str(found["Tapaaminen: O. O. OWN-1 (TK)"]["url"])
    assert link.endswith(
        reverse(
            "clients:case_detail",
            kwargs={"client_id": world.own_client.pk, "case_id": schedule.own.pk},
        )
    )


def test_the_feed_carries_no_names_identity_codes_or_messages(client, world, schedule):
    body = client.get(feed_url(issue_token(world.coach))).content.decode()
    for secret in ("Oona", "Oma", world.own_client.identity_code, "suomeksi", "Tiimiläinen"):
        assert secret not in body


def test_the_feed_language_can_be_chosen(client, world, schedule):
    token = issue_token(world.coach)
    found = events(client.get(feed_url(token), {"lang": "sv"}))
    assert "Möte: O. O. OWN-1 (TK)" in found
    found = events(client.get(feed_url(token), {"lang": "xx"}))  # unknown: Finnish
    assert "Tapaaminen: O. O. OWN-1 (TK)" in found


def test_only_the_hash_is_stored(world):
    token = issue_token(world.coach)
    row = CalendarFeedToken.objects.get(user=world.coach)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash


def test_a_revoked_replaced_or_wrong_token_is_not_found(client, world, schedule):
    first = issue_token(world.coach)
    assert client.get(feed_url(first)).status_code == 200
    second = issue_token(world.coach)
    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200
    revoke_token(world.coach)
    assert client.get(feed_url(second)).status_code == 404
    assert client.get(feed_url("A" * 43)).status_code == 404
    assert client.get(feed_url("short")).status_code == 404


def test_a_user_who_lost_the_coach_role_or_was_deactivated_loses_the_feed(client, world, schedule):
    token = issue_token(world.coach)
    world.coach.role_assignments.all().delete()
    assert client.get(feed_url(token)).status_code == 404
    world.coach_b.is_active = False
    world.coach_b.save()
    assert client.get(feed_url(issue_token(world.coach_b))).status_code == 404


def test_each_fetch_is_logged_without_the_token(client, world, schedule):
    token = issue_token(world.coach)
    before = AccessLogEntry.objects.count()
    client.get(feed_url(token))
    client.get(feed_url(token))
    assert AccessLogEntry.objects.count() == before + 2
    entry = AccessLogEntry.objects.latest("pk")
    assert entry.user == world.coach
    assert entry.view_name == "clients:calendar_feed"
    assert token not in entry.path
    assert entry.path == "/clients/calendar/<token>.ics"
    assert entry.detail == "calendar feed: 4 events"


def test_the_coach_makes_sees_once_and_revokes_the_address(client, world, schedule):
    client.force_login(world.coach)
    manage = reverse("dashboards:calendar_feed_token")
    response = client.post(manage, {"action": "issue"})
    assert response.status_code == 302
    page = client.get(reverse("clients:dashboard"))
    url = page.context["feed_url"]
    assert url and url.startswith("http://testserver/clients/calendar/")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(feed_url(token)).status_code == 200
    again = client.get(reverse("clients:dashboard"))
    assert again.context["feed_url"] is None  # shown once
    assert again.context["has_feed"] is True
    client.post(manage, {"action": "revoke"})
    assert not CalendarFeedToken.objects.filter(user=world.coach).exists()
    assert client.get(feed_url(token)).status_code == 404


def test_only_coaches_may_make_a_feed_address(client, world):
    client.force_login(world.quality_manager)
    response = client.post(reverse("dashboards:calendar_feed_token"), {"action": "issue"})
    assert response.status_code == 403
    assert not CalendarFeedToken.objects.exists()
    client.logout()
    response = client.post(reverse("dashboards:calendar_feed_token"), {"action": "issue"})
    assert response.status_code == 302
    assert not CalendarFeedToken.objects.exists()


def test_feed_queries_do_not_grow(client, world, cases, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = issue_token(world.coach)
    client.get(feed_url(token))
    with CaptureQueriesContext(connection) as small:
        before = len(events(client.get(feed_url(token))))
    for n in range(10):
        case = make_case(world.own_client)
        meeting(case, today() + dt.timedelta(days=n))
        finding(case, "CERT.MISSING", "due", due=today() + dt.timedelta(days=n))
    with django_assert_num_queries(len(small)):
        found = events(client.get(feed_url(token)))
    assert len(found) == before + 20


def test_a_feed_fetch_starts_no_session(client, world, schedule):
    response = client.get(feed_url(issue_token(world.coach)))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_a_new_address_is_never_stored_in_plain_text_on_the_server(client, world, schedule):
    """It reaches the dashboard in a short-lived cookie of the coach's own browser, not in
    the session table; a stale or forged cookie shows nothing."""
    from django.contrib.sessions.models import Session

    from luotsi.dashboards.views import NEW_FEED_COOKIE

    client.force_login(world.coach)
    response = client.post(reverse("dashboards:calendar_feed_token"), {"action": "issue"})
    cookie = response.cookies[NEW_FEED_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert cookie["path"] == reverse("clients:dashboard") and int(cookie["max-age"]) <= 300
    token = cookie.value
    stored = CalendarFeedToken.objects.get(user=world.coach).token_hash
    assert stored == token_hash(token) and token not in stored
    for session in Session.objects.all():
        assert token not in session.session_data
        assert token not in str(session.get_decoded())

    replaced = issue_token(world.coach)  # e.g. from another browser meanwhile
    assert client.get(reverse("clients:dashboard")).context["feed_url"] is None
    client.cookies[NEW_FEED_COOKIE] = "A" * 43
    assert client.get(reverse("clients:dashboard")).context["feed_url"] is None
    client.cookies[NEW_FEED_COOKIE] = replaced
    assert client.get(reverse("clients:dashboard")).context["feed_url"].endswith(replaced + ".ics")


def test_deactivation_or_losing_the_coach_role_revokes_the_token_for_good(client, world):
    token = issue_token(world.coach)
    world.coach.is_active = False
    world.coach.save()
    assert not CalendarFeedToken.objects.filter(user=world.coach).exists()
    world.coach.is_active = True
    world.coach.save()
    assert client.get(feed_url(token)).status_code == 404  # the old address stays dead

    token = issue_token(world.coach_b)
    world.coach_b.role_assignments.all().delete()
    assert not CalendarFeedToken.objects.filter(user=world.coach_b).exists()
    RoleAssignment.objects.create(user=world.coach_b, role=Role.COACH)
    assert client.get(feed_url(token)).status_code == 404

    # Another role given or taken leaves a coach's token alone.
    token = issue_token(world.coach)
    RoleAssignment.objects.create(user=world.coach, role=Role.TEAM_LEAD)
    RoleAssignment.objects.filter(user=world.coach, role=Role.TEAM_LEAD).delete()
    world.coach.save()
    assert client.get(feed_url(token)).status_code == 200


def test_a_refused_fetch_does_not_log_the_token(client, world, caplog):
    token = issue_token(world.coach)
    CalendarFeedToken.objects.filter(user=world.coach).delete()  # revoked: the fetch is a 404
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(feed_url(token)).status_code == 404
    lines = [record.getMessage() for record in caplog.records]
    assert "Not Found: /clients/calendar/<token>.ics" in lines
    assert not any(token in line for line in lines)


def test_a_login_costs_no_feed_token_query(world, django_assert_num_queries):
    """Saving only ``last_login`` (every login does) does not look at feed tokens."""
    issue_token(world.coach)
    with django_assert_num_queries(1):  # the UPDATE of last_login
        world.coach.save(update_fields=["last_login"])
    world.coach.is_active = False
    world.coach.save(update_fields=["is_active"])
    assert not CalendarFeedToken.objects.filter(user=world.coach).exists()
