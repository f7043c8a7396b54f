"""Production settings pass Django's deployment checks; configuration comes from the env."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.production",
    "SECRET_KEY": "k3Y-" + "x7Qp9Lm2Vb8Nc4Rt6Wz1Hs5Jd0Fg3Ak" * 2,
    "ALLOWED_HOSTS": "luotsi.example.fi",
}


def run_manage(*args, env_overrides, drop=()):
    env = {**os.environ, **env_overrides}
    # Set by the browser tests' fixture in this process; never present in a deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "luotsi.cli", "manage", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", env_overrides={**PRODUCTION_ENV, "SECRET_KEY": ""}, drop=("SECRET_KEY",)
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_dev_settings_are_not_deployable():
    """The check itself is real: development settings fail it (DEBUG, insecure cookies)."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={"DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.dev"},
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
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "luotsi.conf.settings.dev"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine
