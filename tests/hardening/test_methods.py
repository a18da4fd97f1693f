"""Every public URL answers GET, HEAD and OPTIONS, and 405 to any other method; URLs that take
forms (settings.FORM_URL_PATTERNS) are left to their views."""

import pytest
from django.test import Client, override_settings

from bench.fuzz import discover_urls
from core.middleware import takes_forms
from directory.models import ActorPage, DirectoryIndexPage
from factsheet.models import FactsheetPage
from tests.factsheet.demo_body import body_with_indicators
from tests.home.builders import content, make_private, publish

pytestmark = pytest.mark.django_db

OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND", "BREW"]
CRAWLER_URLS = ["/robots.txt", "/sitemap.xml", "/fr/recherche/?q=emploi", "/fr/plan-du-site/"]


@pytest.fixture
def public_urls(home_page):
    factsheet = FactsheetPage(
        title="Chiffres", slug="chiffres", territory="CAHC", body=body_with_indicators()
    )
    publish(home_page, factsheet)
    directory = publish(home_page, DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    publish(directory, ActorPage(title="Acteur", slug="acteur"))
    content(home_page, title="Plan du site", slug="plan-du-site")
    urls = [*discover_urls(), *CRAWLER_URLS]
    # The site's kinds of URL are all there: pages, a routable page's routes, a chart's CSV.
    assert {"/fr/annuaire/acteur/", "/fr/annuaire/resultats-csv/"} <= set(urls)
    assert any("/graphiques/" in url for url in urls)
    assert "/fr/chiffres/indicateurs/emplois/csv/" in urls
    return urls


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def test_every_public_url_answers_get_and_head(visitor, public_urls):
    # Followed: the indicators' shortened address leads to the factsheet.
    for url in public_urls:
        assert visitor.get(url, follow=True).status_code == 200, url
        assert visitor.head(url, follow=True).status_code == 200, url


def test_every_public_url_answers_options_with_the_methods_it_allows(visitor, public_urls):
    for url in public_urls:
        response = visitor.options(url)
        assert response.status_code == 200, url
        assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("method", OTHER_METHODS)
def test_every_public_url_refuses_other_methods(visitor, public_urls, method):
    for url in public_urls:
        response = visitor.generic(method, url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_refused_method_never_reaches_the_page_cache_nor_the_database(
    visitor, home_page, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert visitor.generic("TRACE", "/fr/").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/admin/login/",
        "/fr/_util/login/",
        "/en/_util/authenticate_with_password/1/2/",
        "/documents/authenticate_with_password/1/",
    ],
)
def test_the_admin_and_wagtails_password_forms_take_forms(path):
    assert takes_forms(path)


def test_the_password_form_of_a_private_page_still_accepts_its_post(visitor, home_page):
    page = content(home_page, title="Réservé", slug="reserve")
    make_private(page)
    form = visitor.get("/fr/reserve/").content.decode()
    action = form.split('action="', 1)[1].split('"', 1)[0]
    assert action.startswith("/fr/_util/authenticate_with_password/")
    response = visitor.post(action, {"password": "secret", "return_url": "/fr/reserve/"})
    assert response.status_code == 302
    assert "<h1>Réservé</h1>" in visitor.get("/fr/reserve/").content.decode()


def test_an_app_taking_forms_is_exempted_by_one_setting(visitor, home_page):
    pattern = r"^/(fr|en)/inscription/"
    assert not takes_forms("/fr/inscription/")
    with override_settings(FORM_URL_PATTERNS=[pattern]):
        assert takes_forms("/fr/inscription/") and takes_forms("/en/inscription/nouveau/")
        # Left to the view: here no page, so a 404 rather than the middleware's 405.
        assert visitor.post("/fr/inscription/").status_code != 405


def test_the_contribution_forms_take_their_post(visitor):
    assert takes_forms("/fr/contribuer/proposer/") and takes_forms("/en/contribute/thanks/")
