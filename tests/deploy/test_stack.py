"""The production stack on this machine: gunicorn with two workers and a ``luotsi worker``
against PostgreSQL, with the production settings, driven over HTTP: a login, a case
change, a background job to completion and its result downloaded; then both stopped
cleanly (``make test-deploy``, called by .ci/run after the PostgreSQL suite).

Fails, never skips: a missing database server or a stack that does not come up is an error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet

from tests.deploy.browser import Browser

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("DEPLOY_DATABASE_URL", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    assert re.fullmatch(r"luotsi_[a-z0-9_]+", name), f"not a deployment test database: {name}"
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    assert DATABASE_URL.startswith("postgres://"), "set DEPLOY_DATABASE_URL (make test-deploy)"
    recreate_database(DATABASE_URL)
    data_dir = tmp_path_factory.mktemp("deploy")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LUOTSI_", "DATABASE", "DJANGO_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="luotsi.conf.settings.production",
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY="deploy-test-" + "k3y" * 20,
        LUOTSI_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        LUOTSI_HMAC_KEY="deploy-test-hmac-key-of-enough-length-0123456789",
        LUOTSI_DATA_DIR=str(data_dir),
        ALLOWED_HOSTS="127.0.0.1",
        LUOTSI_JOB_HEARTBEAT_SECONDS="1",
    )

    started = time.monotonic()

    def phase(name: str) -> None:  # where the time goes (make test-deploy shows it)
        print(f"deploy: {name} after {time.monotonic() - started:.1f} s", flush=True)

    def luotsi(*args: str) -> None:
        subprocess.run(
            [BIN / "luotsi", *args],
            env=env, cwd=ROOT, check=True, timeout=120, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        phase(" ".join(args[:2]))

    # collectstatic needs no database: it runs while the database is made.
    collecting = subprocess.Popen(
        [BIN / "luotsi", "manage", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT
    )
    luotsi("manage", "migrate", "--noinput", "-v0")
    luotsi("demo", "--no-serve")
    assert collecting.wait(timeout=120) == 0, "collectstatic failed"
    phase("collectstatic")

    port = free_port()
    web_log = open(data_dir / "web.log", "w+")  # noqa: SIM115
    worker_log = open(data_dir / "worker.log", "w+")  # noqa: SIM115
    web = subprocess.Popen(
        [BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", "2",
         "--bind", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=web_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen(
        [BIN / "luotsi", "worker", "--interval", "0.3"],
        env=env, cwd=ROOT, stdout=worker_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    browser = Browser(port)

    def ready():
        try:
            return browser.get("/readyz").status == 200
        except OSError:
            return False

    try:
        wait_for(ready, 30, "gunicorn to answer /readyz")
        phase("gunicorn ready")
        yield {"web": web, "worker": worker, "browser": browser, "port": port,
               "web_log": data_dir / "web.log", "worker_log": data_dir / "worker.log"}  # fmt: skip
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.kill()
                process.wait()
        web_log.close()
        worker_log.close()
        phase("stopped")
        for name in ("web.log", "worker.log"):  # the last lines, for a failure's reader
            lines = (data_dir / name).read_text(errors="replace").splitlines()
            print(f"--- {name} (last 15 of {len(lines)} lines)", *lines[-15:], sep="\n")


def query(sql: str, *params):
    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute(sql, params).fetchall()


def test_the_stack_serves_with_two_gunicorn_workers(stack):
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(stack["web"].pid)],
        capture_output=True, text=True, check=False,
    ).stdout.split()  # fmt: skip
    assert len(children) == 2
    browser = stack["browser"]
    assert browser.get("/healthz").json() == {"status": "ok", "database": "postgresql"}
    assert browser.get("/readyz").json() == {"status": "ready", "database": "postgresql"}
    # Static files from WhiteNoise, under their hashed names.
    login = browser.get("/accounts/login/")
    css = re.search(r'href="(/static/luotsi/site\.[0-9a-f]{12}\.css)"', login.text)
    assert css, "the stylesheet is not served under a hashed name"
    static = browser.get(css.group(1))
    assert static.status == 200
    assert "max-age=315360000" in static.headers["Cache-Control"]


def test_a_coach_logs_in_and_records_a_meeting(stack):
    browser = Browser(stack["port"])
    browser.login("mikko.lehtonen", "luotsi-demo-2026")
    ((case_id, client_id, version),) = query(
        "SELECT id, client_id, version FROM cases_case WHERE external_id = 'DEMO-TK-02'"
    )
    path = f"/clients/{client_id}/cases/{case_id}/meeting/"
    yesterday = dt.date.today() - dt.timedelta(days=1)
    change = {"date": yesterday.isoformat()}
    preview = browser.submit(path, change, has_field="version")
    assert preview.status == 200
    fields = browser.fields_of(preview.text, has_field="previewed")
    assert fields["previewed"], "no preview digest"
    saved = browser.post(path, {**fields, **change, "confirm": "1"})
    assert saved.status == 302, saved.text[:3000]
    assert saved.headers["Location"] == f"/clients/{client_id}/cases/{case_id}/"
    ((new_version, meetings),) = query(
        "SELECT c.version, (SELECT count(*) FROM cases_caseevent e WHERE e.case_id = c.id "
        "AND e.type = 'meeting' AND e.date = %s) FROM cases_case c WHERE c.id = %s",
        yesterday,
        case_id,
    )
    assert new_version == version + 1
    assert meetings >= 1


def test_an_administrator_runs_a_job_to_completion_and_downloads_its_result(stack):
    browser = Browser(stack["port"])
    browser.login("timo.salonen", "luotsi-demo-2026")
    started = browser.post(
        "/jobs/start/",
        browser.fields_of(browser.get("/jobs/").text, has_field="kind", action="/jobs/start/"),
    )
    assert started.status == 302
    job_url = started.headers["Location"]
    status_url = job_url + "status/"
    seen = []

    def finished():
        status = browser.get(status_url).json()
        seen.append((status["state"], status["done"], status["total"]))
        return status if status["finished"] else None

    status = wait_for(finished, 60, "the job to finish")
    assert status["state"] == "done", status
    assert status["done"] == status["total"] == 60
    assert status["result_url"]
    page = browser.get(job_url)
    assert 'value="100"' in page.text
    result = browser.get(status["result_url"])
    assert result.status == 200
    assert result.headers["Content-Disposition"].startswith('attachment; filename="findings-')
    lines = result.body.decode("utf-8-sig").splitlines()
    assert lines[0] == "palvelu,sääntö,vakavuus,ennen,jälkeen"
    assert lines[-1].endswith(",60")
    # The download is in the access log, naming the job.
    job_id = job_url.rstrip("/").rsplit("/", 1)[1]
    logged = query(
        "SELECT action, detail FROM access_accesslogentry WHERE view_name = 'clients:job_result'"
    )
    assert [(action, job_id in detail) for action, detail in logged] == [("export", True)]


def test_each_request_is_one_json_log_line_with_its_id_and_no_personal_data(stack):
    browser = stack["browser"]
    response = browser.get("/readyz", headers={"X-Request-ID": "deploy-test-request-0001"})
    assert response.headers["X-Request-ID"] == "deploy-test-request-0001"

    def logged():
        lines = [json.loads(line) for line in stack["web_log"].read_text().splitlines() if line]
        return [e for e in lines if e.get("request_id") == "deploy-test-request-0001"] or None

    (entry,) = wait_for(logged, 10, "the request's log line")
    assert entry["logger"] == "luotsi.request"
    assert (entry["method"], entry["route"], entry["status"]) == ("GET", "/readyz", 200)
    text = stack["web_log"].read_text()
    names = query("SELECT last_name FROM clients_client")
    assert not any(name in text for (name,) in names)
    assert not re.search(r"/clients/\d+", text), "a client's number in the web log"


def test_the_stack_stops_cleanly(stack):
    stack["worker"].send_signal(signal.SIGTERM)
    stack["web"].send_signal(signal.SIGTERM)
    assert stack["worker"].wait(timeout=30) == 0
    assert stack["web"].wait(timeout=30) == 0
