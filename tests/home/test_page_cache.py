"""The anonymous page cache: fast repeat visits, never a stale, draft or editor's page."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

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
