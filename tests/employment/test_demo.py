"""The employment area's demo: three units, officers, partners and 60 jobseekers in every
state, read back from the stored findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from luotsi.demo.employment import load_employment_demo
from luotsi.employment.models import Jobseeker, JobseekerFinding

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 10, 0))
    return load_employment_demo(TODAY)


def test_sixty_jobseekers_in_every_state(demo):
    assert demo.jobseekers == 60
    units = Counter(Jobseeker.objects.values_list("unit__kind", flat=True))
    assert units == {"adults": 24, "youth": 12, "initial": 10, "integration": 14}
    keys = Counter(JobseekerFinding.objects.values_list("rule", "severity"))
    expected = [
        ("TYM.REFERRAL", "action"),  # a referral decision to record
        ("TYM.PLAN", "due"),  # a plan review coming up
        ("TYM.PLAN", "violation"),  # a review missed
        ("KUTY.PLAN_CONTENT", "due"),  # an evaluation date coming up
        ("KUTY.PLAN_CONTENT", "action"),  # a plan to renew
        ("KOTO.PLAN", "due"),  # integration time running out
        ("YOUTH.ROUTE", "due"),  # the 5-month mark within a month
        ("YOUTH.ROUTE", "violation"),  # past the mark, not moved
        ("CONSULT.CONSENT", "due"),  # a consultation to go through with the client
        ("KELA.ELIGIBILITY", "action"),  # responsibility unclear: AKSE
        ("UNEMPLOYED", "warning"),  # working 20 h a week
    ]
    for key in expected:
        assert keys[key] > 0, key


def test_loading_again_adds_nothing(demo):
    again = load_employment_demo(TODAY)
    assert again.jobseekers == 60
    assert [name for name, _ in again.logins] == [name for name, _ in demo.logins]


def test_the_demo_officer_finds_their_due_list(client, demo):
    from luotsi.accounts.models import User
    from luotsi.demo.loader import DEMO_PASSWORD

    assert "henna.virkailija" in dict(demo.logins)
    assert client.login(username="henna.virkailija", password=DEMO_PASSWORD)
    response = client.get(reverse("dashboards:home"), follow=True)
    assert response.resolver_match.view_name == "clients:employment_dashboard"
    assert response.context["page"].paginator.count > 0
    kela = User.objects.get(username="olli.kela")
    client.force_login(kela)
    page = client.get(reverse("clients:employment_jobseekers"))
    assert 0 < page.context["page"].paginator.count < 60
