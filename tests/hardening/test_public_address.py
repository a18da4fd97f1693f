"""One source for the site's public address (SITE_BASE_URL): every absolute URL the site gives
out (canonical, og:url, hreflang, JSON-LD, sitemap, robots.txt, CSV and JSON exports, admin
e-mails) is built on it, whatever Host the request came with and whatever Wagtail's Site says;
a deployment check refuses a missing, plain-HTTP or loopback address (issue #21, finding 6)."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from core.checks import check_public_address
from core.public_address import absolute_url
from directory.models import ActorPage
from home.models import ContentPage

from ..directory import conftest as directory_fixtures
from ..home.builders import english_home, publish

pytestmark = pytest.mark.django_db

directory = directory_fixtures.directory
make_actor = directory_fixtures.make_actor

PROJECT = Path(__file__).resolve().parents[2]
PUBLIC = "https://ess.example.org"
LOOPBACK = re.compile(r"localhost|127\.0\.0\.1|testserver|\[::1\]")


@pytest.fixture
def production_address(settings):
    """The address of a deployment, while Wagtail's Site still says localhost (conftest) and
    the request arrives with an internal Host (a proxy, a health check, a crawler)."""
    settings.SITE_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    return PUBLIC


def absolute_urls(html):
    head = html.split("</head>")[0]
    urls = re.findall(r'(?:href|content)="(https?://[^"]*)"', head)
    urls += re.findall(r'"mainEntityOfPage": "([^"]*)"', html)
    return urls


def test_pages_head_and_json_ld_use_the_public_address(
    client, home_page, make_actor, production_address
):
    english_home(home_page)
    actor = make_actor("Les Jardins de Cocagne")
    for url in ("/fr/", "/en/", actor.url):
        html = client.get(url, HTTP_HOST="localhost").content.decode()
        urls = absolute_urls(html)
        assert f'<link rel="canonical" href="{PUBLIC}{url}">' in html
        assert f'<meta property="og:url" content="{PUBLIC}{url}">' in html
        assert [u for u in urls if LOOPBACK.search(u)] == [], url
    html = client.get(actor.url, HTTP_HOST="localhost").content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["mainEntityOfPage"] == f"{PUBLIC}{actor.url}"


def test_hreflang_alternates_use_the_public_address(client, home_page, production_address):
    english_home(home_page)
    html = client.get("/fr/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f'<link rel="alternate" hreflang="fr" href="{PUBLIC}/fr/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{PUBLIC}/en/">' in html


def test_views_that_are_not_pages_have_a_public_canonical(rf, production_address):
    from home.templatetags.navigation_tags import canonical_url

    request = rf.get("/fr/recherche/?q=emploi", HTTP_HOST="localhost")
    assert canonical_url({"request": request}) == f"{PUBLIC}/fr/recherche/"


def test_sitemap_and_robots_use_the_public_address(client, home_page, production_address):
    english = english_home(home_page)
    publish(english, ContentPage(title="About", slug="about"))
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    locations = re.findall(r"<loc>([^<]*)</loc>", xml)
    assert f"{PUBLIC}/fr/" in locations and f"{PUBLIC}/en/about/" in locations
    assert all(loc.startswith(PUBLIC + "/") for loc in locations)
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_exports_link_each_actor_at_the_public_address(
    client, make_actor, directory, production_address
):
    actor = make_actor("Les Jardins de Cocagne")
    for route in ("annuaire-complet-csv/", "resultats-csv/"):
        body = client.get(directory.url + route, HTTP_HOST="localhost").content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [row["url"] for row in rows] == [f"{PUBLIC}{actor.url}"]
    payload = client.get(directory.url + "resultats-json/", HTTP_HOST="localhost").json()
    assert not LOOPBACK.search(json.dumps(payload))


def test_page_full_url_ignores_the_site_record(home_page, production_address):
    page = publish(home_page, ContentPage(title="Infos", slug="infos"))
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    assert page.get_full_url() == f"{PUBLIC}/fr/infos/"
    assert ActorPage.get_full_url is not None  # every page type inherits BasePage's rule
    assert absolute_url("/fr/") == f"{PUBLIC}/fr/"


def test_password_reset_mail_links_to_the_public_address(client, home_page, settings):
    from django.contrib.auth.models import User

    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    User.objects.create_user("marie", "marie@example.org", "un mot de passe long")
    client.post("/admin/password_reset/", {"email": "marie@example.org"}, HTTP_HOST="localhost")
    assert len(mail.outbox) == 1
    assert f"{PUBLIC}/admin/password_reset/confirm/" in mail.outbox[0].body
    assert not LOOPBACK.search(mail.outbox[0].body)


# --- Wagtail's Site agrees with the address -------------------------------------------------


@pytest.mark.parametrize(
    ("address", "hostname", "port"),
    [
        ("https://ess.example.org", "ess.example.org", 443),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
        ("http://ess.example.org", "ess.example.org", 80),
        ("https://ess.example.org:8443/", "ess.example.org", 8443),
    ],
)
def test_ensure_site_sets_the_default_site_to_the_address(
    home_page, settings, address, hostname, port
):
    settings.SITE_BASE_URL = address
    call_command("ensure_site", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    assert site.root_page_id == home_page.pk


# --- The deployment check -------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "",
        "http://ess.example.org",
        "https://localhost",
        "https://127.0.0.1:8000",
        "https://[::1]",
        "https://ess.example.org/fr/",
        "ess.example.org",
    ],
)
def test_deploy_check_refuses_a_missing_insecure_or_loopback_address(settings, address):
    settings.SITE_BASE_URL = address
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    errors = check_public_address(None)
    assert [error.id for error in errors] == ["core.E001"], address


def test_deploy_check_accepts_a_public_https_address(settings):
    settings.SITE_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    assert check_public_address(None) == []


def test_deploy_check_also_reads_the_admin_address(settings):
    settings.SITE_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = "http://localhost:8000"
    assert [error.id for error in check_public_address(None)] == ["core.E002"]


@override_settings(SITE_BASE_URL="")
def test_without_an_address_pages_fall_back_on_the_site_record(home_page):
    page = publish(home_page, ContentPage(title="Infos", slug="infos"))
    assert page.get_full_url() == "http://localhost/fr/infos/"


def run_deploy_check(**env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
        "SECRET_KEY": "k7Qz-3vX_pL9wR2mN8bT4yH6jF1cD5sA0eG-uI7oK2lZ9xV3nB8mQ4wE6rT1yU0p",
        "ALLOWED_HOSTS": "ess.example.org",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_check_fails_without_the_address_and_passes_with_it():
    missing = run_deploy_check()
    assert missing.returncode != 0
    assert "core.E001" in missing.stderr
    assert "SITE_BASE_URL" in missing.stderr
    present = run_deploy_check(SITE_BASE_URL=PUBLIC)
    assert present.returncode == 0, present.stderr
