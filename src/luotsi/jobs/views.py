"""The jobs pages: my (or, for an administrator, the organisation's) jobs, starting the
jobs a user may start from here, a job's progress, retry, and its result.

The progress page refreshes itself with a small script (``jobs/progress.js``) that reads
``status/`` as JSON; without scripts, its *Refresh* link does the same. Views stay thin:
``luotsi.jobs.service`` decides who may do what.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from luotsi.access.decorators import client_collection_view, needs_login
from luotsi.access.models import Action
from luotsi.access.typing import ClientRequest
from luotsi.rules.calendar import finnish_date

from . import service
from .kinds import get_kind
from .models import Job, State


def member_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (with the second factor the user has set up); never cached."""

    @wraps(view)
    def wrapper(request: ClientRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if needs_login(request):
            return redirect_to_login(request.get_full_path())
        return never_cache(view)(request, *args, **kwargs)

    return wrapper


def _job_for(request: ClientRequest, job_id: Any) -> Job:
    """The job, if the user may see it; otherwise 404, as if it did not exist."""
    job = Job.objects.defer("result_data").filter(pk=job_id).first()
    if job is None or not service.can_see(request.user, job):
        raise Http404
    return job


def finnish_time(moment: Any) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{finnish_date(local.date())} {local:%H.%M}"


def title_of(job: Job) -> str:
    try:
        return str(get_kind(job.kind).title)
    except LookupError:
        return job.kind


def next_step(request: ClientRequest, job: Job) -> tuple[str, str] | None:
    """The finished job's link onwards (its kind's ``next_url``), for the user who
    started it: (address, label), or None."""
    if not job.finished or job.user_id != request.user.pk:
        return None
    try:
        kind = get_kind(job.kind)
    except LookupError:
        return None
    url = kind.next_url(job) if kind.next_url is not None else None
    return (url, str(kind.next_label or _("Continue"))) if url else None


def _status(request: ClientRequest, job: Job) -> dict[str, Any]:
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "finished": job.finished,
        "result_url": (
            reverse("clients:job_result", kwargs={"job_id": job.pk})
            if service.can_download(request.user, job)
            else None
        ),
    }


@member_view
def job_list(request: ClientRequest) -> HttpResponse:
    service.mark_lost_jobs()
    jobs = list(service.visible_jobs(request.user).select_related("organisation")[:50])
    rows = [
        {
            "job": job,
            "title": title_of(job),
            "created": finnish_time(job.created_at),
            "finished": finnish_time(job.finished_at),
        }
        for job in jobs
    ]
    return render(
        request,
        "jobs/list.html",
        {
            "rows": rows,
            "startable": service.startable_kinds(request.user),
            "is_administrator": service.is_administrator(request.user),
        },
    )


@member_view
def job_start(request: ClientRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("jobs:list")
    allowed = {kind.name: kind for kind in service.startable_kinds(request.user)}
    kind = allowed.get(request.POST.get("kind", ""))
    if kind is None:
        messages.error(request, _("This job cannot be started here."))
        return redirect("jobs:list")
    job, created = service.start(kind, user=request.user)
    if not created:
        messages.info(request, _("This job is already waiting or running; here it is."))
    return redirect(job)


@member_view
def job_detail(request: ClientRequest, job_id: Any) -> HttpResponse:
    service.mark_lost_jobs()
    job = _job_for(request, job_id)
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "title": title_of(job),
            "status": _status(request, job),
            "created": finnish_time(job.created_at),
            "started": finnish_time(job.started_at),
            "finished": finnish_time(job.finished_at),
            "can_retry": service.can_retry(request.user, job),
            "next_step": next_step(request, job),
            "State": State,
        },
    )


@member_view
def job_status(request: ClientRequest, job_id: Any) -> HttpResponse:
    service.mark_lost_jobs()
    return JsonResponse(_status(request, _job_for(request, job_id)))


@member_view
def job_retry(request: ClientRequest, job_id: Any) -> HttpResponse:
    job = _job_for(request, job_id)
    if request.method == "POST":
        try:
            service.retry(request.user, job)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The job was queued again."))
    return redirect(job)


@client_collection_view(Action.EXPORT, allowed=service.may_use_jobs)
def job_result(request: ClientRequest, job_id: Any) -> HttpResponse:
    job = _job_for(request, job_id)
    if not service.can_download(request.user, job):
        raise Http404
    data = service.result_bytes(request.user, job)
    request.access.detail = f"job result {job.pk}: {job.result_name}"
    response = HttpResponse(
        data, content_type=job.result_content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    response["Content-Length"] = str(len(data))
    return response
