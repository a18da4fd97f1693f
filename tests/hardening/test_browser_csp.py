"""Real pages in headless Chromium under the real policies: the browser reports no CSP violation.

Chromium is driven over its DevTools pipe (no extra Python package); the test is skipped where
Chromium is not installed (`apt-get install chromium`).
"""

import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest
from django.test import Client

from bench.fuzz import discover_urls

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the flush after each test would take the root page and locales along.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium n'est pas installé"),
]


class Browser:
    """A headless Chromium tab that records the CSP violations of each page it opens."""

    def __init__(self):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        self._profile = tempfile.mkdtemp()

        def wire_pipes():  # Chromium reads commands on fd 3 and answers on fd 4
            # Through fresh descriptors first: either pipe end may itself be fd 3 or 4.
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(  # noqa: S603 - a fixed local binary
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            preexec_fn=wire_pipes,  # noqa: PLW1509 - single-threaded at this point
            pass_fds=(3, 4),  # kept open in the child once wire_pipes has set them
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method, session=False, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]
            self.events.append(reply)

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium s'est arrêté")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def set_cookie(self, url, name, value):
        self.send("Network.setCookie", session=True, url=url, name=name, value=value)

    def csp_violations(self, url, timeout=20):
        """Open url, wait for its load event, and return the CSP violations logged meanwhile."""
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(url)
            self.events.append(self._read())
        # Late violations (scripts run after load) arrive within moments; a no-op round trip
        # flushes what Chromium has queued.
        time.sleep(0.5)
        self.send("Runtime.evaluate", session=True, expression="1")
        return [
            e["params"]["entry"]["text"]
            for e in self.events
            if e.get("method") == "Log.entryAdded"
            and "Content Security Policy" in e["params"]["entry"]["text"]
        ]

    def close(self):
        self._process.terminate()
        self._process.wait(timeout=10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self._profile, ignore_errors=True)


@pytest.fixture
def browser():
    chromium = Browser()
    yield chromium
    chromium.close()


def test_every_public_page_loads_without_csp_violation(browser, live_server, home_page):
    urls = discover_urls()
    assert urls
    for url in urls:
        assert browser.csp_violations(live_server.url + url) == [], url


def test_the_page_editor_works_under_the_admin_policy(
    browser, live_server, home_page, django_user_model
):
    editor = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    client = Client()
    client.force_login(editor)
    browser.set_cookie(live_server.url, "sessionid", client.cookies["sessionid"].value)
    for path in (
        "/admin/",
        f"/admin/pages/{home_page.pk}/edit/",
        f"/admin/pages/{home_page.pk}/edit/preview/",
        f"/admin/pages/{home_page.pk}/history/",
        "/admin/pages/search/?q=accueil",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/multiple/add/",
        "/admin/users/",
    ):
        assert browser.csp_violations(live_server.url + path) == [], path
