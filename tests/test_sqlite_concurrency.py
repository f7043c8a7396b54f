"""Two requests at once on the embedded SQLite database: the second waits, never fails.

Every request writes (the access log) inside its transaction (ATOMIC_REQUESTS). Under
SQLite's default (DEFERRED) transactions, one that read first and then writes fails at once
with "database is locked" while another writes; the settings make each transaction take
the write lock as it begins (``SQLITE_OPTIONS``). The control run proves the test can tell.
"""

from __future__ import annotations

import contextlib
import threading
import time

from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from luotsi.conf.settings.base import SQLITE_OPTIONS


def wrapper(path: str, options: dict[str, object], alias: str) -> DatabaseWrapper:
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": dict(options),
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings_dict, alias=alias)


def two_requests_at_once(path: str, options: dict[str, object]) -> list[Exception]:
    """Two threads, each a request: read, (meet the other), write, commit."""
    setup = wrapper(path, options, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS log (n INTEGER)")
    setup.close()
    meet = threading.Barrier(2)
    errors: list[Exception] = []
    alias = f"sqlite_concurrency_{abs(hash((path, tuple(options))))}"

    def request(n: int) -> None:
        connections[alias] = wrapper(path, options, alias)
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM log")
                # Under IMMEDIATE the other request waits at its BEGIN instead of here.
                with contextlib.suppress(threading.BrokenBarrierError):
                    meet.wait(timeout=0.5)
                cursor.execute("INSERT INTO log VALUES (%s)", [n])
                time.sleep(0.2)
        except OperationalError as exc:
            errors.append(exc)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=request, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_the_second_request_waits_for_the_first(tmp_path, django_db_blocker):
    path = str(tmp_path / "luotsi.sqlite3")
    with django_db_blocker.unblock():  # files of this test's own, not the test database
        assert two_requests_at_once(path, SQLITE_OPTIONS) == []
        check = wrapper(path, SQLITE_OPTIONS, "check")
        with check.cursor() as cursor:
            cursor.execute("SELECT n FROM log ORDER BY n")
            assert [row[0] for row in cursor.fetchall()] == [1, 2]
        check.close()


def test_without_the_settings_one_request_fails(tmp_path, django_db_blocker):
    """The control: SQLite's default transactions, with the same timeout."""
    with django_db_blocker.unblock():
        errors = two_requests_at_once(str(tmp_path / "plain.sqlite3"), {"timeout": 20})
    assert len(errors) == 1
    assert "locked" in str(errors[0])
