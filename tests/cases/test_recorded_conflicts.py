"""A rehabilitation day inside a pause recorded before entry refused it (old data) does not
block an unrelated change of the case; a new day inside the pause is still refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from luotsi.cases.service import add_event, import_case, recompute_findings
from tests.cases.test_views import TODAY, case_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def test_an_old_day_inside_a_pause_does_not_block_other_changes(world):
    case = import_case(world.coach, world.org, world.own_client, case_file(), on=TODAY)
    day = {"type": "rehab_day", "date": "2026-02-18", "hours": 6, "workplace_hours": 5}
    case.events.create(type="rehab_day", date=dt.date(2026, 2, 18), position=99, data=day)
    recompute_findings(case)
    notice = {"type": "kela_notice", "date": "2026-02-25", "topic": "Tauko"}
    case = add_event(world.coach, case, notice, case.version)
    assert case.events.filter(type="kela_notice").exists()
    another = {"type": "rehab_day", "date": "2026-02-19", "hours": 6, "workplace_hours": 5}
    with pytest.raises(ValidationError) as refused:
        add_event(world.coach, case, another, case.version)
    assert list(refused.value.error_dict) == ["/events/7/date"]  # the new day
