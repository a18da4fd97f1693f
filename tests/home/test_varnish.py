"""The caching proxy (deploy/varnish/ess.vcl) in front of a live server: a publication shows
through it within a second, it never caches what belongs to one visitor, and only the app
server may purge it. Needs Debian's `varnish` (.ci/varnish installs it in CI)."""

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Committed data for the live server; the serialized rollback gives later tests back the
# migrated rows (locales, root page) that emptying the database takes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "ess.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    if not os.path.exists(VARNISHD):
        message = "no varnishd (apt-get install varnish, as root: .ci/varnish)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Varnish test FAILED: {message}, and CI=true requires it")
        pytest.skip(f"Varnish test skipped: {message}")
    app = urlsplit(live_server.url)
    vcl = tmp_path / "ess.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace('.host = "127.0.0.1";', f'.host = "{app.hostname}";')
        .replace('.port = "8000";', f'.port = "{app.port}";')
    )
    port = free_port()
    log = (tmp_path / "varnishd.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - fixed binary, arguments of this test
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{port}"]
        + ["-f", str(vcl), "-s", "malloc,32m", "-p", "default_grace=0"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {(tmp_path / 'varnishd.log').read_text()}")
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "core.frontend_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    yield port
    process.terminate()
    process.wait(timeout=10)
    log.close()


def request(port, path, method="GET", source="127.0.0.1", headers=None):
    # Loopback is 127.0.0.0/8: another address of it stands for another machine.
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0))
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response, body


def test_a_publication_shows_through_the_proxy_within_a_second(varnish, missions):
    first, _body = request(varnish, missions.url)
    assert first.status == 200 and first.getheader("X-Cache") == "miss"
    again, body = request(varnish, missions.url)
    assert again.getheader("X-Cache") == "hit"
    assert "Nos missions" in body
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
    deadline = time.monotonic() + 1
    while "Nos missions en 2026" not in request(varnish, missions.url)[1]:
        assert time.monotonic() < deadline, "the publication did not show within a second"
        time.sleep(0.05)


def test_a_settings_change_elsewhere_on_the_page_is_purged_too(varnish, home_page, missions):
    from home.models import SiteSettings

    request(varnish, home_page.url)
    assert request(varnish, home_page.url)[0].getheader("X-Cache") == "hit"
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.contact_email = "ess@agglo-henincarvin.fr"
    site_settings.save()
    assert "ess@agglo-henincarvin.fr" in request(varnish, home_page.url)[1]


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("page", "GET", {"Cookie": "sessionid=editor"}),
        ("page", "GET", {"Cookie": "csrftoken=abc; _pk_id=1"}),
        ("page", "GET", {"Authorization": "Basic eDp5"}),
        ("page", "POST", {}),
        ("/admin/login/", "GET", {}),
    ],
)
def test_what_belongs_to_one_visitor_is_never_cached(varnish, missions, path, method, headers):
    path = missions.url if path == "page" else path
    for _attempt in range(2):
        response, _body = request(varnish, path, method=method, headers=headers)
        assert response.getheader("X-Cache") == "miss"


def test_other_cookies_share_the_cached_page(varnish, missions):
    request(varnish, missions.url)
    response, _body = request(varnish, missions.url, headers={"Cookie": "_pk_id=1"})
    assert response.getheader("X-Cache") == "hit"


def test_a_response_setting_a_cookie_is_never_cached(varnish, missions):
    from wagtail.models import PageViewRestriction

    # A password-protected page: its form sets a CSRF cookie for each visitor.
    PageViewRestriction.objects.create(
        page=missions, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _attempt in range(2):
        response, _body = request(varnish, missions.url)
        assert response.getheader("Set-Cookie") and response.getheader("X-Cache") == "miss"


def test_only_the_app_server_may_purge(varnish, missions):
    request(varnish, missions.url)
    # From another address (127.0.0.2 stands for another machine: the ACL names the app
    # server's addresses only), refused, and the page stays cached.
    for headers in ({}, {"X-Purge-Scope": "site"}):
        refused, _body = request(varnish, missions.url, "PURGE", "127.0.0.2", headers)
        assert refused.status == 405
    assert request(varnish, missions.url)[0].getheader("X-Cache") == "hit"
    allowed, _body = request(varnish, missions.url, "PURGE")
    assert allowed.status == 200
    assert request(varnish, missions.url)[0].getheader("X-Cache") == "miss"


def test_forwarded_host_from_a_client_cannot_poison_the_proxy(varnish, missions):
    _response, body = request(varnish, missions.url, headers={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in body
    assert "evil.example" not in request(varnish, missions.url)[1]


def test_a_proxy_that_is_down_never_fails_a_publication(settings, missions):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "core.frontend_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
