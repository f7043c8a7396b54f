"""``luotsi serve``, ``luotsi demo`` and ``luotsi manage``: the web application."""

from __future__ import annotations

import argparse
import os
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


def serve(args: argparse.Namespace) -> int:
    setup_django()
    _ensure_data_dir()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=not args.noreload)
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
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="run the web application (development server)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--noreload", action="store_true", help="do not restart on code changes")
    p.set_defaults(handler=serve)

    p = subparsers.add_parser("demo", help="migrate, load demo data and serve")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--no-serve", action="store_true", help="load the demo data and exit")
    p.set_defaults(handler=demo)

    p = subparsers.add_parser(
        "manage", help="run a Django management command (luotsi manage migrate ...)"
    )
    p.set_defaults(handler=lambda args: run_manage([]))
