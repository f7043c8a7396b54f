"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser).

``make install`` installs the ``chromium`` package when it is missing. Outside CI the tests
skip with a reason when no chromium is found; in CI (``CI=true``) a missing browser fails.
"""

import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("LUOTSI_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: make install should have installed it")
        pytest.skip("Debian chromium is not installed (make install installs it as root)")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
    # fixtures around it are still synchronous and safe.
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp, sync_playwright() as playwright:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # An English browser: Luotsi must still answer in Finnish until the user chooses.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
