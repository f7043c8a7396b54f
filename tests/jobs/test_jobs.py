"""The job mechanism: progress, result (encrypted), failure, lost worker, retry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from luotsi.clients import crypto
from luotsi.jobs import runner, service
from luotsi.jobs.models import Job, State
from luotsi.jobs.runner import JobContext, JobSuperseded
from tests.jobs import kinds
from tests.jobs.conftest import run_queued

pytestmark = pytest.mark.django_db


def test_a_started_job_is_queued_with_its_user_organisation_and_task(world):
    job, created = service.start(kinds.count_to, user=world.coach, language="sv", n=2)
    assert created
    assert (job.state, job.attempt, job.organisation, job.user) == (
        State.QUEUED,
        1,
        world.org,
        world.coach,
    )
    assert job.user_name == world.coach.log_name
    assert job.language == "sv"
    assert job.params == {"n": 2}
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == "READY"
    assert task.args_kwargs["kwargs"] == {"job_id": str(job.pk), "attempt": 1}


def test_progress_is_stored_while_the_job_runs(world, every_progress):
    job, _ = service.start(kinds.count_to, user=world.coach, n=3)
    run_queued()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (State.DONE, 3, 3)
    seen = json.loads(service.result_bytes(world.coach, job))
    assert seen == [
        {"done": 1, "total": 3, "message": "step 1"},
        {"done": 2, "total": 3, "message": "step 2"},
        {"done": 3, "total": 3, "message": "step 3"},
    ]
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"


def test_the_result_is_stored_encrypted(world):
    job, _ = service.start(kinds.count_to, user=world.coach, n=1)
    run_queued()
    job.refresh_from_db()
    plain = service.result_bytes(world.coach, job)
    stored = bytes(Job.objects.values_list("result_data", flat=True).get(pk=job.pk))
    assert b"step 1" in plain
    assert b"step 1" not in stored
    assert crypto.decrypt_bytes(stored) == plain
    assert job.result_sha256 == hashlib.sha256(plain).hexdigest()
    assert (job.result_name, job.result_size) == ("count.json", len(plain))


def test_a_refusal_is_shown_as_the_job_says_it(world):
    job, _ = service.start(kinds.refuses, user=world.coach)
    run_queued()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.error == "Rivi 3: tuntematon valmentaja."
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"


def test_an_unexpected_error_names_the_job_not_the_detail(world):
    job, _ = service.start(kinds.crashes, user=world.coach, language="en")
    run_queued()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "secret detail" not in job.error
    assert str(job.pk) in job.error
    assert "unexpected error" in job.error


def test_the_failure_message_is_in_the_language_of_who_started_it(world):
    job, _ = service.start(kinds.crashes, user=world.coach, language="fi")
    run_queued()
    job.refresh_from_db()
    assert "Odottamaton virhe" in job.error


def test_a_failed_job_is_retried_as_a_new_attempt(world, monkeypatch):
    job, _ = service.start(kinds.count_to, user=world.coach, n=2)
    monkeypatch.setattr(kinds, "count_to", kinds.count_to)
    # First attempt fails (the kind refuses), as if something were wrong at the time.
    Job.objects.filter(pk=job.pk).update(kind="tests.jobs.kinds.refuses")
    run_queued()
    job.refresh_from_db()
    assert job.state == State.FAILED
    Job.objects.filter(pk=job.pk).update(kind="tests.jobs.kinds.count_to")
    first_task = job.task_id
    job = service.retry(world.coach, job)
    assert (job.state, job.attempt, job.error) == (State.QUEUED, 2, "")
    assert job.task_id != first_task
    run_queued()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (State.DONE, 2, 2)


def test_only_a_failed_job_can_be_retried(world):
    from django.core.exceptions import ValidationError

    job, _ = service.start(kinds.count_to, user=world.coach, n=1)
    with pytest.raises(ValidationError):
        service.retry(world.coach, job)


def _claimed(world, kind=kinds.count_to, **params):
    """A job a worker has claimed (running), as seen right after the claim."""
    job, _ = service.start(kind, user=world.coach, **params)
    claimed = runner._claim(job.pk, job.attempt, "w1")
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    return claimed


def test_a_job_whose_worker_stopped_beating_fails_and_can_be_retried(world, settings):
    settings.LUOTSI_JOB_LOST_AFTER_SECONDS = 60
    with translation.override("fi"):  # the coach works in Finnish; the check runs in English
        job = _claimed(world, n=2)
    now = timezone.now()
    with translation.override("en"):
        assert service.mark_lost_jobs(now + dt.timedelta(seconds=59)) == 0
        assert service.mark_lost_jobs(now + dt.timedelta(seconds=61)) == 1
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "pysähtyi kesken työn" in job.error  # in the language of who started it
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"
    job = service.retry(world.coach, job)
    run_queued()
    job.refresh_from_db()
    assert (job.state, job.attempt, job.done) == (State.DONE, 2, 2)


def test_a_worker_taken_for_lost_cannot_write_over_the_retry(world):
    job = _claimed(world, n=2)
    old_attempt = JobContext(job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    service.mark_lost_jobs()
    service.retry(world.coach, Job.objects.get(pk=job.pk))
    with pytest.raises(JobSuperseded):
        old_attempt.progress(1, 2, "late")
    job.refresh_from_db()
    assert (job.state, job.attempt, job.done, job.message) == (State.QUEUED, 2, 0, "")
    assert runner._finish(old_attempt, None) == "superseded"
    assert Job.objects.get(pk=job.pk).state == State.QUEUED


def test_a_heartbeat_keeps_a_long_step_alive(world, settings):
    settings.LUOTSI_JOB_LOST_AFTER_SECONDS = 60
    job = _claimed(world, n=2)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    JobContext(job).beat()
    assert service.mark_lost_jobs() == 0
    assert Job.objects.get(pk=job.pk).state == State.RUNNING


def test_a_task_of_an_older_attempt_runs_nothing(world):
    job, _ = service.start(kinds.count_to, user=world.coach, n=1)
    assert runner.run(job.pk, attempt=7) == "skipped"
    assert Job.objects.get(pk=job.pk).state == State.QUEUED


def test_one_at_a_time_gives_back_the_unfinished_job(world):
    from luotsi.cases.jobs import recompute_organisation

    first, created = service.start(recompute_organisation, user=world.administrator)
    again, created_again = service.start(recompute_organisation, user=world.administrator)
    assert created and not created_again
    assert again.pk == first.pk
    other, created_other = service.start(recompute_organisation, user=world.other_administrator)
    assert created_other and other.pk != first.pk


def test_a_user_without_an_organisation_cannot_start_a_job(world):
    from django.core.exceptions import PermissionDenied

    world.coach.organisation = None
    with pytest.raises(PermissionDenied):
        service.start(kinds.count_to, user=world.coach, n=1)


def test_old_results_are_pruned_and_the_job_rows_stay(world):
    old, _ = service.start(kinds.count_to, user=world.coach, n=1)
    new, _ = service.start(kinds.count_to, user=world.coach, n=1)
    run_queued()
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=31))
    DBTaskResult.objects.filter(pk=old.task_id).update(
        finished_at=timezone.now() - dt.timedelta(days=31)
    )
    assert service.prune(days=30) == (1, 1)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.result_data is None and not old.has_result and old.result_sha256
    assert old.state == State.DONE
    assert new.has_result
    assert DBTaskResult.objects.filter(pk=new.task_id).exists()
    assert not DBTaskResult.objects.filter(pk=old.task_id).exists()


def test_an_unknown_kind_fails_with_its_own_message(world):
    job, _ = service.start(kinds.count_to, user=world.coach, language="en", n=1)
    Job.objects.filter(pk=job.pk).update(kind="tests.jobs.kinds.no_such_job")
    run_queued()
    job.refresh_from_db()
    assert (job.state, job.error) == (
        State.FAILED,
        "This kind of job is no longer known to Luotsi.",
    )


def test_a_jobs_log_lines_name_it(world, caplog):
    import logging

    from luotsi.conf.logs import JsonFormatter, RequestIdFilter

    caplog.set_level(logging.ERROR, logger="luotsi.jobs")
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler has it
    job, _ = service.start(kinds.crashes, user=world.coach)
    run_queued()
    (record,) = [r for r in caplog.records if r.name == "luotsi.jobs"]
    assert json.loads(JsonFormatter().format(record))["job_id"] == str(job.pk)
