"""The coach's calendar feed: opened by a secret token, minimal data, logged, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from icalendar import Calendar

from luotsi.access.models import AccessLogEntry
from luotsi.dashboards.models import CalendarFeedToken
from luotsi.dashboards.tokens import issue_token, revoke_token

from .conftest import finding, make_case, meeting, today

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
    sunday = t + dt.timedelta(days=6 - t.weekday())
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
