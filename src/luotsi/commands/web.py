"""``luotsi serve``, ``luotsi demo`` and ``luotsi manage``: the web application (Django's
development server, with ``--workers`` background job workers beside it; production runs
gunicorn and ``luotsi worker`` instead, docs/deployment.md)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Sequence

DEFAULT_SETTINGS = "luotsi.conf.settings.dev"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def run_manage(argv: Sequence[str]) -> int:
    """Run a Django management command: ``luotsi manage migrate``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luotsi manage", *argv])
    return 0


def _ensure_data_dir() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        from pathlib import Path

        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def _die_with_parent() -> None:  # pragma: no cover (runs in the child, before exec)
    """Linux: the worker gets SIGTERM when the server that started it dies, however."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_workers(count: int) -> list[subprocess.Popen]:
    """``count`` ``luotsi worker`` processes beside the development server."""
    if os.environ.get("RUN_MAIN") == "true":
        return []  # the autoreloader's child: its parent started them
    command = [sys.executable, "-m", "luotsi.cli", "worker"]
    return [subprocess.Popen(command, preexec_fn=_die_with_parent) for _ in range(count)]


def stop_workers(workers: list[subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM (a worker finishes the job it is running), then SIGKILL after ``grace``
    seconds (the job is taken for lost and can be retried)."""
    for process in workers:
        if process.poll() is None:
            process.terminate()
    for process in workers:
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run_server(args: argparse.Namespace, use_reloader: bool) -> None:
    from django.core.management import call_command

    workers = start_workers(args.workers)

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=use_reloader)
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop_workers(workers)


def serve(args: argparse.Namespace) -> int:
    setup_django()
    _ensure_data_dir()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    _run_server(args, use_reloader=not args.noreload)
    return 0


def demo(args: argparse.Namespace) -> int:
    setup_django()
    _ensure_data_dir()
    from django.core.management import call_command

    from luotsi.demo.loader import DEMO_PASSWORD, load_demo

    call_command("migrate", interactive=False, verbosity=0)
    summary = load_demo()
    url = f"http://{args.host}:{args.port}/"
    print()
    print(f"Luotsi demo: {url}")
    print(f"Demo organisation: {summary.organisation}")
    print(f"Log in with any of these user names, password: {DEMO_PASSWORD}")
    for username, description in summary.logins:
        print(f"  {username:<22} {description}")
    print()
    sys.stdout.flush()
    if args.no_serve:
        return 0
    _run_server(args, use_reloader=False)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="run the web application (development server)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--noreload", action="store_true", help="do not restart on code changes")
    p.add_argument(
        "--workers", type=int, default=1, help="background job workers beside it (default 1)"
    )
    p.set_defaults(handler=serve)

    p = subparsers.add_parser("demo", help="migrate, load demo data and serve")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--no-serve", action="store_true", help="load the demo data and exit")
    p.add_argument(
        "--workers", type=int, default=1, help="background job workers beside it (default 1)"
    )
    p.set_defaults(handler=demo)

    p = subparsers.add_parser(
        "manage", help="run a Django management command (luotsi manage migrate ...)"
    )
    p.set_defaults(handler=lambda args: run_manage([]))
