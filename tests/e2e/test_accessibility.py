"""WCAG 2.1 AA: axe-core (bundled by the axe-playwright-python package, no CDN) on every
page each role reaches, in the browser: no serious or critical violation."""

import json
from pathlib import Path

import axe_playwright_python
import pytest

from luotsi.casedocs.models import Document
from luotsi.cases.models import Case, CaseFinding
from luotsi.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe_page(browser, live_server):
    # axe is injected as a script: the page's Content-Security-Policy would refuse it.
    context = browser.new_context(base_url=live_server.url, locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page):
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def pages_for_each_role():
    """(user, [paths]) — every kind of page of the demo, for the role that reaches it."""
    case = Case.objects.filter(external_id="DEMO-TK-09").select_related("client").get()
    client = case.client
    violation = CaseFinding.objects.filter(case=case, severity="violation").first()
    base = f"/clients/{client.pk}/"
    case_url = f"{base}cases/{case.pk}/"
    coach_pages = [
        "/clients/dashboard/",
        "/clients/due/",
        "/clients/",
        base,
        f"{base}edit/",
        f"{base}print/",
        f"{base}consents/new/",
        f"{base}disclosures/new/",
        f"{base}cases/new/",
        case_url,
        f"{case_url}days/",
        f"{case_url}meeting/",
        f"{case_url}absence/",
        f"{case_url}pause/",
        f"{case_url}no-interpreter/",
        f"{case_url}vocational-plan/",
        f"{case_url}step-skipped/",
        f"{case_url}cannot-commit/",
        f"{case_url}documents/",
        f"{case_url}acknowledgements/",
        f"{case_url}acknowledge/?rule={violation.rule}&date="
        f"{violation.date.isoformat() if violation.date else ''}&due=",
        "/clients/team/",
        f"/clients/team/?coach={client.responsible_coach_id}",
        "/clients/team/handover/",
        "/accounts/two-factor/",
        "/no/such/page/",
    ]
    teak = (
        Case.objects.filter(
            service__startswith="TEAK", client__responsible_coach__username="aino.koskinen"
        )
        .order_by("external_id")
        .first()
    )
    assert teak is not None, "the demo gives Aino Koskinen a TEAK client"
    teak_url = f"/clients/{teak.client_id}/cases/{teak.pk}/"  # TEAK-only forms (round 2)
    coach_pages += [teak_url, f"{teak_url}invitation-letter/", f"{teak_url}light-approach/"]
    document = Document.objects.filter(
        case__client__responsible_coach__username="aino.koskinen"
    ).first()
    if document is not None:
        coach_pages.append(
            f"/clients/{document.case.client_id}/cases/{document.case_id}/documents/{document.pk}/"
        )
    return [
        ("aino.koskinen", coach_pages),
        ("paivi.laine", ["/clients/quality/", "/clients/due/?with_acknowledged=on",
                         "/clients/audit/", f"{base}access-log/", f"{base}access-report/"]),
        ("timo.salonen", ["/accounts/users/", "/clients/dashboard/"]),  # the 403 page
    ]  # fmt: skip


def test_no_serious_accessibility_violation_on_any_page(axe_page):
    load_demo()
    page = axe_page
    page.goto("/accounts/login/")
    found = {"/accounts/login/": serious_violations(page)}
    checked = 1
    for username, paths in pages_for_each_role():
        log_in(page, username)
        for path in paths:
            page.goto(path)
            found[f"{username} {path}"] = serious_violations(page)
            checked += 1
        for language in ("sv", "en"):  # the language switcher and the other catalogues
            page.get_by_label({"sv": "Kieli", "en": "Språk"}[language]).select_option(language)
            page.get_by_role("button", name={"sv": "Vaihda", "en": "Byt"}[language]).click()
            page.wait_for_load_state()
            found[f"{username} {paths[0]} ({language})"] = serious_violations(page)
        page.get_by_label("Language").select_option("fi")
        page.get_by_role("button", name="Change").click()
    bad = {where: issues for where, issues in found.items() if issues}
    assert checked > 25
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)
