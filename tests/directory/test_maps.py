"""Maps fed by the directory: its results as a map, the locator on profiles, and the commune map
block counting listed actors live (through core.counts, without importing the directory)."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from directory.models import Sector
from home.models import PolicyPage

CARVIN, HENIN, OIGNIES = "62215", "62427", "62637"


@pytest.fixture
def actors(make_actor, make_sector):
    verts = make_sector("Espaces verts")
    make_actor("Jardins de l'Artois", family="association", commune=HENIN, sectors=[verts])
    make_actor("Identités Mutuelle", family="mutuelle", commune=CARVIN)
    make_actor("Coopérative du bâtiment", family="cooperative", commune=HENIN)
    make_actor("Jardin de Carvin", family="association", commune=CARVIN, sectors=[verts])
    make_actor("Ressourcerie", family="association", commune=CARVIN)
    make_actor("Sans commune", family="association")
    make_actor("Brouillon", family="association", commune=OIGNIES, publish=False)
    return {"verts": verts}


def map_links(html):
    """{accessible name: href} of the communes on the map."""
    found = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)" class="commune-map__link">', html)
    return {name: href.replace("&amp;", "&") for href, name in found}


def total(html):
    return int(re.search(r'<h2 id="results-heading">(\d+) ', html).group(1))


@pytest.mark.parametrize(
    "params",
    [{}, {"family": "association"}, {"q": "jardin"}, {"family": "association", "commune": CARVIN}],
)
def test_each_commune_on_the_map_announces_what_its_link_lists(client, actors, params):
    html = client.get("/fr/annuaire/", {**params, "vue": "carte"}).content.decode()
    links = map_links(html)
    assert len(links) == 14
    for name, href in links.items():
        announced = int(re.search(r" : (\d+) acteur", name).group(1))
        assert "vue=" not in href
        listed = client.get("/fr/annuaire/" + href).content.decode()
        assert total(listed) == announced, name


def test_the_map_view_counts_the_current_results_per_commune(client, actors):
    html = client.get("/fr/annuaire/", {"family": "association", "vue": "carte"}).content.decode()
    links = map_links(html)
    assert f"?family=association&commune={CARVIN}" == links["Carvin : 2 acteurs"]
    assert "Hénin-Beaumont : 1 acteur" in links or "Hénin-Beaumont : 1 acteurs" in links
    assert "Oignies : 0 acteur" in links  # its actor is a draft
    # The view is kept when the filters change, and the list is one link away.
    assert '<input type="hidden" name="vue" value="carte">' in html
    assert 'href="?family=association" aria-current' not in html
    assert "IGN – Admin Express" in html


def test_the_chosen_commune_is_highlighted(client, actors):
    html = client.get("/fr/annuaire/", {"commune": CARVIN, "vue": "carte"}).content.decode()
    assert html.count("commune-map__shape--selected") == 1
    assert '<tr class="is-selected"><th scope="row"><a href="?commune=62215">Carvin' in html


@pytest.mark.parametrize(
    "params", [{"commune": "99999"}, {"family": "inconnue"}, {"sector": "abc"}, {"band": "ZZ"}]
)
def test_unknown_filter_values_give_the_map_with_a_message(client, actors, params):
    response = client.get("/fr/annuaire/", {**params, "vue": "carte"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Certains critères n’ont pas pu être pris en compte" in html
    assert len(map_links(html)) == 14


def test_the_list_view_has_no_map(client, actors):
    html = client.get("/fr/annuaire/").content.decode()
    assert "commune-map" not in html
    assert 'href="?vue=carte"' in html


def test_a_profile_shows_its_commune_on_a_locator_map(client, make_actor):
    actor = make_actor("Identités Mutuelle", commune=CARVIN)
    html = client.get(actor.url).content.decode()
    assert "Carvin, parmi les 14 communes de l’agglomération d’Hénin-Carvin" in html
    assert html.count('fill="#08519c"') == 1
    assert f'href="/fr/annuaire/?commune={CARVIN}"' in html


def test_a_profile_without_commune_has_no_map(client, make_actor):
    actor = make_actor("Sans adresse")
    assert "commune-locator" not in client.get(actor.url).content.decode()


# --- the commune map block, counting listed actors ------------------------------------------


def map_block(**fields):
    return {
        "title": "Acteurs listés par commune",
        "data": "actors",
        "family": "",
        "sector": "",
        "values": [],
        "unit": "",
        "decimals": 0,
        "year": None,
        "source": "",
        **fields,
    }


@pytest.fixture
def make_policy(home_page, directory):
    def make(**fields):
        page = PolicyPage(
            title="Politique ESS",
            slug="politique",
            intro="<p>Intro</p>",
            body=[("commune_map", map_block(**fields))],
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def test_the_block_counts_the_listed_actors_of_each_commune(client, actors, make_policy):
    page = make_policy()
    links = map_links(client.get(page.url).content.decode())
    assert links["Carvin : 3 acteurs"] == f"/fr/annuaire/?commune={CARVIN}"
    assert "Hénin-Beaumont : 2 acteurs" in links
    assert "Oignies : 0 acteur" in links


def test_the_block_restricted_to_a_family_or_a_sector(client, actors, make_policy):
    page = make_policy(family="association", sector=str(actors["verts"].translation_key))
    html = client.get(page.url).content.decode()
    links = map_links(html)
    sector = actors["verts"].pk
    assert (
        links["Carvin : 1 acteur"]
        == f"/fr/annuaire/?family=association&sector={sector}&commune={CARVIN}"
    )
    listed = client.get(links["Carvin : 1 acteur"]).content.decode()
    assert total(listed) == 1


def test_a_deleted_sector_drops_the_map_not_the_page(client, actors, make_policy):
    page = make_policy(sector=str(actors["verts"].translation_key))
    Sector.objects.filter(pk=actors["verts"].pk).delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "commune-map" not in response.content.decode()


def test_the_map_data_downloads_as_csv_and_json(client, actors, make_policy):
    page = make_policy()
    html = client.get(page.url).content.decode()
    csv_url = re.search(r'href="(/fr/donnees/carte/[^"]+\.csv)"', html).group(1)
    rows = list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))
    assert len(rows) == 14
    assert {"insee_code": CARVIN, "commune": "Carvin", "value": "3"}.items() <= rows[1].items()
    document = json.loads(client.get(csv_url.replace(".csv", ".json")).content)
    assert document["unit"] == "acteurs"
    assert {"insee_code": HENIN, "commune": "Hénin-Beaumont", "value": 2} in document["communes"]


def test_map_data_of_a_private_page_or_an_unknown_block_is_not_found(client, actors, make_policy):
    page = make_policy()
    block_id = page.body[0].id
    url = f"/fr/donnees/carte/{page.pk}/{block_id}.csv"
    assert client.get(url).status_code == 200
    assert (
        client.get(
            f"/fr/donnees/carte/{page.pk}/{'0' * 8}-0000-0000-0000-{'0' * 12}.csv"
        ).status_code
        == 404
    )
    assert client.get(f"/fr/donnees/carte/999999/{block_id}.json").status_code == 404
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(url).status_code == 404


def queries(client, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_maps_stay_within_the_budget_whatever_the_number_of_actors(client, make_actor, make_policy):
    page = make_policy(family="association")
    make_actor("Acteur 0", family="association", commune=CARVIN)
    urls = [page.url, "/fr/annuaire/?vue=carte", "/fr/annuaire/?vue=carte&q=acteur"]
    before = [queries(client, url) for url in urls]
    for number in range(1, 30):
        make_actor(
            f"Acteur {number}", family="association", commune=[CARVIN, HENIN, OIGNIES][number % 3]
        )
    after = [queries(client, url) for url in urls]
    assert after == before
    assert max(after) <= 10
    assert "Carvin : 10 acteurs" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_the_map_view_s_parameter_is_the_same_in_english_with_english_words(client, empty_cache):
    """Query parameters are not translated: a shared link, the map's and the open-data files'
    links carry the same names and values in both languages (?vue=carte, ?family=…), and old
    links keep working; what the reader sees is in their language."""
    call_command("load_demo", stdout=StringIO())
    html = client.get("/en/directory/", {"vue": "carte", "family": "association"}).content.decode()
    assert (
        'href="?vue=carte&amp;family=association" aria-current="page">Map by municipality' in html
    )
    assert 'href="?family=association">List</a>' in html
    assert "The results by municipality" in html and "Base map:" in html
    assert '<input type="hidden" name="vue" value="carte">' in html
    assert map_links(html)["Montigny-en-Gohelle: 1 actor"] == "?family=association&commune=62587"
    # The open data answers the filters whatever the view: no display setting in its links.
    assert 'href="/en/directory/results-csv/?family=association" download' in html
    assert 'href="/en/directory/results-json/?family=association"' in html
    assert client.get("/en/directory/results-json/", {"vue": "carte"}).status_code == 200
