"""The nightly recompute as a background job: started by an administrator from the jobs
page, and queued for every organisation by ``luotsi manage recompute_findings``."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseFinding
from luotsi.cases.service import export_case
from luotsi.cases.workspace import UNMARKED
from luotsi.jobs import service
from luotsi.jobs.models import Job, State
from luotsi.organisations.models import Organisation
from luotsi.rules import evaluate, parse_case
from tests.jobs.conftest import run_queued

pytestmark = pytest.mark.django_db


KIND = "luotsi.cases.jobs.recompute_organisation"


def test_an_administrator_recomputes_the_organisations_findings_from_the_page(client, demo):
    admin = User.objects.get(username="timo.salonen")
    organisation = admin.organisation
    cases = Case.objects.filter(organisation=organisation)
    # Yesterday's evaluation, as if the nightly run had not run today.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    cases.update(evaluated_on=yesterday)
    CaseFinding.objects.filter(case__organisation=organisation, rule__startswith="START").delete()
    before = CaseFinding.objects.filter(case__organisation=organisation).count()

    client.force_login(admin)
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Laske organisaation havainnot uudelleen" in page
    response = client.post(reverse("jobs:start"), {"kind": KIND})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.user, job.organisation, job.state) == (admin, organisation, State.QUEUED)

    run_queued()
    job.refresh_from_db()
    assert job.state == State.DONE
    assert job.done == job.total == cases.count() == 60
    today = timezone.localdate()
    assert set(cases.values_list("evaluated_on", flat=True)) == {today}
    for case in cases.order_by("pk")[:10]:
        expected = evaluate(parse_case(export_case(case)), today).to_dict()["findings"]
        # The workspace's own findings (a planned meeting never marked) come on top.
        engine_rows = case.findings.exclude(rule=UNMARKED).order_by("pk")
        assert [f.as_contract() for f in engine_rows] == expected

    download = client.get(reverse("clients:job_result", kwargs={"job_id": job.pk}))
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["palvelu", "sääntö", "vakavuus", "ennen", "jälkeen"]
    counts = [r for r in rows[1:] if len(r) == 5]
    after = CaseFinding.objects.filter(case__organisation=organisation).count()
    assert sum(int(r[3]) for r in counts) == before
    assert sum(int(r[4]) for r in counts) == after > before
    assert rows[-1] == ["arvioitu", today.isoformat(), "asiakkuudet", "60"]


def test_a_coach_may_not_start_the_recompute(client, demo):
    coach = User.objects.get(username="mikko.lehtonen")
    client.force_login(coach)
    assert "Laske organisaation" not in client.get(reverse("jobs:list")).content.decode()
    client.post(reverse("jobs:start"), {"kind": KIND})
    assert not Job.objects.exists()


def test_the_nightly_command_queues_one_system_job_per_organisation(world):
    call_command("recompute_findings", "--on", "2026-06-01")
    jobs = Job.objects.order_by("organisation_id")
    assert [j.organisation for j in jobs] == list(Organisation.objects.order_by("pk"))
    assert all(j.user is None and j.state == State.QUEUED for j in jobs)
    assert all(j.params == {"on": "2026-06-01"} for j in jobs)
    # Queued again while the first ones wait: nothing new.
    call_command("recompute_findings")
    assert Job.objects.count() == 2
    run_queued()
    assert set(Job.objects.values_list("state", flat=True)) == {State.DONE}
    assert service.visible_jobs(world.administrator).count() == 1


def test_a_large_organisation_is_recomputed_in_chunks_that_workers_share(demo):
    organisation = User.objects.get(username="timo.salonen").organisation
    cases = Case.objects.filter(organisation=organisation)
    assert cases.count() == 60
    on = timezone.localdate() + dt.timedelta(days=3)
    call_command("recompute_findings", "--on", on.isoformat(), "--chunk", "25")
    jobs = list(Job.objects.filter(organisation=organisation).order_by("created_at"))
    assert [j.kind for j in jobs] == ["luotsi.cases.jobs.recompute_chunk"] * 3
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    assert [(j.params["first"], j.params["last"]) for j in jobs] == [
        (ids[0], ids[24]), (ids[25], ids[49]), (ids[50], None),
    ]  # fmt: skip
    # Queued again while they wait: nothing new.
    call_command("recompute_findings", "--chunk", "25")
    assert Job.objects.filter(organisation=organisation).count() == 3
    run_queued()
    done = Job.objects.filter(organisation=organisation)
    assert [(j.state, j.total) for j in done.order_by("created_at")] == [
        (State.DONE, 25), (State.DONE, 25), (State.DONE, 10),
    ]  # fmt: skip
    assert set(cases.values_list("evaluated_on", flat=True)) == {on}
    for case in cases.order_by("-pk")[:5]:
        expected = evaluate(parse_case(export_case(case)), on).to_dict()["findings"]
        engine_rows = case.findings.exclude(rule=UNMARKED).order_by("pk")
        assert [f.as_contract() for f in engine_rows] == expected


def test_a_chunk_killed_before_its_end_is_retried_whole(demo, monkeypatch):
    from luotsi.cases import jobs as case_jobs

    organisation = User.objects.get(username="timo.salonen").organisation
    cases = Case.objects.filter(organisation=organisation)
    on = timezone.localdate() + dt.timedelta(days=5)
    real = case_jobs.recompute_findings
    calls = {"n": 0}

    def dies_at_the_seventh(case, day):
        calls["n"] += 1
        if calls["n"] == 7:
            raise RuntimeError("the worker died")
        return real(case, day)

    monkeypatch.setattr(case_jobs, "recompute_findings", dies_at_the_seventh)
    call_command("recompute_findings", "--on", on.isoformat(), "--chunk", "30")
    run_queued()
    first, second = Job.objects.filter(organisation=organisation).order_by("created_at")
    first.refresh_from_db()
    assert first.state == State.FAILED and second.state == State.DONE
    # Each case whole or untouched: six of the first part recomputed, the rest not yet.
    assert cases.filter(evaluated_on=on).count() == 6 + 30
    service.retry(User.objects.get(username="timo.salonen"), first)
    run_queued()
    first.refresh_from_db()
    assert first.state == State.DONE and first.attempt == 2
    assert set(cases.values_list("evaluated_on", flat=True)) == {on}
