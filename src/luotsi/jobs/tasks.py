"""The one django-tasks task behind every job: run an attempt of a ``Job`` row."""

from __future__ import annotations

from django_tasks import TaskContext, task


@task(takes_context=True)
def run_job(context: TaskContext, job_id: str, attempt: int) -> str:
    from . import runner

    worker_ids = context.task_result.worker_ids
    return runner.run(job_id, attempt, worker_id=worker_ids[-1] if worker_ids else "")
