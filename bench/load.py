"""Load benchmark: 50 coaches at once against gunicorn (2 workers) on PostgreSQL.

    python bench/load.py [--users 50] [--run-time 2m] [--port 8001] [--rebuild]
                         [--database-url URL] [--skip-unreachable]

Not part of ``make test`` (``make load``; ``make bench`` runs it when PostgreSQL answers).
Everything stays on the loopback interface and the run time is bounded:

1. Builds (once; ``--rebuild`` starts over) a PostgreSQL database (default
   ``luotsi_bench_load`` on 127.0.0.1; ``--database-url`` overrides it): the demo
   organisation (``luotsi.demo``), plus ``--users`` coaches ``bench01``… in its teams with
   ten clients and cases each (the demo's realistic case files, renumbered; the engine
   computes their findings on import). The keys the data is encrypted with are kept in
   ``var/bench-load/keys.json`` beside it.
2. Starts gunicorn with the production settings and explicit options (``--workers 2
   --threads 4``, ``--bind 127.0.0.1:PORT``), as a production server would run behind a
   TLS-terminating proxy: the requests say ``X-Forwarded-Proto: https``. Threads, because
   a login's Argon2 hash and the database release the GIL: one login does not hold up the
   pages of a worker's other coaches.
3. Runs locust headless (``bench/locustfile.py``): ``--users`` coaches log in (``--spawn-rate``
   a second, default 1, during ``--warm-up``, default 1 minute; the statistics are reset
   when all have started) and then, for ``--run-time``, each opens their dashboard, one of
   their case pages and now and then the client list, ``--think`` seconds apart (default
   5–15: a coach reads the page; ``--think 1-3 --spawn-rate 10`` is a stress profile).
   Each coach starts with a session made as a login makes it (a coach logs in once a day,
   not in the measured minutes; with ``--login`` they log in through the login page during
   the warm-up, and the Argon2 hashes of 50 logins then dominate a 2-core machine).
4. Prints the number of requests, the errors, p50/p95/p99 of the dashboard and the case
   page, and the load average; the CSV files stay in ``var/bench-load/``. Stops gunicorn.

Exit status 0 after a run (nothing is asserted: it is a benchmark), 1 when the server
did not start, 2 when PostgreSQL cannot be reached (0 with ``--skip-unreachable``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-load"
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/luotsi_bench_load"
CASES_PER_COACH = 10
PASSWORD = "bench-load-password-2026"  # noqa: S105 - a throwaway benchmark database


def ensure_database(url: str, rebuild: bool) -> bool:
    """Create the database when missing (drop it first with ``rebuild``); False when
    PostgreSQL does not answer."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    maintenance = f"{base}/postgres".replace("postgres://", "postgresql://", 1)
    try:
        conn = psycopg.connect(maintenance, connect_timeout=5, autocommit=True)
    except psycopg.OperationalError:
        return False
    with conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def server_environment(url: str, rebuild: bool) -> dict[str, str]:
    """The production settings' environment, with keys kept beside the data."""
    from cryptography.fernet import Fernet

    VAR.mkdir(parents=True, exist_ok=True)
    keys_file = VAR / "keys.json"
    if rebuild or not keys_file.exists():
        keys = {
            "SECRET_KEY": secrets.token_urlsafe(60),
            "LUOTSI_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "LUOTSI_HMAC_KEY": secrets.token_urlsafe(40),
        }
        keys_file.write_text(json.dumps(keys))
    keys = json.loads(keys_file.read_text())
    return {
        **os.environ,
        **keys,
        "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.production",
        "DATABASE_URL": url,
        "LUOTSI_DATA_DIR": str(VAR),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
    }


def seed(users: int) -> None:
    """(In a subprocess with the server's environment.) Demo data and the bench coaches."""
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from luotsi.accounts.models import Role, RoleAssignment, User
    from luotsi.cases.service import import_case
    from luotsi.clients.service import create_client
    from luotsi.demo.identity import make_identity_code
    from luotsi.demo.loader import load_demo
    from luotsi.demo.scenarios import demo_clients
    from luotsi.organisations.models import Organisation, OrganisationKind, Team

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    if not Organisation.objects.exists():
        load_demo(today)
    # The provider (the demo also has an employment area): the coaches' organisation.
    organisation = Organisation.objects.get(kind=OrganisationKind.PROVIDER)
    existing = set(
        User.objects.filter(username__startswith="bench").values_list("username", flat=True)
    )
    teams = list(Team.objects.filter(organisation=organisation).order_by("pk"))
    cases = [d.case for d in demo_clients(today)]
    for n in range(1, users + 1):
        if f"bench{n:02d}" in existing:
            continue
        with transaction.atomic():
            coach = User.objects.create_user(
                username=f"bench{n:02d}", password=PASSWORD, first_name="Valmentaja",
                last_name=f"Kuorma {n:02d}", organisation=organisation,
            )  # fmt: skip
            RoleAssignment.objects.create(user=coach, role=Role.COACH)
            team = teams[n % len(teams)]
            coach.teams.add(team)
            for i in range(CASES_PER_COACH):
                born = dt.date(1970 + n % 30, 1 + i, 1 + n % 28)
                client = create_client(
                    None, organisation=organisation,
                    identity_code=make_identity_code(born, 900 + n),
                    first_name=f"Asiakas{i}", last_name=f"Kuorma {n:02d}",
                    responsible_coach=coach, team=team,
                )  # fmt: skip
                case = dict(cases[(n * CASES_PER_COACH + i) % len(cases)])
                case["id"] = f"LOAD-{n:02d}-{i}"
                import_case(None, organisation, client, case, on=today)
        print(f"seeded {n}/{users} coaches", end="\r", flush=True)
    print()


