"""A big spreadsheet is checked and imported by background jobs with a progress bar: the
dry run after the upload, the import after the confirmation; a failed import leaves
nothing and its retry imports the file. Small files stay in the request."""

from __future__ import annotations

import csv as csvlib
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from luotsi.access.models import AccessLogEntry
from luotsi.clients.models import Client
from luotsi.imports import rows as import_rows
from luotsi.imports.models import ImportBatch
from luotsi.jobs import service as jobs
from luotsi.jobs.models import Job, State
from tests.imports.test_import import CLIENT_HEADERS, client_row, upload, xlsx
from tests.jobs.conftest import run_queued

pytestmark = pytest.mark.django_db

ROWS = 5


@pytest.fixture
def lead(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.team_lead)
    return client


@pytest.fixture(autouse=True)
def small_threshold():
    with override_settings(LUOTSI_IMPORT_INLINE_ROWS=3):
        yield


def big_file(bad_row: int | None = None) -> bytes:
    rows = [client_row(n) for n in range(1, ROWS + 1)]
    if bad_row is not None:
        rows[bad_row] = client_row(bad_row + 1, Henkilötunnus="010180-0000")
    return xlsx(CLIENT_HEADERS, rows)


def uploaded_and_checked(lead) -> tuple[ImportBatch, Job]:
    response = upload(lead, big_file())
    job = Job.objects.get(kind="luotsi.imports.jobs.check_import")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    batch = ImportBatch.objects.get()
    assert batch.status == "checking" and batch.preview == [] and batch.job == job.pk
    # The preview address leads to the job while it runs.
    assert lead.get(reverse("clients:import"), {"batch": batch.pk})["Location"] == (
        job.get_absolute_url()
    )
    page = lead.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page
    run_queued()
    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.state == State.DONE, job.error
    assert (job.done, job.total) == (ROWS, ROWS)
    assert batch.status == "previewed" and len(batch.preview) == ROWS
    return batch, job


def test_a_big_file_is_checked_and_imported_by_jobs(lead, world):
    batch, check = uploaded_and_checked(lead)
    assert not Client.objects.filter(first_name="Etu1").exists()  # the dry run stored nothing
    # The job's page leads on to the preview; its result is the rows' outcomes.
    page = lead.get(check.get_absolute_url()).content.decode()
    preview_url = f"{reverse('clients:import')}?batch={batch.pk}"
    assert f'href="{preview_url}"' in page.replace("&amp;", "&")
    result = lead.get(reverse("clients:job_result", kwargs={"job_id": check.pk}))
    rows = list(csvlib.reader(io.StringIO(result.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["create"] * ROWS and rows[1][2] == "Etu1 Suku1"
    preview = lead.get(preview_url)
    assert preview.status_code == 200
    confirmed = lead.post(
        reverse("clients:import"),
        {"batch": batch.pk, "digest": preview.context["digest"], "confirm": "1"},
    )
    job = Job.objects.get(kind="luotsi.imports.jobs.confirm_import")
    assert confirmed["Location"] == job.get_absolute_url()
    assert not Client.objects.filter(first_name="Etu1").exists()  # not before the job runs
    run_queued()
    job.refresh_from_db()
    assert job.state == State.DONE and (job.done, job.total) == (ROWS, ROWS)
    assert Client.objects.filter(first_name__startswith="Etu").count() == ROWS
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.content == ""
    # Every request to the import pages is access-logged as before.
    details = list(
        AccessLogEntry.objects.filter(view_name="clients:import").values_list("detail", flat=True)
    )
    assert any("checked as a background job" in d for d in details)
    assert any("as a background job" in d and "5 rows" in d for d in details)


def test_a_refused_row_in_a_big_file_imports_nothing(lead, world):
    response = upload(lead, big_file(bad_row=2))
    assert response.status_code == 302
    run_queued()
    batch = ImportBatch.objects.get()
    assert batch.summary["refused"] == 1
    lead.post(
        reverse("clients:import"), {"batch": batch.pk, "digest": batch.digest, "confirm": "1"}
    )
    run_queued()
    job = Job.objects.get(kind="luotsi.imports.jobs.confirm_import")
    assert job.state == State.FAILED and "1 rows are refused" in job.error
    assert not Client.objects.filter(first_name__startswith="Etu").exists()


def test_a_failed_import_leaves_nothing_and_its_retry_imports_the_file(lead, world, monkeypatch):
    batch, _check = uploaded_and_checked(lead)
    real = import_rows.HANDLERS["clients"]
    calls = {"n": 0}

    def breaks_on_the_fourth_row(context, row, columns, number):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("the worker's database connection broke")
        return real(context, row, columns, number)

    monkeypatch.setitem(import_rows.HANDLERS, "clients", breaks_on_the_fourth_row)
    lead.post(
        reverse("clients:import"), {"batch": batch.pk, "digest": batch.digest, "confirm": "1"}
    )
    run_queued()
    job = Job.objects.get(kind="luotsi.imports.jobs.confirm_import")
    assert job.state == State.FAILED
    # The three rows before the failure were rolled back with it: nothing half-written.
    assert not Client.objects.filter(first_name__startswith="Etu").exists()
    batch.refresh_from_db()
    assert batch.status == "previewed" and batch.content != ""
    job = jobs.retry(world.team_lead, job)
    run_queued()
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempt == 2
    assert Client.objects.filter(first_name__startswith="Etu").count() == ROWS
    batch.refresh_from_db()
    assert batch.status == "imported"


def test_a_small_file_stays_in_the_request(lead, world):
    response = upload(lead, xlsx(CLIENT_HEADERS, [client_row(1), client_row(2)]))
    assert response["Location"].startswith(reverse("clients:import") + "?batch=")
    assert not Job.objects.exists()
    assert ImportBatch.objects.get().status == "previewed"


def test_a_file_with_unknown_columns_is_refused_before_any_job(lead, world):
    content = xlsx([*CLIENT_HEADERS, "Kenkänumero"], [[*client_row(n), "42"] for n in range(5)])
    response = upload(lead, content)
    assert response.status_code == 400 and "Kenkänumero" in response.content.decode()
    assert not Job.objects.exists() and not ImportBatch.objects.exists()


def test_only_the_importer_sees_the_job_and_its_preview(client, lead, world):
    batch, check = uploaded_and_checked(lead)
    client.force_login(world.coach)
    assert client.get(check.get_absolute_url()).status_code == 404
    assert client.get(reverse("clients:job_result", kwargs={"job_id": check.pk})).status_code == 404
    assert client.get(reverse("clients:import"), {"batch": batch.pk}).status_code == 403
