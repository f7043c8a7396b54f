"""Job kinds: what an app declares to run something as a background job (docs/jobs.md).

    from luotsi.jobs.kinds import JobError, JobResult, job

    @job(title=_("Recompute the organisation's findings"), startable_by=is_administrator)
    def recompute_organisation(ctx, *, on=None):
        ...
        ctx.progress(done, total, _("Evaluating cases"))
        return JobResult(name="...csv", content_type="text/csv", data=b"...",
                         has_client_data=False)

A kind is a module-level function taking the job context and keyword parameters (plain
JSON values). Its name is its dotted path, which is what the ``Job`` row stores. This
module imports no models, so an app's ``jobs`` module can import it at any time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import JobContext

JobFunction = Callable[..., "JobResult | None"]

_REGISTRY: dict[str, JobKind] = {}


class JobError(Exception):
    """A job cannot go on for a reason its user can act on; the message is shown as it is
    (translated, naming what is wrong, never a client's data)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class JobResult:
    """The file a finished job leaves for its user to download (stored encrypted)."""

    name: str
    content_type: str
    data: bytes
    # A file with client data is downloadable only by the user who started the job;
    # one without (a summary of counts) also by their organisation's administrators.
    has_client_data: bool = True


@dataclass(frozen=True)
class JobKind:
    name: str
    title: Any  # a lazily translated string
    function: JobFunction
    startable_by: Callable[[Any], bool] | None  # shown on the jobs page to these users
    one_at_a_time: bool  # per organisation: starting it again shows the unfinished one
    # Where the user goes on from a finished job (the import's preview), or None: called
    # with the job, shown on its page to the user who started it.
    next_url: Callable[[Any], str | None] | None = None
    next_label: Any = None

    do_not_call_in_templates = True  # a template reads {{ kind.title }}, never runs it

    def __call__(self, ctx: JobContext, **params: Any) -> JobResult | None:
        return self.function(ctx, **params)


def job(
    *,
    title: Any,
    startable_by: Callable[[Any], bool] | None = None,
    one_at_a_time: bool = False,
    next_url: Callable[[Any], str | None] | None = None,
    next_label: Any = None,
) -> Callable[[JobFunction], JobKind]:
    """Declare ``function`` a job kind. ``startable_by(user)``: users who may start it
    without parameters from the jobs page (others start it from their own pages through
    ``luotsi.jobs.service.start``). ``next_url(job)``: a link the finished job's page
    offers its user (labelled ``next_label``), e.g. back to the page the job serves."""

    def register(function: JobFunction) -> JobKind:
        name = f"{function.__module__}.{function.__qualname__}"
        if "<locals>" in name:
            raise ValueError(f"A job kind must be a module-level function: {name}")
        kind = JobKind(
            name=name,
            title=title,
            function=function,
            startable_by=startable_by,
            one_at_a_time=one_at_a_time,
            next_url=next_url,
            next_label=next_label,
        )
        _REGISTRY[name] = kind
        return kind

    return register


def get_kind(name: str) -> JobKind:
    """The kind named ``name``, importing its module if this process has not yet."""
    kind = _REGISTRY.get(name)
    if kind is None:
        from django.utils.module_loading import import_string

        try:
            found = import_string(name)
        except ImportError as exc:
            raise LookupError(f"No job kind {name!r}") from exc
        if not isinstance(found, JobKind):
            raise LookupError(f"{name!r} is not a job kind")
        kind = found
    return kind


def all_kinds() -> list[JobKind]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.name)
