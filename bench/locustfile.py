"""The coaches of ``bench/load.py``: log in, then their dashboard and case pages.

Behind a TLS-terminating proxy the browser speaks HTTPS; here every request carries
``X-Forwarded-Proto: https`` (the production settings trust it) and the ``Secure`` cookies
the server sets are kept for the plain-HTTP loopback connection.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["LOAD_USERS_FILE"], encoding="utf-8").read())  # noqa: SIM115
COACHES = itertools.cycle(sorted(DATA["pages"]))
HTTPS = {"X-Forwarded-Proto": "https"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# Seconds a coach spends on a page before the next click (LOAD_THINK="1-3" for a stress
# profile): reading a dashboard or a case page takes a while.
THINK = tuple(float(n) for n in os.environ.get("LOAD_THINK", "5-15").split("-"))


class Coach(HttpUser):
    wait_time = between(THINK[0], THINK[1])

    def on_start(self) -> None:
        self.username = next(COACHES)
        self.pages = DATA["pages"][self.username]
        if not os.environ.get("LOAD_LOGIN"):
            # A session made as a login makes it (bench/load.py); the cookie the browser
            # would have kept since the morning's login.
            self.client.cookies.set("__Host-sessionid", DATA["sessions"][self.username])
            return
        page = self.client.get("/accounts/login/", headers=HTTPS, name="login")
        token = CSRF.search(page.text)
        self._keep_cookies()
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": DATA["password"],
             "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={**HTTPS, "Referer": f"https://{self.host_name}/accounts/login/"},
            name="login", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")

    @property
    def host_name(self) -> str:
        return self.host.split("://", 1)[1]

    def _keep_cookies(self) -> None:
        """Send the ``Secure`` cookies over the loopback (the proxy's side of TLS)."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def _page(self, path: str, name: str) -> None:
        """A page the coach sees (not the login page they would be sent to without a
        session); anything but 200 is an error."""
        self._keep_cookies()
        with self.client.get(
            path, headers=HTTPS, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{name} answered {response.status_code}")

    @task(3)
    def dashboard(self) -> None:
        self._page("/clients/dashboard/", "dashboard")

    @task(3)
    def case_page(self) -> None:
        self._page(random.choice(self.pages), "case page")

    @task(1)
    def client_list(self) -> None:
        self._page("/clients/", "client list")
