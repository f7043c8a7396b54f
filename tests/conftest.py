"""Two organisations, every role, and clients in and out of each user's reach."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings

from tests.factories import PASSWORD, build_world, make_office, make_user

__all__ = ["PASSWORD", "examples", "make_user"]  # the factories live in tests/factories.py

# Property tests: `make test` runs the same examples every time, so a run's verdict does not
# depend on luck (a red CI run is a real regression, reproducible by anyone). `make fuzz`
# explores new random examples, ten times as many; what it finds becomes an `@example`.
FUZZ_SCALE = int(os.environ.get("LUOTSI_FUZZ_SCALE", "1"))


def examples(n: int) -> int:
    """A property test's number of examples: n, times ten under `make fuzz`."""
    return n * FUZZ_SCALE


settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", max_examples=examples(100), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_configure(config: pytest.Config) -> None:
    """LUOTSI_TODAY=YYYY-MM-DD runs the suite as if it were that day, 10:00 in Helsinki
    (`make test-dates`): the demo data and the workspace are dated relative to today."""
    today = os.environ.get("LUOTSI_TODAY")
    if not today:
        return
    try:
        day = dt.date.fromisoformat(today)
    except ValueError:
        raise pytest.UsageError(f"LUOTSI_TODAY: not a date (YYYY-MM-DD): {today!r}") from None
    moment = dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Europe/Helsinki"))
    time_machine.travel(moment, tick=True).start()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def office(world):
    return make_office(world.org)


@pytest.fixture
def demo(db):
    """The demo organisation, staff and clients, as ``make demo`` loads them."""
    from luotsi.demo.loader import load_demo

    return load_demo()
