"""Helpers for the jobs tests: run what is queued, as ``luotsi worker --batch`` would."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from luotsi.jobs import runner


def run_queued() -> None:
    """Run every queued task in this process, as django-tasks' database worker does (its
    claim, then its ``run_task``), without its loop: the loop closes a connection that is
    inside a transaction, which is the test's own."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while True:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if task is None:
                return
            task.claim(worker.worker_id)
        worker.run_task(task)


@pytest.fixture
def every_progress(monkeypatch):
    """Write every progress report at once (no rate limit)."""
    monkeypatch.setattr(runner, "PROGRESS_MIN_INTERVAL", 0)
