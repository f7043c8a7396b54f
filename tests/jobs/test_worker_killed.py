"""A real ``luotsi worker`` killed in the middle of a job: nothing half-written stays, the
next worker takes the job for lost, and the retry finishes it.

Runs its own SQLite database file with real processes (not the test database): the worker
must see committed data and die with its transaction open.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import django; django.setup()
from luotsi.accounts.models import Role, RoleAssignment, User
from luotsi.jobs import service
from luotsi.organisations.models import Organisation
org = Organisation.objects.create(name="Tappotesti Oy", business_id="2345678-0")
admin = User.objects.create_user(username="admin", password="x" * 12, organisation=org)
RoleAssignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
job, _ = service.start(
    "tests.jobs.kinds.writes_in_steps", user=admin, steps=3, hold_at=2, ready_file=READY
)
print(job.pk)
"""

RETRY = """
import django; django.setup()
from luotsi.accounts.models import User
from luotsi.jobs import service
from luotsi.jobs.models import Job
service.retry(User.objects.get(username="admin"), Job.objects.get())
"""


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def site(tmp_path):
    database = tmp_path / "killed.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.ci",
        "LUOTSI_JOB_HEARTBEAT_SECONDS": "0.3",
        "LUOTSI_JOB_LOST_AFTER_SECONDS": "2",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    subprocess.run(
        [sys.executable, "-m", "luotsi.cli", "manage", "migrate", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    workers: list[subprocess.Popen] = []

    def python(code: str, **values: str) -> str:
        prelude = "".join(f"{name} = {value!r}\n" for name, value in values.items())
        done = subprocess.run(
            [sys.executable, "-c", prelude + code],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.stdout.strip()

    def worker() -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "luotsi.cli", "worker", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
        )
        workers.append(process)
        return process

    def query(sql: str, *params: str) -> list[tuple]:
        with sqlite3.connect(database, timeout=20) as connection:
            return connection.execute(sql, params).fetchall()

    yield python, worker, query
    for process in workers:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_killed_worker_leaves_nothing_half_written_and_the_job_is_retried(site, tmp_path):
    python, worker, query = site
    ready = tmp_path / "holding"
    job_id = python(SETUP, READY=str(ready)).replace("-", "")

    def teams():
        return sorted(name for (name,) in query("SELECT name FROM organisations_team"))

    def job():
        return query(
            "SELECT state, attempt, done, total, error FROM jobs_job WHERE id = ?", job_id
        )[0]

    first = worker()
    wait_for(ready.exists, 60, "the job to hold in the middle of its second step")
    state, attempt, _, total, _ = job()
    assert (state, attempt, total) == ("running", 1, 3)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    # Step 1 is whole; step 2's first half died with the worker's transaction.
    assert teams() == ["step 1 a", "step 1 b"]

    second = worker()
    state, attempt, _, _, error = wait_for(
        lambda: job()[0] == "failed" and job(), 30, "the job to be taken for lost"
    )
    assert attempt == 1
    assert "stopped in the middle" in error or "pysähtyi kesken" in error

    python(RETRY)
    state, attempt, done, total, error = wait_for(
        lambda: job()[0] == "done" and job(), 30, "the retried job to finish"
    )
    assert (attempt, done, total, error) == (2, 3, 3, "")
    assert teams() == ["step 1 a", "step 1 b", "step 2 a", "step 2 b", "step 3 a", "step 3 b"]

    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=20) == 0
