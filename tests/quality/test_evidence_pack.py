"""The audit evidence pack: the same seed gives the same sample, the ZIP holds only the
sampled clients' data with a manifest, and each sampled client's export is logged."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from luotsi.access.models import AccessLogEntry
from luotsi.accounts.models import User
from luotsi.cases.models import Case, Service
from luotsi.clients.models import Client
from luotsi.quality import evidence

SERVICES = tuple(sorted(Service.values))


@pytest.fixture
def quality_manager(demo):
    return User.objects.get(username="paivi.laine")


def test_the_same_seed_gives_the_same_sample(quality_manager) -> None:
    wanted = evidence.SampleRequest(seed=2026, per_service=2, services=SERVICES)
    first = [c.external_id for c in evidence.sample(quality_manager, wanted)]
    assert first == [c.external_id for c in evidence.sample(quality_manager, wanted)]
    assert len(first) == 2 * len(SERVICES)
    by_service = {
        s: [n for n in first if Case.objects.get(external_id=n).service == s] for s in SERVICES
    }
    assert all(len(v) == 2 for v in by_service.values())
    others = {
        tuple(
            c.external_id
            for c in evidence.sample(
                quality_manager, evidence.SampleRequest(seed=s, per_service=2, services=SERVICES)
            )
        )
        for s in range(5)
    }
    assert len(others) > 1  # the seed matters


def test_the_sample_never_exceeds_what_there_is(quality_manager) -> None:
    wanted = evidence.SampleRequest(seed=1, per_service=20, services=("TK",))
    assert (
        len(evidence.sample(quality_manager, wanted)) == Case.objects.filter(service="TK").count()
    )


def test_the_pack_holds_only_the_sampled_clients(client, quality_manager) -> None:
    client.force_login(quality_manager)
    before = AccessLogEntry.objects.count()
    response = client.post(
        reverse("clients:evidence_pack"), {"seed": 7, "per_service": 1, "services": ["TK", "TV"]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    sampled = [c["case"] for c in manifest["sample"]["cases"]]
    wanted = evidence.SampleRequest(seed=7, per_service=1, services=("TK", "TV"))
    assert sampled == [c.external_id for c in evidence.sample(quality_manager, wanted)]
    folders = {name.split("/")[1] for name in archive.namelist() if name.startswith("cases/")}
    assert folders == set(sampled)
    timeline = archive.read(f"cases/{sampled[0]}/timeline.csv").decode("utf-8-sig")
    case = Case.objects.get(external_id=sampled[0])
    assert len(timeline.strip().splitlines()) == 1 + case.events.count()
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert {"staff-register.csv", "quality-figures.xlsx", "access-log-summary.csv"} <= set(
        archive.namelist()
    )
    sampled_clients = set(Client.objects.filter(cases__external_id__in=sampled))
    text = b"".join(
        archive.read(n) for n in archive.namelist() if not n.endswith((".pdf", ".xlsx"))
    ).decode("utf-8-sig", "replace")
    for person in Client.objects.all():
        marks = (f"{person.first_name} {person.last_name}", person.identity_code)
        if person in sampled_clients:
            assert all(mark in text for mark in marks)
        else:
            assert not any(mark in text for mark in marks), marks
    rows = AccessLogEntry.objects.filter(pk__gt=0).order_by("pk")[before:]
    logged = [r for r in rows if r.client_id is not None]
    assert {r.client for r in logged} == sampled_clients
    assert all(r.action == "export" and r.view_name == "clients:evidence_pack" for r in logged)
    assert len([r for r in rows if r.client_id is None]) == 1


def test_a_bad_form_names_the_field_and_exports_nothing(client, quality_manager) -> None:
    client.force_login(quality_manager)
    response = client.post(
        reverse("clients:evidence_pack"), {"seed": 7, "per_service": 99, "services": ["TK"]}
    )
    assert response.status_code == 200 and list(response.context["form"].errors) == ["per_service"]
    assert not AccessLogEntry.objects.filter(
        client__isnull=False, view_name="clients:evidence_pack"
    ).exists()


def test_coaches_and_administrators_may_not(client, demo) -> None:
    for username in ("mikko.lehtonen", "timo.salonen", "aino.koskinen"):
        client.force_login(User.objects.get(username=username))
        assert (
            client.post(
                reverse("clients:evidence_pack"), {"seed": 1, "per_service": 1, "services": ["TK"]}
            ).status_code
            == 403
        )


def test_a_large_sample_is_packed_by_a_background_job(client, quality_manager) -> None:
    from luotsi.jobs.models import Job, State
    from tests.jobs.conftest import run_queued

    client.force_login(quality_manager)
    form = {"seed": 11, "per_service": 3, "services": ["TK", "TV", "TAITO", "TEAK-TK"]}
    wanted = evidence.SampleRequest(
        seed=11, per_service=3, services=("TAITO", "TEAK-TK", "TK", "TV")
    )
    sampled = evidence.sample(quality_manager, wanted)
    assert len(sampled) > evidence.INLINE_CASES
    response = client.post(reverse("clients:evidence_pack"), form)
    job = Job.objects.get(kind="luotsi.quality.jobs.evidence_pack")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.params["cases"] == [c.pk for c in sampled]
    # Each sampled client's export is logged when the pack is asked for.
    logged = AccessLogEntry.objects.filter(view_name="clients:evidence_pack", client__isnull=False)
    assert {r.client_id for r in logged} == {c.client_id for c in sampled}
    assert {r.action for r in logged} == {"export"}
    run_queued()
    job.refresh_from_db()
    assert job.state == State.DONE, job.error
    assert job.done == job.total == len(sampled)
    download = client.get(reverse("clients:job_result", kwargs={"job_id": job.pk}))
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert [c["case"] for c in manifest["sample"]["cases"]] == [c.external_id for c in sampled]
    folders = {name.split("/")[1] for name in archive.namelist() if name.startswith("cases/")}
    assert folders == {c.external_id for c in sampled}
    assert job.result_name.startswith("auditointiaineisto-") and job.result_name.endswith("-11.zip")


def test_the_pack_job_refuses_cases_no_longer_exportable(quality_manager) -> None:
    from django.utils import translation

    from luotsi.jobs import runner
    from luotsi.jobs import service as jobs
    from luotsi.jobs.kinds import JobError
    from luotsi.jobs.models import State
    from luotsi.quality import jobs as quality_jobs

    gone = Case.objects.order_by("-pk").first().pk + 1  # a case removed since the sample
    kept = Case.objects.filter(service="TK").first().pk
    job, _new = jobs.start(
        quality_jobs.evidence_pack, user=quality_manager, enqueue=False, seed=1, per_service=1,
        services=["TK"], start=None, end=None, cases=[kept, gone], at="2026-12-01T10:00:00+00:00",
        language="en",
    )  # fmt: skip
    with pytest.raises(JobError), translation.override("en"):
        runner.run(job.pk, job.attempt)
    job.refresh_from_db()
    assert job.state == State.FAILED and "no longer yours to export" in job.error
    assert not job.result_name


def test_the_pack_has_each_cases_invoice_lines_and_refusals(world) -> None:
    from luotsi.billing import service as billing
    from luotsi.cases import service as cases
    from tests.billing.test_service import ON, PRICES, case_data

    billing.import_price_list(world.billing, world.org, PRICES, "prices.yaml")
    case = cases.import_case(None, world.org, world.own_client, case_data(), on=ON)
    invoice = billing.approve_month(world.billing, world.org, "2026-03", ON)[0]
    rows = evidence.invoices_csv(case).decode("utf-8-sig").strip().splitlines()
    lines = [r.split(";") for r in rows[1:]]
    assert [r[6] for r in lines] == ["line"] * len(invoice.lines) + ["refused"] * 2
    assert {r[0] for r in lines} == {invoice.number}
    assert sum(float(r[13]) for r in lines if r[6] == "line") == float(invoice.total)
    assert [r[15] for r in lines if r[6] == "refused"] == ["beyond_granted", "beyond_granted"]
    wanted = evidence.SampleRequest(seed=1, per_service=1, services=("TK",))
    pack = zipfile.ZipFile(
        io.BytesIO(evidence.build_pack(world.quality_manager, wanted, [case], timezone.now()))
    )
    assert pack.read(f"cases/{case.external_id}/invoices.csv") == evidence.invoices_csv(case)
