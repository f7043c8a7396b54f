"""The jobs pages: who may open which job's page, status, retry and result (written out by
hand), the access log of downloads, and the pages as their users meet them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luotsi.access.models import AccessLogEntry, Action
from luotsi.jobs import service
from luotsi.jobs.models import Job, State
from tests.jobs import kinds
from tests.jobs.conftest import run_queued

pytestmark = pytest.mark.django_db

VIEWERS = ["coach", "administrator", "coach_b", "quality_manager", "other_administrator"]


@pytest.fixture
def jobs(world):
    """Three finished jobs of the organisation: the coach's with client data in its result,
    the coach's without, and one the system started (the nightly recompute)."""
    with_data, _ = service.start(kinds.count_to, user=world.coach, n=1)
    without_data, _ = service.start(kinds.count_to, user=world.coach, n=1, has_client_data=False)
    system, _ = service.start(kinds.count_to, organisation=world.org, n=1, has_client_data=False)
    run_queued()
    return {"with_data": with_data, "without_data": without_data, "system": system}


# viewer -> the jobs whose page (and status) they may open
MAY_SEE = {
    "coach": {"with_data", "without_data"},
    "administrator": {"with_data", "without_data", "system"},
    "coach_b": set(),
    "quality_manager": set(),
    "other_administrator": set(),
}
# viewer -> the jobs whose result they may download
MAY_DOWNLOAD = {
    "coach": {"with_data", "without_data"},
    "administrator": {"without_data", "system"},  # never client data: audit role only
    "coach_b": set(),
    "quality_manager": set(),
    "other_administrator": set(),
}


@pytest.mark.parametrize("which", ["with_data", "without_data", "system"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_job_page_and_status(client, world, jobs, viewer, which):
    client.force_login(getattr(world, viewer))
    job = jobs[which]
    page = client.get(reverse("jobs:detail", kwargs={"job_id": job.pk}))
    status = client.get(reverse("jobs:status", kwargs={"job_id": job.pk}))
    expected = 200 if which in MAY_SEE[viewer] else 404
    assert (page.status_code, status.status_code) == (expected, expected), (viewer, which)
    if expected == 200:
        assert status.json()["state"] == "done"
        assert page["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("which", ["with_data", "without_data", "system"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_job_result(client, world, jobs, viewer, which):
    client.force_login(getattr(world, viewer))
    job = jobs[which]
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("clients:job_result", kwargs={"job_id": job.pk}))
    if which in MAY_DOWNLOAD[viewer]:
        assert response.status_code == 200, (viewer, which)
        assert response["Content-Disposition"] == 'attachment; filename="count.json"'
        assert b"step 1" in response.content
        assert "no-store" in response["Cache-Control"]
        entry = AccessLogEntry.objects.order_by("-pk").first()
        assert AccessLogEntry.objects.count() == before + 1
        assert (entry.action, entry.user, entry.client) == (
            Action.EXPORT,
            getattr(world, viewer),
            None,
        )
        assert str(job.pk) in entry.detail
        assert entry.view_name == "clients:job_result"
    else:
        assert response.status_code == 404, (viewer, which)
        assert AccessLogEntry.objects.count() == before  # a refused request writes nothing


@pytest.mark.parametrize("viewer", VIEWERS)
def test_retry(client, world, viewer):
    failed, _ = service.start(kinds.refuses, user=world.coach)
    run_queued()
    client.force_login(getattr(world, viewer))
    response = client.post(reverse("jobs:retry", kwargs={"job_id": failed.pk}))
    failed.refresh_from_db()
    if viewer in ("coach", "administrator"):
        assert response.status_code == 302
        assert response["Location"] == failed.get_absolute_url()
        assert (failed.state, failed.attempt) == (State.QUEUED, 2)
    else:
        assert response.status_code == 404
        assert (failed.state, failed.attempt) == (State.FAILED, 1)


@pytest.mark.parametrize(
    "name", ["jobs:list", "jobs:detail", "jobs:status", "jobs:retry", "clients:job_result"]
)
def test_anonymous_is_sent_to_login(client, world, jobs, name):
    kwargs = {} if name == "jobs:list" else {"job_id": jobs["without_data"].pk}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_job_that_does_not_exist_is_not_found(client, world):
    client.force_login(world.administrator)
    response = client.get(reverse("jobs:detail", kwargs={"job_id": Job().pk}))
    assert response.status_code == 404


def test_the_list_shows_mine_or_for_an_administrator_the_organisations(client, world, jobs):
    mine = {str(j.pk) for k, j in jobs.items() if k != "system"}
    client.force_login(world.coach)
    body = client.get(reverse("jobs:list")).content.decode()
    assert all(pk in body for pk in mine)
    assert str(jobs["system"].pk) not in body
    client.force_login(world.administrator)
    body = client.get(reverse("jobs:list")).content.decode()
    assert all(str(j.pk) in body for j in jobs.values())
    client.force_login(world.other_administrator)
    body = client.get(reverse("jobs:list")).content.decode()
    assert not any(str(j.pk) in body for j in jobs.values())


def test_the_list_reads_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.administrator)
    service.start(kinds.count_to, user=world.coach, n=1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("jobs:list"))
    for n in range(4):
        service.start(kinds.count_to, user=world.coach, n=n + 2)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("jobs:list"))
    assert response.content.decode().count("Count to n") == 5
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("jobs:list"))
    assert len(five) == len(one)


