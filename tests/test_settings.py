"""Production settings: ``check --deploy`` is clean, and missing keys stop the start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.production",
    "SECRET_KEY": "x7!kq2Lr9_vP0sZ3mN8bC1dF6gH4jK5lT0yU2iO9pA3eR7wQ1zX" * 2,
    "LUOTSI_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "LUOTSI_HMAC_KEY": "production-test-hmac-key-of-plenty-characters-4f7a",
    "ALLOWED_HOSTS": "luotsi.example.fi",
}


def manage(*args, **env_changes):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' fixture in this process and is
    # never present in a deployment.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LUOTSI_", "DATABASE")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION_ENV)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY"),
        ("LUOTSI_ENCRYPTION_KEY", "LUOTSI_ENCRYPTION_KEY"),
        ("LUOTSI_HMAC_KEY", "LUOTSI_HMAC_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_keys(missing, message):
    result = manage("check", **{missing: None})
    assert result.returncode != 0
    assert message in result.stderr


def test_a_malformed_encryption_key_fails_the_system_check():
    result = manage("check", LUOTSI_ENCRYPTION_KEY="not-a-fernet-key")
    assert result.returncode != 0
    assert "luotsi.E001" in result.stderr


def test_production_security_settings():
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.DEBUG, s.AUTHENTICATION_BACKENDS[0])",
    )
    assert result.returncode == 0, result.stderr
    hsts, session_secure, csrf_secure, redirect, debug, backend = result.stdout.split()
    assert backend == "axes.backends.AxesStandaloneBackend"
    assert int(hsts) >= 365 * 24 * 60 * 60
    assert (session_secure, csrf_secure, redirect, debug) == ("True", "True", "True", "False")


def test_dev_settings_are_not_deployable():
    """The check itself is real: development settings fail it (DEBUG, insecure cookies)."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="luotsi.conf.settings.dev",
    )
    assert result.returncode != 0


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/test", "django.db.backends.postgresql"),
        ("sqlite:////tmp/luotsi-settings-test.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_selects_the_engine(url, engine):
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="luotsi.conf.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine
