"""``luotsi worker``: run queued jobs (django-tasks' database worker) with a heartbeat.

While a job runs, a thread of the worker writes the job's heartbeat (and progress the job
reported from inside its own transaction) every ``LUOTSI_JOB_HEARTBEAT_SECONDS``, and
now and then fails the jobs whose worker stopped beating (``service.mark_lost_jobs``), so
that a killed worker's job shows as failed and can be retried. SIGTERM or SIGINT stops
the worker after the job it is running; a second one stops it at once (the job's open
transaction is rolled back, the job is taken for lost).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from . import runner, service

logger = logging.getLogger("luotsi.jobs")


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


class Heartbeat(threading.Thread):
    def __init__(self, interval: float, reap_every: float) -> None:
        super().__init__(name="luotsi-job-heartbeat", daemon=True)
        self.interval = interval
        self.reap_every = reap_every
        self.stopped = threading.Event()

    def run(self) -> None:
        last_reap = 0.0
        while not self.stopped.wait(self.interval):
            try:
                ctx = runner.current()
                if ctx is not None:
                    ctx.beat()
                if time.monotonic() - last_reap >= self.reap_every:
                    last_reap = time.monotonic()
                    marked = service.mark_lost_jobs()
                    if marked:
                        logger.warning("%s job(s) taken for lost: their worker stopped", marked)
            except Exception:
                logger.exception("The job heartbeat failed; trying again")
            finally:
                connection.close()


def run_worker(
    *,
    queues: list[str],
    interval: float = 1.0,
    batch: bool = False,
    max_tasks: int | None = None,
    worker_id: str | None = None,
) -> None:
    heartbeat = Heartbeat(
        interval=settings.LUOTSI_JOB_HEARTBEAT_SECONDS,
        reap_every=settings.LUOTSI_JOB_LOST_AFTER_SECONDS / 2,
    )
    worker = Worker(
        queue_names=queues,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=worker_id or new_worker_id(),
        excluded_queue_names=[],
    )
    logger.info("Worker %s started on queues %s", worker.worker_id, ",".join(queues))
    # A worker that starts after a crash fails the jobs the crashed one left running.
    service.mark_lost_jobs()
    heartbeat.start()
    worker.configure_signals()
    try:
        worker.run()
    finally:
        heartbeat.stopped.set()
        worker.reset_signals()
