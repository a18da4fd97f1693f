"""The chrome every page repeats (menu, footer) comes from the cache until the next publication,
and the next request after one shows the change."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.cache import GENERATION_KEY
from home.models import ContentPage, SiteSettings

from .builders import content, english_home, footer_settings, publish
from .test_navigation import footer, nav

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chrome_cache(settings):
    settings.CHROME_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def missions(home_page):
    # The first visit would otherwise create the site settings, which empties the cache.
    SiteSettings.for_site(home_page.get_site())
    return content(home_page, title="Nos missions", slug="missions", show_in_menus=True)


def test_other_pages_take_the_menu_and_footer_from_the_cache(client, home_page, missions):
    footer_settings(contact_name="Service ESS", legal_notice_page=missions)
    other = content(home_page, title="Contact", slug="contact")
    client.get(missions.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(other.url).content.decode()
    assert "Nos missions" in nav(html)
    assert "Service ESS" in footer(html) and "Nos missions" in footer(html)
    conditions = [query["sql"].partition("WHERE")[2] for query in queries]
    assert not any("show_in_menus" in condition for condition in conditions)
    assert not any("sitesettings" in query["sql"] for query in queries)


def test_a_page_published_in_the_menu_shows_on_the_next_request(client, home_page, missions):
    client.get(missions.url)
    news = content(home_page, title="Actualités", slug="actualites", show_in_menus=True)
    assert "Actualités" in nav(client.get(missions.url).content.decode())
    news.unpublish()
    assert "Actualités" not in nav(client.get(missions.url).content.decode())


def test_a_renamed_menu_page_shows_on_the_next_request(client, home_page, missions):
    client.get(home_page.url)
    missions.title = "Nos actions"
    missions.save_revision().publish()
    assert "Nos actions" in nav(client.get(home_page.url).content.decode())


def test_a_draft_never_reaches_the_cached_menu(client, home_page, missions):
    client.get(home_page.url)
    missions.title = "Titre en brouillon"
    missions.save_revision()
    assert "Titre en brouillon" not in client.get(home_page.url).content.decode()


def test_changed_footer_settings_show_on_the_next_request(client, home_page, missions):
    footer_settings(contact_name="Service ESS")
    client.get(missions.url)
    footer_settings(contact_name="Mission ESS")
    assert "Mission ESS" in footer(client.get(missions.url).content.decode())


def test_each_language_keeps_its_own_chrome(client, home_page, missions):
    footer_settings(legal_notice_page=missions)
    english = english_home(home_page)
    publish(english, ContentPage(title="About", slug="about", show_in_menus=True))
    assert 'aria-label="Informations sur le site"' in client.get(missions.url).content.decode()
    html = client.get("/en/about/").content.decode()
    assert "About" in nav(html) and "Nos missions" not in nav(html)
    assert 'aria-label="About this site"' in footer(html)


def test_a_request_reads_the_generation_once(client, home_page, missions, monkeypatch):
    client.get(missions.url)
    reads = []
    get = cache.get

    def counted_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted_get)
    client.get(missions.url)
    # The menu's pages and the footer share it: each read is a round trip to Redis.
    assert reads.count(GENERATION_KEY) == 1
