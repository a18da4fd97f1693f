"""Pages found from their URL in two queries (core.routing) answer what Wagtail's routing does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from core import routing
from directory.models import ActorPage, DirectoryIndexPage
from home.models import ContentPage, SiteSettings
from tests.home.builders import content, draft, english_home, make_private, publish


def test_pages_are_found_at_any_depth_in_two_queries_after_the_site(client, home_page):
    section = content(home_page, title="Rubrique", slug="rubrique")
    deep = content(content(section, title="Sous-rubrique", slug="sous"), title="Fond", slug="fond")
    client.get(deep.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/fr/rubrique/sous/fond/").content.decode()
    assert "<h1>Fond</h1>" in html
    # After the site: the candidate pages of every level, then the page found, specific.
    routing = [query["sql"] for query in queries[1:3]]
    assert "\"slug\" = 'fond'" in routing[0] and 'home_contentpage"' in routing[1]


@pytest.mark.parametrize("path", ["/fr/inconnue/", "/fr/rubrique/inconnue/", "/fr/brouillon/"])
def test_unknown_and_draft_pages_are_not_found(client, home_page, path):
    content(home_page, title="Rubrique", slug="rubrique")
    draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    assert client.get(path).status_code == 404


def test_a_page_under_a_draft_section_is_served_as_wagtail_does(client, home_page):
    section = draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    publish(section, ContentPage(title="Publiée", slug="publiee"))
    assert client.get("/fr/brouillon/publiee/").status_code == 200


def test_each_language_routes_under_its_own_home_page(client, home_page):
    content(home_page, title="Mentions légales", slug="mentions-legales")
    english_home(home_page)
    assert client.get("/fr/mentions-legales/").status_code == 200
    # The French page is not under the English home page.
    assert client.get("/en/mentions-legales/").status_code == 404


def test_a_routable_page_answers_its_routes_before_its_children(client, home_page):
    directory = publish(home_page, DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    publish(directory, ActorPage(title="Acteur", slug="acteur"))
    publish(directory, ActorPage(title="Homonyme", slug="resultats-json"))
    assert client.get("/fr/annuaire/acteur/").status_code == 200
    response = client.get("/fr/annuaire/resultats-json/")
    assert response["Content-Type"].startswith("application/json")


def test_pages_in_a_private_section_ask_for_the_password(client, home_page):
    section = content(home_page, title="Réservé", slug="reserve")
    content(section, title="Dedans", slug="dedans")
    make_private(section)
    html = client.get("/fr/reserve/dedans/").content.decode()
    assert 'name="password"' in html and "<h1>Dedans</h1>" not in html


def test_public_pages_are_checked_for_restrictions_as_they_are_loaded(client, home_page):
    page = content(home_page, title="Publique", slug="publique")
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert "<h1>Publique</h1>" in client.get(page.url).content.decode()
    # No query of the restrictions themselves: the page was loaded knowing it has none.
    assert not any(
        query["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"') for query in queries
    )


@pytest.mark.django_db
def test_wagtail_takes_the_route_found_on_the_request(rf, django_assert_num_queries):
    # home.views.serve hands core.routing's route to Wagtail through this private attribute:
    # if Wagtail stopped reading it, every page would be routed twice.
    request = rf.get("/fr/")
    found = object()
    request._wagtail_route_for_request = found
    with django_assert_num_queries(0):
        assert Page.route_for_request(request, "/fr/") is found


@pytest.mark.parametrize("segments", [routing.MAX_PAGE_PATH_SEGMENTS + 1, 990, 5000])
def test_a_path_deeper_than_any_page_is_not_found_without_reading_the_tree(
    client, home_page, segments
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/" + "a/" * segments)
    # Not a 503 "database unreachable": a 404, the path's segments never sent to the database
    # (the 404 page still reads the home page for its header).
    assert response.status_code == 404
    assert not [query for query in queries if "'a'" in query["sql"]]


def test_a_path_at_the_limit_is_still_routed(client, home_page):
    section = content(home_page, title="Rubrique", slug="rubrique")
    content(section, title="Fond", slug="fond")
    filler = "a/" * (routing.MAX_PAGE_PATH_SEGMENTS - 2)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/rubrique/fond/").status_code == 200
        assert client.get("/fr/rubrique/" + filler + "fond/").status_code == 404
    assert any("'a'" in query["sql"] for query in queries)


def _wagtails_own_route(rf, language, path):
    """What Wagtail's routing answers for the path, with nothing handed to it."""
    with translation.override(language):
        return Page.route_for_request(rf.get(f"/{language}/{path}"), path)


