"""``luotsi worker``: run background jobs (docs/jobs.md). Start as many as you like, on
as many machines: they share the queue in the database."""

from __future__ import annotations

import argparse

from .web import setup_django


def worker(args: argparse.Namespace) -> int:
    setup_django()
    from luotsi.jobs.worker import run_worker

    run_worker(
        queues=[q.strip() for q in args.queue.split(",") if q.strip()],
        interval=args.interval,
        batch=args.batch,
        max_tasks=args.max_jobs,
    )
    return 0


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("worker", help="run background jobs (any number of workers)")
    p.add_argument("--queue", default="default", help="queues to take jobs from, comma-separated")
    p.add_argument(
        "--interval",
        type=positive_float,
        default=1.0,
        help="seconds to wait when there is no job (default 1)",
    )
    p.add_argument("--batch", action="store_true", help="run the queued jobs, then stop")
    p.add_argument("--max-jobs", type=int, default=None, help="stop after this many jobs")
    p.set_defaults(handler=worker)
