"""One stylesheet for the whole public site, print rules included, within 30 KB: every public
page of the demo, French and English, links exactly one stylesheet, the site's."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"
STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>")


@pytest.fixture
def demo_urls(db, empty_cache):
    call_command("load_demo", stdout=StringIO())
    cache.clear()
    pages = Page.objects.filter(depth__gt=1).live().public().order_by("path")
    # Pages routed outside the page tree: the site search and an indicator of the factsheet.
    return [page.get_url() for page in pages] + [
        "/fr/recherche/?q=insertion",
        "/en/search/?q=insertion",
        "/fr/chiffres-cles/indicateurs/emplois/",
        "/en/key-figures/indicators/emplois/",
    ]


def test_every_public_page_links_the_one_site_stylesheet(client, demo_urls):
    assert len(demo_urls) > 20
    for url in demo_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        links = STYLESHEET.findall(response.content.decode())
        assert len(links) == 1, (url, links)
        assert re.search(r'href="/static/css/site(\.[0-9a-f]+)?\.css"', links[0]), links[0]
        assert "<style" not in response.content.decode(), url


def test_the_stylesheet_is_the_only_one_and_weighs_at_most_30_kb():
    assert [path.name for path in CSS_DIR.glob("*.css")] == ["site.css"]
    assert (CSS_DIR / "site.css").stat().st_size <= 30 * 1024
    # Paper is served by the same file.
    assert "@media print" in (CSS_DIR / "site.css").read_text()