def _our_route(rf, language, path):
    with translation.override(language):
        return routing.route(rf.get(f"/{language}/{path}"), path)


def _summary(result):
    """A route as (page id, page class, arguments): comparable across the two routers."""
    if result is None:
        return None
    page, args, kwargs = result
    return page.pk, type(page).__name__, repr(args), kwargs


def test_every_path_routes_as_wagtails_own_routing_does(rf, home_page):
    """core.routing replaces Wagtail's routing: should a new Wagtail route differently (a new
    rule for drafts, aliases, languages or routable pages), this comparison fails."""
    section = content(home_page, title="Rubrique", slug="rubrique")
    content(content(section, title="Sous", slug="sous"), title="Fond", slug="fond")
    hidden = draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    publish(hidden, ContentPage(title="Publiée", slug="publiee"))
    private = content(home_page, title="Réservé", slug="reserve")
    make_private(private)
    directory = publish(home_page, DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    publish(directory, ActorPage(title="Acteur", slug="acteur"))
    english_home(home_page)
    paths = [
        "",
        "rubrique/",
        "rubrique/sous/fond/",
        "rubrique/inconnue/",
        "brouillon/",
        "brouillon/publiee/",
        "reserve/",
        "annuaire/",
        "annuaire/acteur/",
        "annuaire/resultats-json/",
        "annuaire/acteur/inconnue/",
        "inconnue/",
    ]
    compared = 0
    for language in ("fr", "en"):
        for path in paths:
            ours = _our_route(rf, language, path)
            assert _summary(ours) == _summary(_wagtails_own_route(rf, language, path)), (
                language,
                path,
            )
            compared += ours is not None
    assert compared >= 9  # the French pages and routes: not only 404s are compared


class TestRoutesKeptUntilTheNextPublication:
    """With the chrome cache on (production), where a path leads is found once per
    publication; every change to the tree shows on the next request."""

    @pytest.fixture(autouse=True)
    def kept(self, settings, empty_cache, home_page):
        settings.CHROME_CACHE_SECONDS = 600
        # The first visit would otherwise create the site settings, which empties the cache.
        SiteSettings.for_site(home_page.get_site())

    def test_a_second_request_reads_no_page_to_route(self, client, home_page):
        content(content(home_page, title="Rubrique", slug="rubrique"), title="Fond", slug="fond")
        client.get("/fr/rubrique/fond/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/fr/rubrique/fond/").content.decode()
        assert "<h1>Fond</h1>" in html
        assert not any("\"slug\" = 'fond'" in query["sql"] for query in queries)
        assert not any('home_contentpage"' in query["sql"] for query in queries)

    def test_a_published_change_shows_on_the_next_request(self, client, home_page):
        page = content(home_page, title="Avant", slug="page")
        assert "<h1>Avant</h1>" in client.get("/fr/page/").content.decode()
        page.title = "Après"
        page.save_revision().publish()
        assert "<h1>Après</h1>" in client.get("/fr/page/").content.decode()
        page.unpublish()
        assert client.get("/fr/page/").status_code == 404

    def test_a_page_published_after_a_miss_is_found(self, client, home_page):
        assert client.get("/fr/nouvelle/").status_code == 404
        content(home_page, title="Nouvelle", slug="nouvelle")
        assert client.get("/fr/nouvelle/").status_code == 200

    def test_a_section_made_private_asks_for_the_password(self, client, home_page):
        section = content(home_page, title="Réservé", slug="reserve")
        content(section, title="Dedans", slug="dedans")
        assert client.get("/fr/reserve/dedans/").status_code == 200
        make_private(section)
        html = client.get("/fr/reserve/dedans/").content.decode()
        assert 'name="password"' in html and "<h1>Dedans</h1>" not in html

    def test_a_path_that_leads_nowhere_is_not_kept(self, client, home_page):
        client.get("/fr/inconnue/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/inconnue/").status_code == 404
        assert any("\"slug\" = 'inconnue'" in query["sql"] for query in queries)