def test_a_get_on_the_post_only_urls_leads_back(client, world, jobs):
    client.force_login(world.administrator)
    job = jobs["system"]
    response = client.get(reverse("jobs:retry", kwargs={"job_id": job.pk}))
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    response = client.get(reverse("jobs:start"))
    assert response.status_code == 302 and response["Location"] == reverse("jobs:list")


def test_retrying_a_job_that_did_not_fail_says_why(client, world, jobs):
    client.force_login(world.coach)
    job = jobs["with_data"]
    response = client.post(reverse("jobs:retry", kwargs={"job_id": job.pk}), follow=True)
    assert "Vain epäonnistuneen työn voi yrittää uudelleen." in response.content.decode()
    assert Job.objects.get(pk=job.pk).attempt == 1


def test_the_failure_is_shown_with_a_retry_button(client, world):
    failed, _ = service.start(kinds.crashes, user=world.coach, language="en")
    run_queued()
    client.force_login(world.coach)
    body = client.get(failed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'role="alert"' in body
    assert str(failed.pk) in body
    assert "secret detail" not in body
    assert reverse("jobs:retry", kwargs={"job_id": failed.pk}) in body


def test_a_running_job_page_follows_its_progress(client, world):
    job, _ = service.start(kinds.count_to, user=world.coach, n=4)
    Job.objects.filter(pk=job.pk).update(state=State.RUNNING, done=1, total=4, message="step 1")
    client.force_login(world.coach)
    body = client.get(job.get_absolute_url()).content.decode()
    assert 'max="4" value="1"' in body
    assert "jobs/progress.js" in body
    assert reverse("jobs:status", kwargs={"job_id": job.pk}) in body
    assert 'aria-live="polite"' in body
    status = client.get(reverse("jobs:status", kwargs={"job_id": job.pk})).json()
    assert status | {"state_label": None} == {
        "state": "running",
        "state_label": None,
        "done": 1,
        "total": 4,
        "percent": 25,
        "message": "step 1",
        "error": "",
        "finished": False,
        "result_url": None,
    }


def test_an_unknown_kind_cannot_be_started_from_the_page(client, world):
    client.force_login(world.coach)  # may not start the recompute (administrators only)
    response = client.post(
        reverse("jobs:start"), {"kind": "luotsi.cases.jobs.recompute_organisation"}
    )
    assert response.status_code == 302
    assert not Job.objects.exists()


def test_the_task_queue_is_not_in_the_admin():
    from django.contrib import admin
    from django_tasks_db.models import DBTaskResult

    assert not admin.site.is_registered(DBTaskResult)
