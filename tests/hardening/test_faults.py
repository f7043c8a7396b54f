"""Faults (issue 12): the database connection dropped in the middle of a change, the PDF
renderer failing, the disk full when a PDF is written. Nothing is half-written; the user
gets a clear page or message; a document stays a draft."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client as HttpClient
from django.urls import reverse

from luotsi.access.models import ChangeLogEntry
from luotsi.casedocs import service as docs
from luotsi.casedocs.models import Document, Status
from luotsi.cases.models import Case
from luotsi.cases.service import add_event, import_case
from luotsi.cli import main
from luotsi.clients import service as client_service
from luotsi.clients.models import Client
from luotsi.organisations.models import Office
from tests.casedocs.test_casedocs import case_file, complete

UNAVAILABLE = "Tietokantaan ei saada yhteyttä"


def edit_form(client: Client, **changes) -> dict:
    return {"first_name": client.first_name, "last_name": client.last_name,
            "language": client.language, "identity_code": client.identity_code,
            "team": client.team_id, **changes}  # fmt: skip


@pytest.fixture
def http(client, world):
    client.force_login(world.coach)
    return client


# --- the database connection dropped in the middle of a change ----------------------------


def test_a_dropped_connection_mid_change_writes_nothing_and_says_so(http, world, monkeypatch):
    """The client row is saved, then the connection drops before the change log: the
    request's transaction is rolled back as a whole and the page says nothing was saved."""
    save_change_log = client_service._log_change

    def drop(*args, **kwargs):
        save_change_log(*args, **kwargs)  # written, inside the request's transaction
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(client_service, "_log_change", drop)
    before = ChangeLogEntry.objects.count()
    target = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, edit_form(world.own_client, last_name="Muutettu"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert UNAVAILABLE in page and "Mitään tämän muutoksen tiedoista ei tallennettu" in page
    assert Client.objects.get(pk=world.own_client.pk).last_name == "Oma"
    assert ChangeLogEntry.objects.count() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend")
def test_a_killed_postgresql_connection_mid_change_writes_nothing(world, monkeypatch):
    """For real: the server ends the request's connection after its first write."""
    http = HttpClient()
    http.force_login(world.coach)
    save_change_log = client_service._log_change

    def kill_own_backend(*args, **kwargs):
        pid = connection.connection.info.backend_pid
        killer = threading.Thread(target=_terminate, args=(pid,))
        killer.start()
        killer.join()
        save_change_log(*args, **kwargs)  # the next query meets the closed connection

    monkeypatch.setattr(client_service, "_log_change", kill_own_backend)
    target = reverse("clients:edit", kwargs={"client_id": world.own_client.pk})
    response = http.post(target, edit_form(world.own_client, last_name="Muutettu"))
    assert response.status_code == 503 and UNAVAILABLE in response.content.decode()
    connections.close_all()
    assert Client.objects.get(pk=world.own_client.pk).last_name == "Oma"


def _terminate(pid: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        connection.close()


# --- the PDF renderer failing, the disk full ----------------------------------------------


@pytest.fixture
def ended_case(world):
    Office.objects.create(
        organisation=world.org, name="Pori", street_address="Yrjönkatu 1",
        postal_code="28100", city="Pori",
    )  # fmt: skip
    case = import_case(world.coach, world.org, world.own_client, case_file())
    end = {"type": "end", "date": "2026-03-31", "reason": "completed"}
    return add_event(world.coach, case, end, Case.objects.get(pk=case.pk).version)


def _finalise(http, document):
    kwargs = {"client_id": document.case.client_id, "case_id": document.case_id,
              "document_id": document.pk}  # fmt: skip
    version = Case.objects.get(pk=document.case_id).version
    return http.post(
        reverse("clients:document_finalise", kwargs=kwargs), {"case_version": version},
        follow=True,
    )  # fmt: skip


def test_weasyprint_failing_keeps_the_draft(http, world, ended_case, monkeypatch):
    import weasyprint

    def broken(self, *args, **kwargs):
        raise MemoryError("the renderer ran out of memory")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    document = complete(world, docs.create_draft(world.coach, ended_case, "feedback", "fi"))
    version = Case.objects.get(pk=ended_case.pk).version
    response = _finalise(http, document)
    assert response.status_code == 200
    assert any("Luonnos säilyi ennallaan" in str(m) for m in response.context["messages"])
    stored = Document.objects.get(pk=document.pk)
    assert stored.status == Status.DRAFT and stored.pdf is None and stored.html == ""
    assert Case.objects.get(pk=ended_case.pk).version == version


def test_the_disk_full_when_storing_the_pdf_keeps_the_draft(http, world, ended_case, monkeypatch):
    """The database cannot extend its file: the page says nothing was saved; the draft and
    the case are as they were (the finalising event is rolled back with it)."""
    document = complete(world, docs.create_draft(world.coach, ended_case, "feedback", "fi"))
    version = Case.objects.get(pk=ended_case.pk).version
    save = Document.save

    def disk_full(self, *args, **kwargs):
        if self.status == Status.FINAL:
            raise OperationalError('could not extend file "base/16384/16522": No space left')
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Document, "save", disk_full)
    response = _finalise(http, document)
    assert response.status_code == 503 and UNAVAILABLE in response.content.decode()
    monkeypatch.undo()
    stored = Document.objects.get(pk=document.pk)
    assert stored.status == Status.DRAFT and stored.pdf is None
    assert Case.objects.get(pk=ended_case.pk).version == version
    assert not Case.objects.get(pk=ended_case.pk).events.filter(type="feedback").exists()


def test_the_disk_full_when_the_command_writes_a_pdf(tmp_path, monkeypatch, capsys):
    """``luotsi notice`` on a full disk: exit 2 naming the file, no partial file left."""
    import os

    case = tmp_path / "case.json"
    case.write_text(
        '{"format":"luotsi-case/1","id":"F-1","service":"TK","decision":'
        '{"received":"2026-01-05"},"client":{"name":"A B","identity_code":"020490-998X"},'
        '"contract":{"provider":"Kuntoutus Oy","business_id":"1234567-1"},"events":[]}'
    )
    fdopen = os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.file = fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[:10])
            self.file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("luotsi.commands.documents.os.fdopen", Full)
    out = tmp_path / "notice.txt"
    status = main(["notice", str(case), "--kind", "queue", "--reason", "r",
                   "--expected-start", "2026-03-01", "--sender", "S", "--phone", "1", "--text",
                   "-o", str(out)])  # fmt: skip
    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"luotsi: {out}: cannot write (No space left on device)"
    )
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["case.json"]
