"""The anonymous client feedback survey: one answer per token, no link from an answer to
a client, small groups suppressed, rate-limited public page, and the link on the final
feedback report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from luotsi.cases.models import Case
from luotsi.quality import survey
from luotsi.quality.models import SurveyAnswer, SurveyToken
from luotsi.quality.survey_views import RATE_LIMIT

ON = dt.date(2026, 5, 20)
GOOD = {"support": 5, "goals": 4, "respect": 5, "recommend": 4}


@pytest.fixture
def case(world):
    return Case.objects.create(
        organisation=world.org,
        client=world.own_client,
        service="TK",
        external_id="S-1",
        received=dt.date(2026, 1, 5),
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_one_answer_per_token_and_no_link_to_the_client(case) -> None:
    token = survey.issue(case, ON)
    row = SurveyToken.objects.get()
    assert row.case == case and token not in row.token_hash  # only the hash is kept
    assert survey.answer(token, GOOD, on=ON)
    assert not survey.answer(token, GOOD, on=ON)  # the second answer is refused
    stored = SurveyAnswer.objects.get()
    assert (stored.service, stored.quarter) == ("TK", dt.date(2026, 4, 1))
    assert {f.name for f in SurveyAnswer._meta.get_fields()} == {
        "id",
        "organisation",
        "service",
        "quarter",
        *survey.QUESTIONS,
    }
    row.refresh_from_db()
    assert row.used and row.case is None  # unlinked from the case when used


def test_a_new_invitation_withdraws_the_old_unused_one(case) -> None:
    first = survey.issue(case, ON)
    second = survey.issue(case, ON)
    assert not survey.answer(first, GOOD, on=ON)
    assert survey.answer(second, GOOD, on=ON)


@pytest.mark.parametrize(("answers", "shown"), [(4, False), (5, True), (6, True)])
def test_small_groups_are_suppressed(world, case, answers, shown) -> None:
    for _ in range(answers):
        survey.answer(survey.issue(case, ON), GOOD, on=ON)
    (row,) = survey.survey_rows(world.org)
    assert row["suppressed"] is (not shown)
    assert row["answers"] == (answers if shown else None)
    assert row["averages"][0] == ("5,0" if shown else None)


def test_the_public_page(client, case) -> None:
    token = survey.issue(case, ON)
    url = reverse("public_survey", kwargs={"token": token})
    assert client.get(url).status_code == 200
    bad = client.post(url, {"support": "9"})
    assert bad.status_code == 200 and set(bad.context["form"].errors) == set(survey.QUESTIONS)
    assert client.post(url, {k: str(v) for k, v in GOOD.items()}).status_code == 200
    assert SurveyAnswer.objects.count() == 1
    assert client.get(url).status_code == 404  # used
    assert client.get(reverse("public_survey", kwargs={"token": "x" * 22})).status_code == 404


def test_the_public_page_is_rate_limited(client, case) -> None:
    url = reverse("public_survey", kwargs={"token": "nope"})
    statuses = [client.get(url).status_code for _ in range(RATE_LIMIT + 1)]
    assert statuses[:RATE_LIMIT] == [404] * RATE_LIMIT and statuses[-1] == 429


def test_the_figures_page_shows_the_answers(client, world, case) -> None:
    for _ in range(5):
        survey.answer(survey.issue(case, ON), GOOD, on=ON)
    client.force_login(world.quality_manager)
    page = client.get(reverse("quality:figures") + "?start=2026-01-01&end=2026-06-30")
    assert "2026 Q2" in page.content.decode() and "4,0" in page.content.decode()


def test_the_demo_answers(demo) -> None:
    from luotsi.organisations.models import Organisation

    rows = survey.survey_rows(Organisation.objects.get(kind="provider"))
    assert {(r["service"], r["suppressed"]) for r in rows} == {("TK", False), ("TV", True)}
    assert not SurveyToken.objects.filter(used=True, case__isnull=False).exists()


def test_the_xlsx_has_the_answers(client, world, case) -> None:
    import io

    from openpyxl import load_workbook

    for _ in range(5):
        survey.answer(survey.issue(case, ON), GOOD, on=ON)
    client.force_login(world.quality_manager)
    response = client.get(reverse("quality:figures_export") + "?start=2026-01-01&end=2026-06-30")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[-1]
    rows = list(sheet.values)
    assert rows[1][:3] == ("2026 Q2", "TK", 5) and rows[1][3] == "5,0"