def write_users(env: dict[str, str], users: int) -> Path:
    """The coaches' case pages for locust (read from the database), and for each coach a
    session made as a login makes it (for runs without the logins)."""
    script = (
        "import django, json; django.setup()\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from luotsi.accounts.models import User\n"
        "from luotsi.cases.models import Case\n"
        "sessions = {}\n"
        "for user in User.objects.filter(username__startswith='bench'):\n"
        "    session = SessionStore()\n"
        "    session[SESSION_KEY] = str(user.pk)\n"
        "    session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "    session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "    session.set_expiry(4 * 3600)\n"
        "    session.create()\n"
        "    sessions[user.username] = session.session_key\n"
        "pages = {}\n"
        "cases = Case.objects.filter(external_id__startswith='LOAD-')\n"
        "for c in cases.select_related('client__responsible_coach'):\n"
        "    pages.setdefault(c.client.responsible_coach.username, []).append(\n"
        "        f'/clients/{c.client_id}/cases/{c.pk}/')\n"
        "print(json.dumps({'pages': pages, 'sessions': sessions}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    data = json.loads(out.stdout)
    pages = data["pages"]
    path = VAR / "users.json"
    path.write_text(json.dumps({"password": PASSWORD, **data}))
    assert len(pages) >= users, f"only {len(pages)} coaches seeded"
    return path


def wait_until_up(port: int, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            probe = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(probe, timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def _seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return (
        int(float(duration[:-1]) * units[duration[-1]]) if duration[-1] in units else int(duration)
    )


def _plus(a: str, b: str) -> str:
    return f"{_seconds(a) + _seconds(b)}s"


def summarise(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as fh:
        return {row["Name"]: row for row in csv.DictReader(fh)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--run-time", default="2m")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--think", default="5-15", help="seconds between a coach's clicks (default 5-15)"
    )
    parser.add_argument("--spawn-rate", default="1", help="coaches logging in a second")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker (default 4)"
    )
    parser.add_argument(
        "--login",
        action="store_true",
        help="coaches log in (Argon2) during the warm-up instead of starting with a session",
    )
    parser.add_argument(
        "--warm-up",
        default="1m",
        help="logging in before the measured --run-time (the statistics start after it)",
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--skip-unreachable", action="store_true")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed_only:
        seed(args.users)
        return 0
    if not ensure_database(args.database_url, args.rebuild):
        print(f"PostgreSQL is not reachable at {args.database_url}", file=sys.stderr)
        return 0 if args.skip_unreachable else 2
    env = server_environment(args.database_url, args.rebuild)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, __file__, "--seed-only", "--users", str(args.users)], env=env, check=True
    )
    subprocess.run(
        [str(BIN / "luotsi"), "manage", "collectstatic", "--noinput", "-v", "0"], env=env,
        check=True,
    )  # fmt: skip
    users_file = write_users(env, args.users)
    print(f"data ready in {time.monotonic() - started:.0f} s")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "luotsi.conf.wsgi:application",
            "--workers", "2", "--threads", str(args.threads),
            "--bind", f"127.0.0.1:{args.port}", "--timeout", "60",
            "--graceful-timeout", "10", "--log-level", "warning", "--error-logfile",
            str(VAR / "gunicorn.log"),
        ],
        env=env,
    )  # fmt: skip
    try:
        if not wait_until_up(args.port):
            print("gunicorn did not start: see var/bench-load/gunicorn.log", file=sys.stderr)
            return 1
        prefix = VAR / "locust"
        subprocess.run(
            [
                str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "--users", str(args.users), "--spawn-rate", args.spawn_rate,
                "--run-time", _plus(args.warm_up, args.run_time), "--reset-stats",
                "--host", f"http://127.0.0.1:{args.port}", "--csv", str(prefix),
                "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
            ],
            env={**os.environ, "LOAD_USERS_FILE": str(users_file), "LOAD_THINK": args.think,
                 "LOAD_LOGIN": "1" if args.login else ""},
            check=False,
        )  # fmt: skip
        load = os.getloadavg()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stats = summarise(prefix)
    print(
        f"\n{args.users} coaches for {args.run_time} ({args.think} s between clicks, "
        f"{args.spawn_rate} starting a second, {'logging in' if args.login else 'with sessions'}"
        f"), gunicorn 2 workers × {args.threads} threads, PostgreSQL"
    )
    print(f"{'page':<16}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    for name in ("dashboard", "case page", "client list", "login", "Aggregated"):
        row = stats.get(name)
        if row:
            print(
                f"{name:<16}{row['Request Count']:>9}{row['Failure Count']:>8}"
                f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
            )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
