"""An actor's profile: what the visitor reads and the JSON-LD that machines read agree."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import ActorPage, Sector

from .conftest import luhn_siret

pytestmark = pytest.mark.django_db

SIRET = luhn_siret("1111111110000")


@pytest.fixture
def adds(make_actor, make_sector):
    return make_actor(
        "Association </script><b>test</b>",
        slug="asso-test",
        family="association",
        commune="62587",
        street_address="ZAC des deux villes",
        siret=SIRET,
        founding_year=2010,
        headcount_band="21",
        summary="Insertion sociale et professionnelle.",
        email="contact@example.org",
        sectors=[make_sector("Voirie"), make_sector("Espaces verts")],
    )


def json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_profile_shows_what_the_actor_is_and_how_to_reach_it(client, adds):
    html = client.get("/fr/annuaire/asso-test/").content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Association",
        "Espaces verts, Voirie",
        "62640 Montigny-en-Gohelle",
        "2010",
        "50 à 99 salariés",
        SIRET,
        'href="mailto:contact@example.org"',
    ]:
        assert text in html


def test_json_ld_parses_and_matches_the_visible_page(client, adds):
    html = client.get("/fr/annuaire/asso-test/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "NGO"
    assert data["name"] == adds.title
    assert data["iso6523Code"] == f"0002:{SIRET}"
    assert data["foundingDate"] == "2010"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "ZAC des deux villes",
        "addressLocality": "Montigny-en-Gohelle",
        "postalCode": "62640",
    }
    assert data["numberOfEmployees"] == {
        "@type": "QuantitativeValue",
        "minValue": 50,
        "maxValue": 99,
    }
    assert data["mainEntityOfPage"].endswith("/fr/annuaire/asso-test/")
    # The title's "</script>" cannot close the element early.
    assert "</script><b>" not in html.split("<body")[0]


def test_json_ld_of_an_unknown_organisation_stays_minimal(client, make_actor):
    make_actor("Mission", slug="mission", founding_year=2000)
    data = json_ld(client.get("/fr/annuaire/mission/").content.decode())
    assert data["@type"] == "Organization"
    assert "iso6523Code" not in data and "address" not in data
    assert "numberOfEmployees" not in data


def test_profile_query_count_is_constant(client, adds, make_actor, make_sector):
    client.get("/fr/annuaire/asso-test/")
    with CaptureQueriesContext(connection) as small:
        client.get("/fr/annuaire/asso-test/")
    big = make_actor(
        "Grand acteur",
        slug="grand",
        commune="62427",
        sectors=[make_sector(f"Secteur {n}") for n in range(10)],
        family="cooperative",
        headcount_band="41",
    )
    big.body = [("quote", {"quote": "Bonjour", "attribution": "Moi"})] * 5
    big.save_revision().publish()
    with CaptureQueriesContext(connection) as large:
        assert client.get("/fr/annuaire/grand/").status_code == 200
    # The site, routing (two queries), view restrictions, site settings, the chrome and the
    # sectors; the commune comes with the page.
    assert len(large) == len(small) <= 8  # 8: the organiser's upcoming events (agenda)


def read_csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_result_exports_follow_the_search(client, adds, make_actor):
    make_actor("Mutuelle test", family="mutuelle")
    response = client.get("/fr/annuaire/resultats-csv/", {"family": "association"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="acteurs.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["nom"] for row in rows] == [adds.title]
    row = rows[0]
    assert row["siret"] == SIRET and row["code_insee"] == "62587"
    assert row["tranche_effectif"] == "21" and row["annee_creation"] == "2010"
    assert row["secteurs"] == "Espaces verts | Voirie"

    data = client.get("/fr/annuaire/resultats-json/", {"family": "mutuelle"}).json()
    assert data["nombre"] == 1
    assert data["acteurs"][0]["nom"] == "Mutuelle test"
    assert list(data["acteurs"][0]) == data["colonnes"]


def test_full_export_holds_every_published_actor_whatever_the_search(client, adds, make_actor):
    make_actor("Mutuelle test", family="mutuelle")
    make_actor("Brouillon", publish=False)
    rows = read_csv(client.get("/fr/annuaire/annuaire-complet-csv/", {"family": "mutuelle"}))
    assert sorted(row["nom"] for row in rows) == sorted([adds.title, "Mutuelle test"])
    assert list(rows[0]) == [
        "nom",
        "famille",
        "secteurs",
        "adresse",
        "code_postal",
        "commune",
        "code_insee",
        "siret",
        "rna",
        "annee_creation",
        "tranche_effectif",
        "tranche_effectif_libelle",
        "site_web",
        "courriel",
        "telephone",
        "resume",
        "url",
    ]


def test_demo_builds_the_brochure_actors_once():
    call_command("load_demo", stdout=StringIO())
    assert ActorPage.objects.filter(locale__language_code="fr").count() == 8
    adds = ActorPage.objects.get(locale__language_code="fr", slug="adds")
    assert (adds.family, adds.founding_year, adds.headcount_band) == ("association", 2010, "21")
    assert adds.commune.name == "Montigny-en-Gohelle"
    assert (
        ActorPage.objects.get(
            locale__language_code="fr", slug="apei-les-papillons-blancs"
        ).headcount_band
        == "32"
    )
    # Families the brochure does not state stay empty.
    assert ActorPage.objects.get(locale__language_code="fr", slug="ptce-henin-carvin").family == ""
    adds.title = "ADDS (modifié)"
    adds.save_revision().publish()
    call_command("load_demo", stdout=StringIO())
    assert ActorPage.objects.filter(locale__language_code="fr").count() == 8
    assert ActorPage.objects.get(locale__language_code="fr", slug="adds").title == "ADDS (modifié)"
    assert Sector.objects.filter(locale__language_code="fr").count() == 5


def test_demo_directory_is_in_the_main_navigation(client):
    call_command("load_demo", stdout=StringIO())
    nav = client.get("/fr/").content.decode().split('aria-label="Navigation principale"')[1]
    assert 'href="/fr/annuaire/"' in nav.split("</nav>")[0]
