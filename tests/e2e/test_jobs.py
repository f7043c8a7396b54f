"""A background job in a real browser: an administrator starts the recompute of the
organisation's findings, the job's page follows it by itself (no reload by hand) until the
result can be downloaded."""

import threading
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from luotsi.demo.loader import DEMO_PASSWORD, load_demo
from luotsi.jobs.models import Job, State

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    """A job worker in a thread of the test process (it shares the live server's database).

    PostgreSQL only (CI runs the suite on it too): the SQLite test database is an
    in-memory one shared between threads, which locks whole tables without waiting, so a
    worker thread beside the live server fails at random there. tests/jobs proves the jobs
    on SQLite with real worker processes."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker thread beside the live server needs PostgreSQL")
    running = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e-worker",
        excluded_queue_names=[],
    )

    def run():
        try:
            running.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield running
    running.running = False
    thread.join(timeout=10)


def test_an_administrator_follows_a_job_to_its_result(page, worker):
    load_demo()
    page.goto("/")
    page.get_by_label("Käyttäjätunnus").fill("timo.salonen")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.get_by_role("link", name="Taustatyöt").click()
    expect(page.get_by_role("heading", name="Taustatyöt", level=1)).to_be_visible()
    page.get_by_role("button", name="Laske organisaation havainnot uudelleen").click()

    expect(
        page.get_by_role("heading", name="Laske organisaation havainnot uudelleen")
    ).to_be_visible()
    job = Job.objects.get()
    # The page reloads itself when the job ends: the download link appears.
    download_link = page.get_by_role("link", name="Lataa findings-")
    expect(download_link).to_be_visible(timeout=30_000)
    expect(page.get_by_text("60 / 60 tehty")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    with page.expect_download() as download:
        download_link.click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0] == "palvelu,sääntö,vakavuus,ennen,jälkeen"
    job.refresh_from_db()
    assert job.state == State.DONE

    page.get_by_role("link", name="Taustatyöt").first.click()
    expect(page.get_by_role("row").filter(has_text="Valmis")).to_have_count(1)
