"""The chrome every page repeats (menu, footer) comes from the cache until the next publication,
and the next request after one shows the change."""

import time
from unittest.mock import patch

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import GENERATION_KEY, current_generation, until_next_publication
from home.models import ContentPage

from .builders import content, english_home, footer_settings, publish
from .test_navigation import footer, nav

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chrome_cache(settings, empty_cache):
    settings.CHROME_CACHE_SECONDS = 600


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


def test_the_site_is_looked_up_once_per_publication(client, home_page, missions):
    client.get(missions.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(missions.url).status_code == 200
    assert not any("wagtailcore_site" in query["sql"] for query in queries)


def test_a_changed_site_routes_the_next_request(client, home_page, missions):
    other_home = content(home_page, title="Autre site", slug="autre-site")
    assert client.get(missions.url).status_code == 200
    site = home_page.get_site()
    site.root_page = other_home
    site.save()
    # The old root's pages are no longer under the site's root: Wagtail answers 404.
    assert client.get(missions.url).status_code == 404


def test_values_stay_in_the_process_until_the_next_publication(rf, home_page):
    request = rf.get("/")
    calls = []
    compute = lambda: calls.append(1) or ["menu"]  # noqa: E731
    assert until_next_publication(request, "test:value", compute) == ["menu"]
    cache.clear()  # the shared copy is gone, and with it the generation
    # Same request, same generation: this process still has the value.
    assert until_next_publication(request, "test:value", compute) == ["menu"]
    assert len(calls) == 1
    # A new request sees the new generation (the cache was emptied, as after a publication).
    assert until_next_publication(rf.get("/"), "test:value", compute) == ["menu"]
    assert len(calls) == 2


def test_the_process_copy_expires_with_its_timeout(rf, home_page, monkeypatch):
    request = rf.get("/")
    calls = []
    compute = lambda: calls.append(1) or "valeur"  # noqa: E731
    until_next_publication(request, "test:short", compute, timeout=5)
    cache.delete(f"published:{current_generation(request)}:test:short")
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now + 6)
    until_next_publication(request, "test:short", compute, timeout=5)
    assert len(calls) == 2


def test_the_plan_du_site_is_rebuilt_after_a_publication_only(client, home_page, missions):
    site_map = [{"type": "site_map", "value": None}]
    plan = content(home_page, title="Plan du site", slug="plan-du-site", body=site_map)
    client.get(plan.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(plan.url)
    assert not any('path" LIKE' in query["sql"] for query in queries)
    content(home_page, title="Actualités", slug="actualites")
    html = client.get(plan.url).content.decode()
    assert 'href="/fr/actualites/"' in html[html.index('class="site-map"') :]


def test_a_page_costs_no_query_once_its_route_and_the_chrome_are_cached(
    client, home_page, missions
):
    # The site, the menu and the footer come from the cache, and so does the route with the
    # breadcrumb trail and the language switcher's translations (core/routing.py).
    english_home(home_page)
    client.get(missions.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(missions.url).content.decode()
    assert 'hreflang="en"' in html and 'class="breadcrumbs"' in html
    assert len(queries) == 0, [query["sql"][:80] for query in queries]


def test_a_pages_content_is_rendered_once_until_the_next_publication(client, home_page, missions):
    page = content(home_page, title="Accessibilité", slug="accessibilite", intro="Version 1")
    assert "Version 1" in client.get(page.url).content.decode()
    # Changed without a publication (no signal): the kept content is served.
    ContentPage.objects.filter(pk=page.pk).update(intro="Version 2")
    assert "Version 1" in client.get(page.url).content.decode()
    # Any publication, of any page, renders it again.
    missions.save_revision().publish()
    assert "Version 2" in client.get(page.url).content.decode()


class TestFragmentsKeptInMemory:
    """Production's template fragments (core.cache.FragmentCache): the default cache, with the
    process's memory in front."""

    @pytest.fixture(autouse=True)
    def fragments(self, settings):
        settings.CACHES = {
            **settings.CACHES,
            "template_fragments": {"BACKEND": "core.cache.FragmentCache"},
        }

    def test_a_fragment_read_once_is_then_read_from_memory(self, client, home_page, missions):
        footer_settings(contact_name="Service ESS")
        client.get(missions.url)
        reads = []
        get = cache.get

        def counted_get(key, *args, **kwargs):
            reads.append(key)
            return get(key, *args, **kwargs)

        with patch.object(cache, "get", counted_get):
            assert "Service ESS" in footer(client.get(missions.url).content.decode())
        assert not any("template.cache" in key for key in reads), reads

    def test_a_fragment_another_process_stored_is_read_from_the_cache(self):
        fragments = caches["template_fragments"]
        cache.set(fragments.make_key("pied"), "<footer>Service ESS</footer>", 600)
        assert fragments.get("pied") == "<footer>Service ESS</footer>"
        assert fragments.get("absent", "rien") == "rien"

    def test_changed_footer_settings_show_on_the_next_request(self, client, home_page, missions):
        footer_settings(contact_name="Service ESS")
        client.get(missions.url)
        footer_settings(contact_name="Mission ESS")
        assert "Mission ESS" in footer(client.get(missions.url).content.decode())

    def test_a_renamed_page_shows_on_the_next_request(self, client, home_page, missions):
        client.get(missions.url)
        missions.title = "Nos actions"
        missions.save_revision().publish()
        assert "<h1>Nos actions</h1>" in client.get(missions.url).content.decode()


def test_the_search_page_finds_the_home_page_once_per_publication(client, home_page, missions):
    client.get("/fr/recherche/?q=missions")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/recherche/?q=missions").status_code == 200
    assert not any('AS "rank"' in query["sql"] for query in queries)
    english_home(home_page)
    html = client.get("/en/search/?q=missions").content.decode()
    assert 'href="/en/"' in html
