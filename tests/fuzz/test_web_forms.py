"""Every web form fuzzed through the test client: dates, lengths, Unicode, numbers.

Each form's fields are read from the form the page itself renders (so a field added later
is fuzzed too); hypothesis fills them with extreme dates, long and invisible-character
texts, huge and malformed numbers, unknown choices. Whatever comes in, the answer is a
page or a redirect: 0 server errors (the test client raises any exception a view lets
escape, so one would fail the test). ``make fuzz`` tries ten times as many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.accounts.models import Role
from luotsi.casedocs import service as docs
from luotsi.cases.service import import_case
from luotsi.consents.service import record_consent
from tests.cases.test_views import case_file
from tests.conftest import examples
from tests.factories import make_user

FUZZ = settings(max_examples=examples(15), deadline=None, suppress_health_check=list(HealthCheck))

DATES = st.one_of(
    st.sampled_from([
        "9999-12-31", "0001-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01",
        "2026-02-30", "2026-13-01", "31.12.9999", "1.1.1", "99999-01-01", "-2026-01-01",
        "2026-01-01T00:00", "", " ", "0", "today",
    ]),
    st.dates().map(dt.date.isoformat),
)  # fmt: skip
NASTY_TEXT = [
    "\u202eevil", "a\u200bb", "\ufeff", "\x00", "\x1b[31m", "<script>alert(1)</script>",
    "'; DROP TABLE clients_client; --", "x" * 100_000, "ä" * 5001, "\U0001f600" * 300,
    "\ud7ff", "Ω≈ç√", "", " ", "\r\n" * 50,
]  # fmt: skip
TEXTS = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=300),
    # Long texts, cheaply: a short random text repeated.
    st.tuples(st.text(min_size=1, max_size=20), st.integers(50, 400)).map(lambda t: t[0] * t[1]),
)
NUMBERS = st.one_of(
    st.sampled_from(["1e400", "NaN", "-1", "0", "99999999999999999999999", "1,5", "6.5", ""]),
    st.integers().map(str),
    st.floats().map(str),
)


def value_for(field: forms.Field, draw: Any) -> Any:
    if isinstance(field, forms.BooleanField):
        return draw(st.sampled_from(["on", "", "false", "1"]))
    if isinstance(field, forms.DateField):
        return draw(DATES)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return draw(NUMBERS)
    if isinstance(field, forms.ModelChoiceField):
        return draw(st.one_of(st.integers(-5, 10**12).map(str), TEXTS))
    if isinstance(field, forms.ChoiceField):
        valid = [str(key) for key, _label in field.choices]
        return draw(st.one_of(st.sampled_from(valid or [""]), TEXTS))
    return draw(TEXTS)


@pytest.fixture
def fuzzer(world):
    """A user with every role (roles add up), so every form opens."""
    return make_user("fuzzer", world.org, list(Role.values), [world.team_a])


@pytest.fixture
def pages(world, fuzzer):
    """(name, url to post to, url of the page that renders the form, GET form?)."""
    client = world.own_client
    world.own_client.responsible_coach = fuzzer
    world.own_client.save()
    case = import_case(fuzzer, world.org, client, case_file())
    feedback = docs.create_draft(fuzzer, case, "feedback", "fi")
    notice = docs.create_draft(fuzzer, case, "queue_notice", "fi")
    record_consent(
        fuzzer, client, recipient_kind="network", recipient_name="Äiti", scope="kaikki",
        covers_health_data=True, given_on=dt.date(2026, 1, 1),
    )  # fmt: skip
    teak_file = {**case_file("C-TEAK", events=[]), "service": "TEAK-TK"}
    teak_file["decision"] = {**teak_file["decision"], "granted_days": 30}
    teak = import_case(fuzzer, world.org, client, teak_file)
    teak_feedback = docs.create_draft(fuzzer, teak, "feedback", "fi")
    day = case.events.filter(type="rehab_day").first()
    c = {"client_id": client.pk}
    k = {**c, "case_id": case.pk}
    t = {**c, "case_id": teak.pk}
    result = [
        ("login", reverse("accounts:login"), None, False),
        ("search", reverse("clients:list"), None, False),
        ("create", reverse("clients:create"), None, False),
        ("audit", reverse("clients:audit_lookup"), None, False),
        ("edit", reverse("clients:edit", kwargs=c), None, False),
        ("consent", reverse("clients:consent_create", kwargs=c), None, False),
        ("disclosure", reverse("clients:disclosure_create", kwargs=c), None, False),
        ("case", reverse("clients:case_create", kwargs=c), None, False),
        ("days", reverse("clients:case_days", kwargs=k), None, False),
        ("meeting", reverse("clients:case_meeting", kwargs=k), None, False),
        ("absence", reverse("clients:case_absence", kwargs=k), None, False),
        ("pause", reverse("clients:case_pause", kwargs=k), None, False),
        ("document", reverse("clients:document_create", kwargs=k), None, False),
        # rules round 2 (issue 15): the new event kinds and the day's new fields
        *(
            (kind, reverse(f"clients:case_{kind}", kwargs=k), None, False)
            for kind in ("no_interpreter", "vocational_plan", "step_skipped", "cannot_commit")
        ),
        *(
            (kind, reverse(f"clients:case_{kind}", kwargs=t), None, False)
            for kind in ("invitation_letter", "light_approach")
        ),
        (
            "day correction",
            reverse("clients:case_event_edit", kwargs={**k, "event_id": day.pk}),
            None,
            False,
        ),
        (
            "draft teak feedback",
            reverse("clients:document_edit", kwargs={**t, "document_id": teak_feedback.pk}),
            reverse("clients:document_detail", kwargs={**t, "document_id": teak_feedback.pk}),
            False,
        ),
        ("due list", reverse("clients:due_list"), None, True),
    ]
    for document in (feedback, notice):
        d = {**k, "document_id": document.pk}
        result.append((
            f"draft {document.kind}",
            reverse("clients:document_edit", kwargs=d),
            reverse("clients:document_detail", kwargs=d),
            False,
        ))  # fmt: skip
    return result


_FIELDS: dict[tuple[str, int], dict[str, forms.Field]] = {}


def _form_fields(http, page_url: str) -> dict[str, forms.Field]:
    response = http.get(page_url)
    assert response.status_code == 200, page_url
    form = response.context["form"]
    assert form is not None, page_url
    return dict(form.fields)


FORMS = [
    "login", "search", "create", "audit", "edit", "consent", "disclosure", "case", "days",
    "meeting", "absence", "pause", "document", "due list", "draft feedback",
    "draft queue_notice", "no_interpreter", "vocational_plan", "step_skipped", "cannot_commit",
    "invitation_letter", "light_approach", "day correction", "draft teak feedback",
]  # fmt: skip
# The entry forms: half the examples also confirm (the save path, not only the preview).
CONFIRMING = {
    "days", "meeting", "absence", "pause", "no_interpreter", "vocational_plan", "step_skipped",
    "cannot_commit", "invitation_letter", "light_approach", "day correction",
}  # fmt: skip


def test_every_form_page_is_fuzzed(pages):
    assert sorted(p[0] for p in pages) == sorted(FORMS)


@pytest.mark.parametrize("form_name", FORMS)
@FUZZ
@given(data=st.data())
def test_every_form_answers_every_input_without_a_server_error(
    client, fuzzer, pages, form_name, data
):
    name, target, page, by_get = next(p for p in pages if p[0] == form_name)
    if name == "login":
        client.logout()
    else:
        client.force_login(fuzzer)
    key = (form_name, id(pages))
    if key not in _FIELDS:  # read once per test, not per example
        _FIELDS.clear()
        _FIELDS[key] = _form_fields(client, page or target)
    fields = _FIELDS[key]
    values = {key: value_for(field, data.draw) for key, field in fields.items()}
    if name in CONFIRMING and data.draw(st.booleans()):
        values["confirm"] = "1"
    response = client.get(target, values) if by_get else client.post(target, values)
    assert response.status_code < 500, (name, response.status_code)
    assert response.status_code in (200, 302, 403, 404, 429), (name, response.status_code)
