"""The demo data: about sixty clients, every service in every state, dated from today.

The states are read back from the stored events and findings with this file's own
definitions (``states_of``), not from the generator's labels.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from stdnum.fi import hetu

from luotsi.access import policy
from luotsi.access.models import ChangeLogEntry
from luotsi.accounts.models import User
from luotsi.cases.models import Case, CaseEvent, CaseFinding
from luotsi.cases.service import export_case
from luotsi.clients.models import Client
from luotsi.demo.loader import load_demo
from luotsi.demo.scenarios import demo_clients
from luotsi.rules import evaluate, parse_case

TODAY = dt.date(2026, 11, 23)  # a Monday
DOCS = Path(__file__).resolve().parents[1] / "docs" / "demo.md"
# Rules whose violation means a deadline was missed.
DEADLINE_RULES = {
    "START.DEADLINE", "PRECONTACT.DEADLINE", "PHASE1.DEADLINE", "FEEDBACK.DEADLINE",
    "CERT.MISSING", "TAITO.FOLLOWUP", "NETWORK.AT_INTERRUPTION", "WORKPLACE.FIRST_MEETING",
}  # fmt: skip


def family(service: str) -> str:
    return "TEAK" if service.startswith("TEAK") else service


def states_of(events: list[dict], findings: list[tuple[str, str]], today: dt.date) -> set[str]:
    """The states a case is in on ``today``, from its events and (rule, severity) findings."""
    on = today.isoformat()
    done = [e for e in events if e.get("date", e.get("from", "")) <= on]
    types = Counter(e["type"] for e in done)
    end = next((e for e in done if e["type"] == "end"), None)
    states = set()
    if any(r in DEADLINE_RULES and s == "violation" for r, s in findings):
        states.add("late")
    if end is not None and end["reason"] == "interrupted":
        states.add("interrupted")
    if end is not None and end["reason"] == "completed":
        feedback = [e for e in done if e["type"] == "feedback" and e.get("kind") != "followup"]
        if feedback:
            states.add("completed")
    if end is None:
        if not types["meeting"] and not types["rehab_day"]:
            states.add("starting")
        elif any(e["type"] == "pause" and e["from"] <= on <= e.get("to", on) for e in done):
            states.add("paused")
        elif not any(s == "violation" for _r, s in findings):
            states.add("on_time")
    return states


@pytest.fixture
def loaded(db):
    load_demo(today=TODAY)
    return Case.objects.select_related("client", "organisation")


def stored_states(case: Case) -> set[str]:
    events = [e.data for e in case.events.all()]
    findings = list(case.findings.values_list("rule", "severity"))
    return states_of(events, findings, TODAY)


def test_the_demo_has_sixty_clients_each_with_a_valid_case(loaded):
    clients = list(Client.objects.filter(organisation__kind="provider"))  # not the area's
    assert len(clients) >= 55
    assert loaded.count() == len(clients)
    for case in loaded:
        parse_case(export_case(case))  # the stored case is a valid contract-form case file
        assert case.evaluated_on == TODAY
    assert {c.service for c in loaded} == {"TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"}


def test_every_state_appears_for_every_service(loaded):
    seen = defaultdict(set)
    for case in loaded.prefetch_related("events", "findings"):
        seen[family(case.service)] |= stored_states(case)
    states = {"starting", "on_time", "late", "paused", "interrupted", "completed"}
    for service in ("TK", "TV", "TEAK", "TAITO"):
        assert seen[service] >= states, (service, states - seen[service])
    teak_kinds = {c.service for c in loaded if c.service.startswith("TEAK")}
    assert teak_kinds == {"TEAK-TK", "TEAK-TV", "TEAK-YHD"}


def test_the_cases_have_realistic_events(loaded):
    events = list(CaseEvent.objects.values_list("data", flat=True))
    types = Counter(e["type"] for e in events)
    for kind in ("precontact", "meeting", "phase", "rehab_day", "absence", "pause", "flex",
                 "workplace", "certificate", "kela_notice", "end", "feedback"):  # fmt: skip
        assert types[kind], kind
    meetings = [e for e in events if e["type"] == "meeting"]
    assert {m.get("mode", "face_to_face") for m in meetings} == {"face_to_face", "video", "phone"}
    assert {m.get("kind") for m in meetings} >= {
        "individual", "workplace_visit", "network", "final_discussion", "phone_contact",
    }  # fmt: skip
    certificates = [e for e in events if e["type"] == "certificate"]
    assert all(c["author_name"] and c["author_phone"] for c in certificates)
    assert {e["reason"] for e in events if e["type"] == "pause"} >= {
        "employer_delay", "workplace_closed",
    }  # fmt: skip
    assert {e["reason"] for e in events if e["type"] == "absence"} >= {"sickness", "other"}
    interrupted = Case.objects.filter(events__type="end", events__data__reason="interrupted")
    for case in interrupted:  # the reason is given to Kela
        notices = case.events.filter(type="kela_notice")
        assert any("keskeyt" in n.data["topic"].lower() for n in notices), case.external_id
    taito = list(CaseEvent.objects.filter(case__service="TAITO").values_list("data", flat=True))
    assert {e["phase"] for e in taito if e["type"] == "phase"} >= {"start", "practice", "final"}
    assert any(e["type"] == "rehab_day" and e.get("group") for e in taito)
    assert any(e["type"] == "meeting" and e.get("phase") == "followup" for e in taito)


def test_the_demo_shows_the_entries_of_rules_round_2(loaded):
    """Every event kind and field of issue 15 is on some demo case, with its finding."""
    events = list(CaseEvent.objects.values_list("data", flat=True))
    types = Counter(e["type"] for e in events)
    for kind in ("no_interpreter", "vocational_plan", "invitation_letter", "light_approach",
                 "step_skipped", "cannot_commit"):  # fmt: skip
        assert types[kind], kind
    assert any(e.get("travel_minutes") for e in events if e["type"] == "rehab_day")
    assert any(e.get("client_worked") for e in events if e["type"] == "rehab_day")
    assert any(e.get("attachments") == ["GAS", "KU5"] for e in events if e["type"] == "feedback")
    assert all(case.given and case.given < case.received for case in loaded)
    findings = {(f.rule, f.severity) for f in CaseFinding.objects.all()}
    assert {
        ("DEADLINE.INTERPRETER", "info"), ("PROCESS.STEP_SKIPPED", "action"),
        ("TEAK.INVITATION", "due"), ("TEAK.LIGHT", "info"),
    } <= findings  # fmt: skip


def test_the_stored_findings_give_the_dashboards_something_to_show(loaded):
    findings = list(CaseFinding.objects.all())
    assert len({f.severity for f in findings}) >= 4
    # Overdue: the engine turns a passed deadline into a violation dated before today.
    assert any(f.severity == "violation" and f.date and f.date < TODAY for f in findings)
    # Due within a week, and due today or this week for the coach's week view.
    assert any(f.severity == "due" and TODAY <= f.due <= TODAY + dt.timedelta(7) for f in findings)
    assert any(f.severity == "due" and f.due > TODAY + dt.timedelta(7) for f in findings)
    to_report = {f.rule for f in findings if f.severity == "action"}
    assert {"CERT.STALE", "KELA.NOTIFY"} <= to_report
    # Every coach has something on the list.
    coaches = {f.case.client.responsible_coach.username for f in findings if f.severity != "info"}
    assert coaches == {"aino.koskinen", "mikko.lehtonen", "sanna.makela", "jussi.heikkinen"}


def test_clients_are_spread_over_coaches_teams_and_languages(loaded):
    clients = list(
        Client.objects.filter(organisation__kind="provider").select_related(
            "responsible_coach", "team"
        )
    )
    per_coach = Counter(c.responsible_coach.username for c in clients)
    assert set(per_coach) == {"aino.koskinen", "mikko.lehtonen", "sanna.makela", "jussi.heikkinen"}
    # 15 each, but two of Mikko's are with Aino, the team lead, for his holiday.
    assert all(10 <= n <= 17 for n in per_coach.values()), per_coach
    for client in clients:  # a coach's clients are in the coach's team
        assert client.team in client.responsible_coach.teams.all()
    assert Counter(c.language for c in clients)["sv"] >= 3
    # A coach sees the clients of the coach's team: half of the demo each.
    for username, team in (("aino.koskinen", "Porin tiimi"), ("sanna.makela", "Rauman tiimi")):
        visible = policy.clients_visible_to(User.objects.get(username=username))
        assert set(visible) == set(Client.objects.filter(team__name=team))
        assert 20 <= visible.count() < len(clients)
    assert policy.clients_visible_to(User.objects.get(username="paivi.laine")).count() == len(
        clients
    )
    assert policy.clients_visible_to(User.objects.get(username="timo.salonen")).count() == 0


def test_identity_codes_are_valid_test_range_codes(loaded):
    codes = [c.identity_code for c in Client.objects.all()]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert hetu.is_valid(code, allow_temporary=True)
        assert 900 <= int(code[7:10]) <= 999, "demo codes use the test range only"


def counts():
    return (
        Client.objects.count(),
        Case.objects.count(),
        CaseEvent.objects.count(),
        CaseFinding.objects.count(),
        ChangeLogEntry.objects.count(),
    )


def test_loading_again_even_on_another_day_adds_nothing(loaded):
    before = counts()
    load_demo(today=TODAY)
    assert counts() == before
    load_demo(today=TODAY + dt.timedelta(days=30))
    assert counts() == before


def test_the_generator_is_deterministic_and_only_the_dates_follow_today():
    first = demo_clients(TODAY)
    assert first == demo_clients(TODAY)
    later = demo_clients(TODAY + dt.timedelta(days=100))
    assert [c.identity_code for c in later] == [c.identity_code for c in first]
    assert [c.case_id for c in later] == [c.case_id for c in first]
    assert later[0].case["decision"] != first[0].case["decision"]


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 1, 2), dt.date(2026, 4, 7), dt.date(2026, 6, 22), dt.date(2026, 12, 28),
     dt.date(2027, 3, 6), dt.date(2027, 8, 15)],
)  # fmt: skip
def test_every_state_shows_whatever_the_day(today):
    """Holidays and weekends move the dates; the states must still show on ``today``."""
    seen = defaultdict(set)
    for demo in demo_clients(today):
        result = evaluate(parse_case(demo.case), today)
        findings = [(f.rule, f.severity) for f in result.findings]
        states = states_of(demo.case["events"], findings, today)
        assert demo.state in states, (demo.case_id, demo.state, states)
        seen[family(demo.service)] |= states
        assert all(
            (e.get("date") or e["from"]) <= today.isoformat() for e in demo.case["events"]
        ), "nothing is recorded in the future"
    for service in ("TK", "TV", "TEAK", "TAITO"):
        assert len(seen[service]) == 6, (service, seen[service])


def test_docs_name_every_demo_client_with_its_case_and_state():
    text = DOCS.read_text(encoding="utf-8")
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| (DEMO-[A-Z-]+-\d\d) \| [^|]+ \| ([a-z_]+) \|", text, re.M)
    }
    for demo in demo_clients(TODAY):
        assert rows.get(demo.case_id) == demo.state, demo.case_id
        assert f"{demo.first_name} {demo.last_name}" in text


def test_the_granted_days_are_the_parameters():
    """The demo reads the ``granted_days`` parameter, not a copy of it (TEAK-TK's value is
    not yet known: its decisions grant TEAK-TV's)."""
    from luotsi.rules.params import param

    seen = set()
    for client in demo_clients(TODAY):
        case = client.case
        service = case["service"]
        granted = case["decision"].get("granted_days")
        received = dt.date.fromisoformat(case["decision"]["received"])
        if service == "TAITO":
            assert granted is None
            continue
        expected = param("granted_days", received, service).value
        if service == "TEAK-TK":
            assert expected is None
            expected = param("granted_days", received, "TEAK-TV").value
        assert granted == expected, case["id"]
        seen.add(service)
    assert seen == {"TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD"}
