"""One table of searches, the same answers on SQLite and on PostgreSQL.

Each row is a search a visitor could type, in the directory (actors) and in the site search
(every page of the language read), with what each must find. The suite runs on both databases
(CI runs it twice): PostgreSQL answers with its text search configurations and pg_trgm, SQLite
with the same stemmers, stop words and trigram measure in Python (core/text_search.py).
"""

import re

import pytest

from directory.models import ActorPage
from home.models import ContentPage
from tests.home.builders import english_home, publish

SEARCH_PATH = {"fr": "recherche", "en": "search"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(make_actor, make_sector, directory):
    verts = make_sector("Espaces verts")
    make_actor(
        "Les Jardins d'insertion de l'Artois",
        slug="jardins",
        summary="Des paniers de légumes biologiques et le retour à l'emploi.",
        sectors=[verts],
    )
    make_actor(
        "Identités Mutuelle",
        slug="mutuelle",
        summary="Une complémentaire santé engagée contre la précarité.",
    )
    make_actor(
        "Coopérative du bâtiment",
        slug="cooperative",
        summary="Des travaux de rénovation des logements à Hénin-Beaumont.",
    )
    make_actor(
        "Économie circulaire Carvin",
        slug="economie",
        summary="Réemploi et réparation d'objets du quotidien.",
    )
    make_actor(
        "Association Lire ensemble",
        slug="lire",
        summary="Des ateliers de lecture pour les associations de parents.",
    )
    english = english_home(directory.get_parent())
    english_directory = directory.copy_for_translation(english.locale)
    english_directory.slug = "directory"
    english_directory.save_revision().publish()
    market = ActorPage(
        title="Artois Market Gardens", slug="gardens", summary="Organic vegetables and jobs."
    )
    english_directory.add_child(instance=market)
    market.save_revision().publish()
    publish(
        english,
        ContentPage(
            title="Community gardening",
            slug="gardening",
            intro="The communities of the Bassin minier garden together.",
        ),
    )


def directory_slugs(client, language, q):
    path = "/fr/annuaire/" if language == "fr" else "/en/directory/"
    html = client.get(path, {"q": q}).content.decode()
    return sorted(re.findall(r'class="actor-card__title"><a href="[^"]*/([^/"]+)/"', html))


def site_slugs(client, language, q):
    html = client.get(f"/{language}/{SEARCH_PATH[language]}/", {"q": q}).content.decode()
    if '<ol class="search-results">' not in html:
        return []
    start = html.index('<ol class="search-results">')
    found = re.findall(r'href="[^"]*/([^/"]+)/"', html[start : html.index("</ol>", start)])
    return sorted(set(found))


# (language, query, the directory's actors, the site search's pages), by slug.
SEARCHES = [
    # Accents, either way round.
    ("fr", "economie", ["economie"], ["economie"]),
    ("fr", "Économie", ["economie"], ["economie"]),
    ("fr", "henin", ["cooperative"], ["cooperative"]),
    ("fr", "PRÉCARITÉ", ["mutuelle"], ["mutuelle"]),
    # Plural and singular.
    ("fr", "associations", ["lire"], ["lire"]),
    ("fr", "association", ["lire"], ["lire"]),
    ("fr", "jardin", ["jardins"], ["jardins"]),
    ("fr", "paniers", ["jardins"], ["jardins"]),
    ("fr", "panier", ["jardins"], ["jardins"]),
    ("fr", "logement", ["cooperative"], ["cooperative"]),
    # Prefixes of a name's words: the directory only.
    ("fr", "coop", ["cooperative"], []),
    ("fr", "eco", ["economie"], []),
    ("fr", "jard", ["jardins"], []),
    # One wrong letter: the directory only (names, when nothing else matches).
    ("fr", "assocation", ["lire"], []),
    ("fr", "mutulle", ["mutuelle"], []),
    ("fr", "Identites mutulle", ["mutuelle"], []),
    # Several words: all of them.
    ("fr", "jardins artois", ["jardins"], ["jardins"]),
    ("fr", "légumes biologiques", ["jardins"], ["jardins"]),
    # No actor has both; the directory then offers the name closest to the query.
    ("fr", "jardins carvin", ["jardins"], []),
    # A sector's name: in the directory's search text. (The site index reads an actor's
    # sectors before they are saved with it: docs/search.md, limits.)
    ("fr", "espaces verts", ["jardins"], []),
    # English pages, English stemming; each language finds its own pages.
    ("en", "gardens", ["gardens"], ["gardening", "gardens"]),
    ("en", "vegetable", ["gardens"], ["gardens"]),
    ("en", "community", [], ["gardening"]),
    ("en", "jardins", [], []),
    ("fr", "gardens", [], []),
    # Nothing to find, stop words only, empty or hostile input.
    ("fr", "zzzzqqq", [], []),
    # Stop words only: no text matches; "de l'Artois" is the closest name.
    ("fr", "de la", ["jardins"], []),
    ("fr", "   ", ["cooperative", "economie", "jardins", "lire", "mutuelle"], []),
    ("fr", '"unclosed OR -', [], []),
    ("fr", "a & b | !c", [], []),
]


@pytest.mark.parametrize(("language", "q", "actors", "pages"), SEARCHES)
def test_the_same_search_finds_the_same_on_every_database(client, site, language, q, actors, pages):
    assert directory_slugs(client, language, q) == actors
    assert site_slugs(client, language, q) == pages
