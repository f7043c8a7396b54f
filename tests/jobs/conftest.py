"""Helpers for the jobs tests: run what is queued, as ``luotsi worker --batch`` would."""

from __future__ import annotations

import pytest
from django_tasks_db.management.commands.db_worker import Worker

from luotsi.jobs import runner


def run_queued() -> None:
    """Run every queued task in this process with django-tasks' database worker."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def every_progress(monkeypatch):
    """Write every progress report at once (no rate limit)."""
    monkeypatch.setattr(runner, "PROGRESS_MIN_INTERVAL", 0)
