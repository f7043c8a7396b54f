"""A small HTTP client for the deployment test: cookies, CSRF and forms, as a browser
behind the TLS-ending proxy would send them (X-Forwarded-Proto: https)."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields of every form on a page: {action: {name: value}} (the first option of
    a select unless one is selected; checkboxes only when checked)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append((a.get("action", ""), {}))
        elif not self.forms:
            return
        fields = self.forms[-1][1] if self.forms else {}
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") in ("submit", "button"):
                return
            fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in a:
                fields[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[tuple[str, dict[str, str]]]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields=None, headers=None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Accept-Language": "fi",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
        connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in header or value in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, fields: dict, **kwargs) -> Response:
        return self.request("POST", path, fields=fields, **kwargs)

    def fields_of(self, html: str, has_field: str, action: str = "") -> dict[str, str]:
        """The fields of the form posting to ``action`` (the page itself) that has
        ``has_field``."""
        for form_action, fields in forms_of(html):
            if form_action == action and has_field in fields:
                return fields
        raise AssertionError(f"no form with {has_field!r} on the page")

    def submit(self, path: str, changes: dict, has_field: str, **extra) -> Response:
        """Open ``path`` and post its form that has ``has_field`` with ``changes``."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        return self.post(path, {**self.fields_of(page.text, has_field), **changes}, **extra)

    def login(self, username: str, password: str) -> None:
        response = self.submit(
            "/accounts/login/", {"username": username, "password": password}, "password"
        )
        assert response.status == 302, (response.status, response.text[:2000])
        assert "__Host-sessionid" in self.cookies
