"""The ``luotsi`` command: help, demo loading, and a real server answering in Finnish."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

# How long a starting server (migrations, demo data) may take before the test gives up: a
# generous bound, so a loaded machine fails only what is really stuck.
STARTUP_S = 180


def luotsi(*args, env=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "luotsi.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or os.environ.copy(),
    )


def sqlite_env(tmp_path):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.dev",
        "DEBUG": "false",
    }


def test_help_lists_the_subcommands():
    result = luotsi("--help")
    assert result.returncode == 0
    for command in ("serve", "demo", "manage"):
        assert command in result.stdout


def test_manage_passes_through_to_django(tmp_path):
    result = luotsi("manage", "showmigrations", "accounts", env=sqlite_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout


def test_demo_loads_data_and_prints_how_to_log_in(tmp_path):
    result = luotsi("demo", "--no-serve", env=sqlite_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8000/" in result.stdout
    assert "aino.koskinen" in result.stdout and "luotsi-demo-2026" in result.stdout
    assert (tmp_path / "demo.sqlite3").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_with_the_finnish_login_page(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "luotsi.cli", "demo", "--port", str(port)],
        env=sqlite_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        body = None
        while time.monotonic() < deadline and body is None:
            if server.poll() is not None:
                pytest.fail(f"server exited: {server.stdout.read()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=2
                ) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.3)
        assert body is not None, f"server did not answer within {STARTUP_S} s"
        assert "Kirjaudu sisään" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert b'"status": "ok"' in response.read()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/luotsi/site.css", timeout=5
        ) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def _children(pid: int) -> list[int]:
    listed = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in listed.stdout.split()]


def test_demo_runs_a_job_worker_beside_the_server_and_stops_it_with_the_server(tmp_path):
    import sqlite3

    port = _free_port()
    env = sqlite_env(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "luotsi.cli", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        (worker,) = _children(server.pid)
        with open(f"/proc/{worker}/cmdline", "rb") as cmdline:
            assert cmdline.read().split(b"\0")[-3:-1] == [b"luotsi.cli", b"worker"]
        # The nightly command only queues; the demo's worker runs the job.
        queued = luotsi("manage", "recompute_findings", env=env)
        assert queued.returncode == 0, queued.stderr
        database = tmp_path / "demo.sqlite3"

        def state():
            with sqlite3.connect(database, timeout=20) as connection:
                return connection.execute("SELECT state, done FROM jobs_job").fetchall()

        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline and state() != [("done", 60)]:
            time.sleep(0.3)
        assert state() == [("done", 60)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not os.path.exists(f"/proc/{worker}") or _zombie(worker)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] == "Z"
    except FileNotFoundError:
        return True
