"""The deployment's pieces that run without containers: the compose file's structure, the
gunicorn configuration, the probes and the structured logs (docs/deployment.md).
`make test-deploy` (tests/deploy) runs the real stack."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from luotsi.conf import health
from luotsi.conf.logs import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[1]


def test_compose_starts_the_whole_stack():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "migrate", "web", "worker", "proxy"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["luotsi", "manage", "migrate", "--noinput"]
    assert services["web"]["command"] == ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py"]
    assert services["worker"]["command"] == ["luotsi", "worker"]
    for name in ("web", "worker"):
        service = services[name]
        assert service["build"] == "."
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == (
            "luotsi.conf.settings.production"
        )
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert service["deploy"]["replicas"] >= 2  # stateless: more than one of each
        assert service["env_file"] == ".env"
    assert "readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    mounts = [volume.split(":")[0] for volume in services["proxy"]["volumes"]]
    assert "./deploy/nginx.conf" in mounts
    assert (ROOT / "deploy/nginx.conf").is_file()
    assert (ROOT / "Dockerfile").is_file()
    assert "pgdata" in compose["volumes"]


def test_the_example_environment_names_every_required_key():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / "deploy/env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert {"SECRET_KEY", "LUOTSI_ENCRYPTION_KEY", "LUOTSI_HMAC_KEY", "POSTGRES_PASSWORD"} <= names


def test_the_dockerfile_serves_with_the_gunicorn_configuration():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py"]' in dockerfile
    assert "collectstatic" in dockerfile
    assert "USER luotsi" in dockerfile


def gunicorn_config(*args: str) -> dict[str, str]:
    printed = subprocess.run(
        [Path(sys.executable).parent / "gunicorn", "-c", "deploy/gunicorn.conf.py", *args,
         "--print-config"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition("=") for line in printed.splitlines())
    }


def test_the_gunicorn_configuration_and_the_command_line_over_it():
    config = gunicorn_config()
    assert config["wsgi_app"] == "luotsi.conf.wsgi:application"
    assert config["workers"] == "2"
    assert config["accesslog"] == "None"  # Luotsi logs each request itself
    assert config["timeout"] == "60"
    overridden = gunicorn_config("--workers", "3", "--bind", "127.0.0.1:8109")
    assert overridden["workers"] == "3"
    assert overridden["bind"] == "['127.0.0.1:8109']"


@pytest.mark.django_db
def test_readiness_needs_the_database_and_every_migration(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    # One migration unrecorded: the code is ahead of the database.
    monkeypatch.setattr(health, "_migrated", False)
    MigrationRecorder.Migration.objects.filter(app="jobs", name="0001_jobs").delete()
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json() == {"status": "migrations pending", "pending": 1}
    assert client.get(reverse("healthz")).status_code == 200  # alive all the same


@pytest.mark.django_db
def test_each_request_has_an_id_and_one_log_line_without_personal_data(client, world, caplog):
    caplog.set_level(logging.INFO, logger="luotsi.request")
    client.force_login(world.coach)
    url = reverse("clients:detail", kwargs={"client_id": world.own_client.pk})
    response = client.get(url, HTTP_X_REQUEST_ID="proxy-given-id-123")
    assert response["X-Request-ID"] == "proxy-given-id-123"
    (record,) = [r for r in caplog.records if r.name == "luotsi.request"]
    assert (record.method, record.route, record.status) == (
        "GET",
        "/clients/<int:client_id>/",
        200,
    )
    assert record.view == "clients:detail"
    line = JsonFormatter().format(_filtered(record))
    entry = json.loads(line)
    assert entry["route"] == "/clients/<int:client_id>/"
    assert url not in line and "path" not in entry
    assert world.own_client.last_name not in line

    forged = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="not an id; drop table")
    assert forged["X-Request-ID"] != "not an id; drop table"
    assert len(forged["X-Request-ID"]) == 32


def _filtered(record: logging.LogRecord) -> logging.LogRecord:
    RequestIdFilter().filter(record)
    return record


def test_a_json_log_line_keeps_plain_extras_and_drops_objects():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("here",), None)
    record.request = object()  # as django.request adds it: its text is the full path
    record.status_code = 500
    entry = json.loads(JsonFormatter().format(_filtered(record)))
    assert entry["message"] == "failed here"
    assert entry["status_code"] == 500
    assert entry["request_id"] == "-"
    assert "request" not in entry
