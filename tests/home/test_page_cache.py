"""The anonymous page cache: fast repeat visits, never a stale, draft or editor's page."""

import os
import time
import uuid
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from core import cache as core_cache
from core.cache import GENERATION_KEY
from directory.models import ActorPage, DirectoryIndexPage, Sector
from home.models import ContentPage, SiteSettings
from tests.accounts import create_editor
from tests.editors.page_forms import home_form


@pytest.fixture(autouse=True)
def page_cache(settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 300


def visit(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def test_a_repeat_visit_is_served_from_the_cache_without_any_query(
    client, missions, django_assert_num_queries
):
    first = visit(client, missions.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = visit(client, missions.url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "Nos missions" in again.content.decode()


def test_cacheable_pages_say_public_with_a_short_lifetime_and_an_etag(client, missions):
    response = visit(client, missions.url)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}
    assert response["ETag"]
    # Same ETag from the cache, so a browser revalidating gets a 304 without the page.
    assert visit(client, missions.url)["ETag"] == response["ETag"]
    assert client.get(missions.url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_query_strings_are_pages_of_their_own(client, home_page):
    assert "jardin" in visit(client, "/fr/recherche/?q=jardin").content.decode()
    other = visit(client, "/fr/recherche/?q=mutuelle")
    assert other["X-Page-Cache"] == "miss"
    assert "mutuelle" in other.content.decode()


def test_publishing_a_change_shows_on_the_next_visit(client, missions):
    visit(client, missions.url)
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
    response = visit(client, missions.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nos missions en 2026" in response.content.decode()


def test_a_saved_draft_never_reaches_visitors(client, missions):
    visit(client, missions.url)
    missions.title = "Brouillon secret"
    missions.save_revision()
    assert "Brouillon secret" not in visit(client, missions.url).content.decode()


def test_an_unpublished_page_disappears_at_once(client, home_page, missions):
    assert "Nos missions" in visit(client, home_page.url).content.decode()
    visit(client, missions.url)
    missions.unpublish()
    assert client.get(missions.url).status_code == 404
    assert "/fr/missions/" not in visit(client, home_page.url).content.decode()


def test_a_moved_page_leaves_its_old_address(client, home_page, missions):
    other = home_page.add_child(instance=ContentPage(title="À propos", slug="a-propos"))
    other.save_revision().publish()
    old_url = missions.url
    visit(client, old_url)
    missions.move(other, pos="last-child")
    # Wagtail leaves a redirect behind, which replaces the cached page.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/fr/a-propos/missions/"


def test_a_page_made_private_is_no_longer_served_to_visitors(client, missions):
    visit(client, missions.url)
    PageViewRestriction.objects.create(page=missions, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(missions.url).status_code == 302


def test_renaming_a_sector_shows_on_the_actors_profile(client, home_page):
    SiteSettings.for_site(home_page.get_site())
    sector = Sector.objects.create(name="Maraîchage", locale=Locale.get_default())
    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    directory.save_revision().publish()
    actor = directory.add_child(instance=ActorPage(title="Jardins du Bassin"))
    actor.sectors.set([sector])
    actor.save_revision().publish()
    assert "Maraîchage" in visit(client, actor.url).content.decode()
    sector.name = "Maraîchage biologique"
    sector.save()
    assert "Maraîchage biologique" in visit(client, actor.url).content.decode()


def test_site_settings_changes_show_in_the_footer(client, missions):
    visit(client, missions.url)
    site_settings = SiteSettings.for_site(missions.get_site())
    site_settings.contact_email = "ess@agglo-henincarvin.fr"
    site_settings.save()
    assert "ess@agglo-henincarvin.fr" in visit(client, missions.url).content.decode()


def test_editors_are_neither_served_from_nor_stored_in_the_cache(client, missions):
    visit(client, missions.url)
    client.force_login(create_editor())
    response = visit(client, missions.url)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
    # Their page carries the Wagtail userbar; visitors must never get it.
    client.logout()
    response = visit(client, missions.url)
    assert response["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in response.content.decode()


def test_a_preview_is_never_cached_nor_served_to_visitors(client, home_page):
    editor_client = type(client)()
    editor_client.force_login(create_editor())
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk])
    form = home_form(home_page.title, "Aperçu confidentiel", slug=home_page.slug)
    assert editor_client.post(preview_url, form).json()["is_valid"]
    preview = editor_client.get(preview_url)
    assert "Aperçu confidentiel" in preview.content.decode()
    assert "X-Page-Cache" not in preview
    assert "Aperçu confidentiel" not in visit(client, home_page.url).content.decode()


def test_only_the_bare_root_redirect_varies_with_the_browser_language(client, missions):
    root = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert root.status_code == 302
    assert "Accept-Language" in root["Vary"]
    assert "X-Page-Cache" not in root
    assert "Accept-Language" not in visit(client, missions.url).get("Vary", "")


@pytest.mark.parametrize(
    ("query", "clean"),
    [
        ("?utm_source=journal&utm_medium=article", ""),
        ("?fbclid=IwAR3xyz", ""),
        ("?q=jardin&gclid=abc&family=association", "?q=jardin&family=association"),
        ("?utm%5Fcampaign=mai&q=%C3%A9conomie", "?q=%C3%A9conomie"),
    ],
)
def test_links_shared_with_tracking_parameters_redirect_to_the_cached_page(
    client, missions, query, clean, django_assert_num_queries
):
    # Social networks and newsletters add a parameter of their own to each link, which would
    # make each click a page of its own for the cache: the same page without it is cached.
    with django_assert_num_queries(0):
        response = client.get(missions.url + query)
    assert response.status_code == 301
    assert response["Location"] == missions.url + clean


def test_the_redirect_never_leaves_the_site(client, home_page):
    # A path of its own: the test client would read "//evil.example/" as a host.
    response = client.get("/", {"utm_source": "x"}, PATH_INFO="//evil.example/")
    assert response.status_code == 301
    assert response["Location"] == "/%2Fevil.example/"


def test_other_parameters_and_the_admin_keep_their_urls(client, missions):
    assert client.get(missions.url + "?page=2&source=x").status_code == 200
    admin = client.get("/admin/?utm_source=x")
    assert admin.status_code == 302 and admin["Location"].startswith("/admin/login/")


# A hit is answered by the first middleware, from this process's memory.


def test_a_hit_runs_no_other_middleware_and_keeps_their_headers(client, missions):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.middleware.locale import LocaleMiddleware
    from django.middleware.security import SecurityMiddleware

    from core.middleware import ContentSecurityPolicyMiddleware

    first = visit(client, missions.url)
    refuse = mock.Mock(side_effect=AssertionError("ran on a cache hit"))
    with (
        mock.patch.object(SecurityMiddleware, "process_request", refuse),
        mock.patch.object(SessionMiddleware, "process_request", refuse),
        mock.patch.object(LocaleMiddleware, "process_request", refuse),
        mock.patch.object(ContentSecurityPolicyMiddleware, "process_request", refuse),
        mock.patch("django.template.loader.get_template", refuse),
    ):
        again = visit(client, missions.url)
    assert again["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
        "Content-Language",
        "ETag",
        "Cache-Control",
    ):
        assert again[header] == first[header], header


def test_a_hit_from_memory_reads_only_the_generation(client, missions):
    visit(client, missions.url)
    with mock.patch("core.cache.cache.get", wraps=cache.get) as get:
        assert visit(client, missions.url)["X-Page-Cache"] == "hit"
    assert [call.args[0] for call in get.call_args_list] == [GENERATION_KEY]


def test_a_publication_elsewhere_retires_the_pages_in_memory(client, missions):
    visit(client, missions.url)
    visit(client, missions.url)
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
    assert "Nos missions en 2026" in visit(client, missions.url).content.decode()
    # Another app server's publication reaches this process through the shared generation.
    assert visit(client, missions.url)["X-Page-Cache"] == "hit"
    cache.set(GENERATION_KEY, "published-by-another-server", timeout=None)
    assert visit(client, missions.url)["X-Page-Cache"] == "miss"


def test_the_memory_layer_stays_within_its_size(settings, client, home_page, missions):
    settings.PAGE_CACHE_MEMORY_BYTES = len(visit(client, missions.url).content) + 100
    visit(client, home_page.url)
    assert core_cache._pages["bytes"] <= settings.PAGE_CACHE_MEMORY_BYTES
    assert len(core_cache._pages["entries"]) == 1
    # Evicted from memory, still in the shared cache.
    assert visit(client, missions.url)["X-Page-Cache"] == "hit"


def test_a_head_request_is_answered_but_not_stored(client, missions):
    assert client.head(missions.url).status_code == 200
    assert visit(client, missions.url)["X-Page-Cache"] == "miss"
    assert client.head(missions.url)["X-Page-Cache"] == "hit"


# Never one visitor's or an editor's response in front of another.


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages", "django_language"])
def test_requests_with_the_sites_cookies_neither_read_nor_fill_the_cache(client, missions, cookie):
    visit(client, missions.url)
    client.cookies[cookie] = "x"
    response = visit(client, missions.url)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
    cache.set(GENERATION_KEY, "new", timeout=None)
    visit(client, missions.url)
    del client.cookies[cookie]
    assert visit(client, missions.url)["X-Page-Cache"] == "miss"


def test_other_cookies_of_the_domain_do_not_bypass_the_cache(client, missions):
    visit(client, missions.url)
    client.cookies["_pk_id"] = "analytics-of-another-site"
    assert visit(client, missions.url)["X-Page-Cache"] == "hit"


def test_a_response_setting_a_cookie_is_never_stored(client, missions):
    # A password-protected page answers its form, with a CSRF cookie for that visitor.
    PageViewRestriction.objects.create(
        page=missions, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first = visit(client, missions.url)
    assert first.cookies and "X-Page-Cache" not in first
    assert "private" in first["Cache-Control"]
    other = type(client)()
    assert "X-Page-Cache" not in visit(other, missions.url)


def test_a_response_varying_on_a_header_is_never_stored(client, missions):
    from django.utils.cache import patch_vary_headers

    from core.cache import _may_store

    request = RequestFactory().get(missions.url)
    response = HttpResponse("page")
    assert _may_store(request, response)
    patch_vary_headers(response, ["Cookie"])
    assert _may_store(request, response)
    patch_vary_headers(response, ["Accept-Language"])
    assert not _may_store(request, response)


def test_a_disallowed_host_is_refused_and_stores_nothing(settings, client, missions):
    settings.ALLOWED_HOSTS = ["localhost"]
    assert client.get(missions.url, HTTP_HOST="evil.example").status_code == 400
    assert not core_cache._pages["entries"]


def test_forwarded_headers_cannot_poison_the_cache(settings, client, missions):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    poisoned = visit(
        client,
        missions.url,
        HTTP_HOST="localhost",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_X_FORWARDED_PORT="8443",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert "evil.example" not in poisoned.content.decode()
    # Plain HTTP and HTTPS (as the proxy says) are pages of their own: links may differ.
    https = visit(client, missions.url, HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    assert https["X-Page-Cache"] == "miss"
    again = visit(client, missions.url, HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    assert again["X-Page-Cache"] == "hit"
    assert "evil.example" not in again.content.decode()


def test_odd_query_strings_are_pages_of_their_own(client, missions):
    visit(client, missions.url + "?a=1")
    assert visit(client, missions.url + "?a=2")["X-Page-Cache"] == "miss"
    assert visit(client, missions.url + "?a=1")["X-Page-Cache"] == "hit"
    assert visit(client, missions.url)["X-Page-Cache"] == "miss"


# Redis down: pages served uncached, never an error.


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.CHROME_CACHE_SECONDS = 600


def test_with_redis_down_pages_are_served_uncached(redis_down, client, missions):
    for _visit in range(3):
        response = visit(client, missions.url)
        assert "Nos missions" in response.content.decode()
        assert response["X-Page-Cache"] == "miss"
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
    assert "Nos missions en 2026" in visit(client, missions.url).content.decode()


def test_a_failing_redis_is_left_alone_for_a_few_seconds(redis_down):
    from django.core.cache import caches

    backend = caches["default"]
    assert backend.get("key", "default") == "default"
    with mock.patch.object(RedisCache, "get", side_effect=AssertionError("retried")):
        assert backend.get("key") is None
        assert backend.add("key", 1) is False
        backend.set("key", 1)
        assert backend.get_many(["key"]) == {}


# With Redis, each process follows the generation's publications instead of reading it.


@pytest.fixture
def redis_cache(settings):
    import redis

    location = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(location, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {location} (set REDIS_URL to run the follower tests)")
    original = settings.CACHES
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": location,
            # Keys and channel of this test alone: the Redis may be shared, so never clear().
            "KEY_PREFIX": prefix,
        }
    }
    settings.CHROME_CACHE_SECONDS = 600
    core_cache._followed.update(started=False, generation=None, token=None)
    yield
    core_cache._followed.update(started=False, generation=None, token=None)
    client = redis.Redis.from_url(location)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    # Back to the local cache before empty_cache's teardown clears it.
    settings.CACHES = original


def wait_for(condition, seconds=2):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the delay"
        time.sleep(0.01)


def test_a_hit_asks_redis_nothing_once_the_generation_is_followed(redis_cache, client, missions):
    visit(client, missions.url)
    wait_for(lambda: core_cache._followed["generation"] is not None)
    visit(client, missions.url)
    with mock.patch.object(RedisCache, "get", side_effect=AssertionError("asked Redis")):
        assert visit(client, missions.url)["X-Page-Cache"] == "hit"


def test_another_servers_publication_is_heard_at_once(redis_cache, client, missions):
    visit(client, missions.url)
    wait_for(lambda: core_cache._followed["generation"] is not None)
    assert visit(client, missions.url)["X-Page-Cache"] == "hit"
    # What another server's publication sends, without this process's own update.
    cache.set(GENERATION_KEY, "from-another-server", timeout=None)
    _publish = core_cache.caches["default"].publish
    _publish(GENERATION_KEY, "from-another-server")
    wait_for(lambda: core_cache._followed["generation"] == "from-another-server", seconds=1)
    assert visit(client, missions.url)["X-Page-Cache"] == "miss"


def test_a_publication_here_is_seen_by_this_process_at_once(redis_cache, client, missions):
    visit(client, missions.url)
    wait_for(lambda: core_cache._followed["generation"] is not None)
    missions.title = "Nos missions en 2026"
    missions.save_revision().publish()
    assert "Nos missions en 2026" in visit(client, missions.url).content.decode()


def test_with_the_page_cache_off_the_generation_is_followed_all_the_same(
    redis_cache, settings, client, missions
):
    """The menu, routes and fragments are still kept until the next publication: an uncached
    page needs the generation too, without a round trip to Redis."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(missions.url)
    wait_for(lambda: core_cache._followed["generation"] is not None)
    client.get(missions.url)
    with mock.patch.object(RedisCache, "get", side_effect=AssertionError("asked Redis")):
        response = client.get(missions.url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
