"""The data files and sub-pages of the demo's routable pages at English addresses under /en/
(/en/key-figures/data/csv/, /en/directory/results-csv/, /en/agenda/calendar/, …); their French
path reached under /en/ redirects permanently, query string kept; the English pages link the
English addresses."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# (the page's French address, its English address, the French sub-path, the English one).
ROUTES = [
    ("/fr/chiffres-cles/", "/en/key-figures/", "donnees/csv/", "data/csv/"),
    ("/fr/chiffres-cles/", "/en/key-figures/", "donnees/json/", "data/json/"),
    ("/fr/chiffres-cles/", "/en/key-figures/", "donnees/catalogue/csv/", "data/catalogue/csv/"),
    ("/fr/chiffres-cles/", "/en/key-figures/", "donnees/catalogue/json/", "data/catalogue/json/"),
    ("/fr/annuaire/", "/en/directory/", "resultats-csv/", "results-csv/"),
    ("/fr/annuaire/", "/en/directory/", "resultats-json/", "results-json/"),
    ("/fr/annuaire/", "/en/directory/", "annuaire-complet-csv/", "full-directory-csv/"),
    ("/fr/agenda/", "/en/agenda/", "calendrier/", "calendar/"),
    ("/fr/agenda/", "/en/agenda/", "appels/flux/", "calls/feed/"),
]


@pytest.fixture
def demo(db, empty_cache):
    call_command("load_demo", stdout=StringIO())


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_english_addresses_answer_and_french_ones_redirect_under_en(client, demo):
    factsheet = page(client, "/fr/chiffres-cles/")
    chart = re.search(r'href="/fr/chiffres-cles/graphiques/([^"/]+)/csv/"', factsheet).group(1)
    routes = [
        *ROUTES,
        (
            "/fr/chiffres-cles/",
            "/en/key-figures/",
            f"graphiques/{chart}/csv/",
            f"charts/{chart}/csv/",
        ),
    ]
    for french_page, english_page, french, english in routes:
        assert client.get(french_page + french).status_code == 200, french
        assert client.get(english_page + english).status_code == 200, english
        response = client.get(english_page + french, {"family": "association"})
        assert response.status_code == 301, french
        assert response["Location"] == f"{english_page}{english}?family=association"
        assert client.get(french_page + english).status_code == 404, english


def test_the_factsheet_edition_keeps_its_year_in_english(client, demo):
    response = client.get("/en/key-figures/2022/donnees/csv/")
    assert response.status_code == 301
    assert response["Location"] == "/en/key-figures/2022/data/csv/"


def test_english_pages_link_the_english_addresses(client, demo):
    factsheet = page(client, "/en/key-figures/")
    assert 'href="/en/key-figures/data/csv/"' in factsheet
    assert 'href="/en/key-figures/data/catalogue/csv/"' in factsheet
    assert re.search(r'href="/en/key-figures/charts/[^"/]+/csv/"', factsheet)
    assert "/donnees/" not in factsheet and "/graphiques/" not in factsheet
    directory = page(client, "/en/directory/")
    for path in ("results-csv/", "results-json/", "full-directory-csv/"):
        assert f'href="/en/directory/{path}' in directory
    agenda = page(client, "/en/agenda/")
    assert 'href="/en/agenda/calendar/' in agenda and 'href="/en/agenda/calls/feed/"' in agenda


def test_commune_map_data_in_english(client, demo):
    factsheet = page(client, "/fr/chiffres-cles/")
    french = re.search(r'href="(/fr/donnees/carte/[^"]+\.csv)"', factsheet).group(1)
    english = french.replace("/fr/donnees/carte/", "/en/data/map/")
    assert client.get(english).status_code == 200
    response = client.get(french.replace("/fr/", "/en/", 1))
    assert response.status_code == 301 and response["Location"] == english
