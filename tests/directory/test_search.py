"""Searching the directory: text, filters, facet counts, pages, and bad input that never breaks."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import PAST_THE_END
from directory.models import ActorPage, ActorSearchEntry, Commune, DirectoryIndexPage
from directory.search import facet_counts
from tests.home.builders import english_home

pytestmark = pytest.mark.django_db


def titles(response):
    text = response.content.decode()
    found = re.findall(r'class="actor-card__title"><a href="[^"]+">([^<]+)</a>', text)
    return [html.unescape(title) for title in found]


@pytest.fixture
def actors(make_actor, make_sector):
    verts = make_sector("Espaces verts")
    bati = make_sector("Second œuvre du bâtiment")
    make_actor(
        "Les Jardins d'insertion de l'Artois",
        summary="Des paniers de légumes biologiques et le retour à l'emploi.",
        family="association",
        commune="62427",
        headcount_band="12",
        sectors=[verts],
    )
    make_actor(
        "Identités Mutuelle",
        summary="Une complémentaire santé engagée contre la précarité.",
        family="mutuelle",
        commune="62215",
        headcount_band="21",
    )
    make_actor(
        "Coopérative du bâtiment",
        summary="Des travaux de rénovation des logements à Hénin-Beaumont.",
        family="cooperative",
        commune="62427",
        headcount_band="21",
        sectors=[bati],
    )
    make_actor(
        "Économie circulaire Carvin",
        summary="Réemploi et réparation d'objets du quotidien.",
        family="association",
        commune="62215",
        sectors=[verts, bati],
    )
    make_actor("Brouillon caché", summary="Un jardin pas encore publié.", publish=False)
    return {"verts": verts, "bati": bati}


def get(client, **params):
    return client.get("/fr/annuaire/", params)


def test_lists_every_published_actor_without_criteria(client, actors):
    response = get(client)
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert "Brouillon caché" not in response.content.decode()
    assert "4 acteurs" in response.content.decode()


def test_accent_insensitive_search_finds_henin_without_its_accent(client, actors):
    # One summary mentions Hénin-Beaumont; the Jardins are located there.
    assert titles(get(client, q="henin")) == [
        "Coopérative du bâtiment",
        "Les Jardins d'insertion de l'Artois",
    ]
    assert titles(get(client, q="cooperative")) == ["Coopérative du bâtiment"]


def test_search_on_summary_words(client, actors):
    assert titles(get(client, q="précarité")) == ["Identités Mutuelle"]


def test_french_stemming_finds_plural_from_singular(client, actors):
    assert titles(get(client, q="jardin")) == ["Les Jardins d'insertion de l'Artois"]
    assert titles(get(client, q="paniers")) == ["Les Jardins d'insertion de l'Artois"]
    assert titles(get(client, q="panier")) == ["Les Jardins d'insertion de l'Artois"]


def test_prefix_of_a_name_finds_the_actor(client, actors):
    assert titles(get(client, q="jard")) == ["Les Jardins d'insertion de l'Artois"]


def test_unaccented_prefix_finds_accented_name(client, actors):
    assert titles(get(client, q="eco")) == ["Économie circulaire Carvin"]


def test_a_typo_still_finds_the_mutuelle(client, actors):
    # "mutuele" shares its French stem with "mutuelle"; "mutulle" needs the trigram fallback.
    assert titles(get(client, q="mutuele")) == ["Identités Mutuelle"]
    assert titles(get(client, q="mutulle")) == ["Identités Mutuelle"]
    assert titles(get(client, q="Identites mutulle")) == ["Identités Mutuelle"]


def test_no_match_says_so(client, actors):
    response = get(client, q="zzzzqqq")
    assert titles(response) == []
    assert "Aucun acteur ne correspond" in response.content.decode()


def test_filters_combine_with_each_other_and_with_text(client, actors):
    assert titles(get(client, family="association", commune="62215")) == [
        "Économie circulaire Carvin"
    ]
    assert titles(get(client, sector=actors["bati"].pk, band="21")) == ["Coopérative du bâtiment"]
    assert titles(get(client, q="henin", family="mutuelle")) == []


def option(html, name, value):
    """The option's label, or None when the list does not offer it."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    found = re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', select)
    return found.group(1) if found else None


def test_facet_counts_follow_the_current_search_and_other_filters(client, actors):
    html = get(client).content.decode()
    assert option(html, "family", "association") == "Association (2)"
    assert option(html, "commune", "62427") == "Hénin-Beaumont (2)"
    assert option(html, "sector", actors["verts"].pk) == "Espaces verts (2)"
    assert option(html, "band", "21") == "50 à 99 salariés (2)"
    # Within the Carvin actors, each family counts what choosing it would give.
    html = get(client, commune="62215").content.decode()
    assert option(html, "family", "association") == "Association (1)"
    assert option(html, "family", "mutuelle") == "Mutuelle (1)"
    # An option that would list nobody is not offered.
    assert option(html, "family", "cooperative") is None
    # The commune facet ignores the commune filter itself, so other communes stay reachable.
    assert option(html, "commune", "62427") == "Hénin-Beaumont (2)"
    html = get(client, q="bâtiment").content.decode()
    assert option(html, "family", "cooperative") == "Coopérative (1)"
    assert option(html, "family", "mutuelle") is None
    # Unless it is the one chosen: the reader sees what filters the list.
    html = get(client, q="bâtiment", family="mutuelle").content.decode()
    assert option(html, "family", "mutuelle") == "Mutuelle (0)"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's grouping sets")
def test_grouping_sets_count_and_page_as_the_union_of_counts(actors, make_actor, monkeypatch):
    """PostgreSQL counts with grouping sets, other databases by a union of counts (SQLite's
    query, which PostgreSQL runs too): the same counts, totals and pages from both."""
    make_actor("Atelier sans commune", summary="Un atelier de réparation.")
    entries = ActorSearchEntry.objects.all()
    verts, bati = actors["verts"].pk, actors["bati"].pk
    carvin = Commune.objects.get(insee_code="62215").pk
    searches = [
        (entries, {}, None),
        (entries, {}, (0, 2)),
        (entries, {}, (1, 2)),
        (entries, {}, (PAST_THE_END, 2)),
        (entries, {"family": "association"}, (0, 1)),
        (entries, {"sector": verts, "commune": carvin}, (0, 1)),
        (entries, {"family": "mutuelle", "band": "21", "sector": bati}, (0, 2)),
        (entries.filter(family="association"), {"sector": verts}, (3, 2)),
        (entries.filter(family="fondation"), {"commune": carvin}, (0, 2)),
    ]
    answers = [facet_counts(matched, filters, page) for matched, filters, page in searches]
    assert answers[0]["total"] == answers[0]["matched"] == {"": 5}
    henin = Commune.objects.get(insee_code="62427").pk
    assert answers[0]["commune"] == {"": 1, str(henin): 2, str(carvin): 2}
    assert answers[5]["family"] == {"association": 1}  # the mutuelle of Carvin has no sector
    assert len(answers[3]["page"]) == 1  # past the end: the last page
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert [facet_counts(matched, filters, page) for matched, filters, page in searches] == (
        answers
    )


def test_the_chosen_filters_stay_selected_in_the_form(client, actors):
    response = get(client, family="association", sector=actors["verts"].pk)
    # One template for each list, not one more for each of its options.
    assert "django/forms/widgets/select_option.html" not in {t.name for t in response.templates}
    html = response.content.decode()
    selected = re.findall(r'<option value="([^"]*)" selected>', html)
    # The two filters chosen, and the "all" option of the two others.
    assert sorted(selected) == sorted(["", "", "association", str(actors["verts"].pk)])
    assert '<label for="id_family">' in html and '<select name="family" id="id_family">' in html


def test_results_are_paginated_and_links_keep_the_search(client, actors, monkeypatch):
    monkeypatch.setattr(DirectoryIndexPage, "paginate_by", 1)
    first = titles(get(client, family="association", page="1"))
    response = get(client, family="association", page="2")
    text = response.content.decode()
    assert sorted(first + titles(response)) == [
        "Les Jardins d'insertion de l'Artois",
        "Économie circulaire Carvin",
    ]
    assert "Page 2 sur 2" in text
    assert 'href="?family=association&amp;page=1"' in text
    assert "resultats-csv/?family=association" in text


@pytest.mark.parametrize("page", ["abc", "-1", "0", str(10**9), ""])
def test_odd_page_numbers_show_a_page_of_results(client, actors, page, monkeypatch):
    monkeypatch.setattr(DirectoryIndexPage, "paginate_by", 3)
    response = get(client, page=page)
    assert response.status_code == 200
    assert len(titles(response)) in (1, 3)


def test_nul_bytes_in_the_query_give_a_message_not_an_error(client, actors):
    response = get(client, q="jard\x00in")
    assert response.status_code == 200
    assert "caractère invalide" in response.content.decode()


def test_a_ten_thousand_character_query_is_refused_with_a_message(client, actors):
    response = get(client, q="a" * 10_000)
    assert response.status_code == 200
    assert "Votre recherche est trop longue (10000 caractères)" in response.content.decode()
    assert len(titles(response)) == 4


@pytest.mark.parametrize(
    "params",
    [
        {"family": "entreprise"},
        {"sector": "abc"},
        {"sector": "999999"},
        {"commune": "75056"},
        {"band": "99"},
    ],
)
def test_unknown_filter_values_are_reported_and_ignored(client, actors, params):
    response = client.get("/fr/annuaire/", params)
    assert response.status_code == 200
    assert "n’existe pas dans la liste" in html.unescape(response.content.decode())
    assert len(titles(response)) in (2, 4)


def test_invalid_utf8_in_the_query_string_does_not_break_the_page(client, actors):
    response = client.get("/fr/annuaire/?q=%C3%28%FF&family=%FF")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "q", ["'", "a & b | !c", "jard:*", "(((", "-", '"unclosed', "NOT", "jard OR", "*", "l’artois"]
)
def test_search_syntax_characters_are_plain_text(client, actors, q):
    assert get(client, q=q).status_code == 200


def count_queries(client, path="/fr/annuaire/", **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


def warm_up(client, path="/fr/annuaire/"):
    """Requests as a running server has served: the first one caches the site's root paths
    and creates the site settings, which empties the caches (core/cache.py); the second
    caches the communes, the sectors and the facet counts without text."""
    for _ in range(2):
        client.get(path)


def test_index_query_count_does_not_grow_with_results(
    client, directory, make_actor, make_sector, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(DirectoryIndexPage, "paginate_by", 50)
    sector = make_sector("Espaces verts")
    make_actor("Acteur 0", commune="62427", family="association", sectors=[sector])
    warm_up(client)
    one = count_queries(client, q="acteur", family="association")
    for number in range(1, 50):
        make_actor(f"Acteur {number}", commune="62215", family="association", sectors=[sector])
    warm_up(client)
    fifty = count_queries(client, q="acteur", family="association")
    assert fifty == one
    # Routing and the site's chrome (8), the counts with the page's ids, the page's actors.
    with django_assert_max_num_queries(10):
        get(client, q="acteur", family="association")
    # Without text the counts come from the cache: the page's actors only.
    with django_assert_max_num_queries(9):
        get(client, family="association")


def test_english_index_query_count_does_not_grow_with_results(
    client, directory, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(DirectoryIndexPage, "paginate_by", 50)
    english = english_home(directory.get_parent())
    english_directory = directory.copy_for_translation(english.locale)
    english_directory.slug = "directory"
    english_directory.save_revision().publish()

    def add_actors(count):
        for number in range(count):
            actor = ActorPage(title=f"Actor {number}", family="association")
            english_directory.add_child(instance=actor)
            actor.save_revision().publish()

    add_actors(1)
    warm_up(client, "/en/directory/")
    one = count_queries(client, "/en/directory/", q="actor", family="association")
    add_actors(49)
    warm_up(client, "/en/directory/")
    fifty = count_queries(client, "/en/directory/", q="actor", family="association")
    assert fifty == one
    assert "50 actors" in client.get("/en/directory/", {"q": "actor"}).content.decode()
    # As in French.
    with django_assert_max_num_queries(10):
        client.get("/en/directory/", {"q": "actor", "family": "association"})


@pytest.mark.parametrize("path", ["/fr/annuaire/", "/en/directory/"])
def test_the_search_hints_examples_find_demo_actors(client, path):
    call_command("load_demo", stdout=StringIO())
    page = client.get(path).content.decode()
    hint = html.unescape(re.search(r'id="q-help">([^<]*)<', page).group(1))
    examples = re.findall(r"[«“]\s*([^»”]+?)\s*[»”]", hint)
    assert len(examples) == 2
    for example in examples:
        heading = re.search(
            r'id="results-heading">([^<]*)<', client.get(path, {"q": example}).content.decode()
        )
        assert not heading.group(1).startswith("0 "), example


def results_heading(response):
    text = response.content.decode()
    found = re.search(r'<h2 id="results-heading">(.*?)</h2>', text, re.S).group(1)
    return html.unescape(found).strip()


def test_the_results_heading_names_the_filters_and_agrees_in_number(client, actors):
    assert results_heading(get(client, family="association")) == "2 associations"
    assert results_heading(get(client, family="mutuelle", commune="62215")) == (
        "1 mutuelle · Carvin"
    )
    assert results_heading(get(client, family="cooperative", commune="62215")) == (
        "0 coopérative · Carvin"
    )
    assert results_heading(get(client, band="21")) == "2 acteurs · 50 à 99 salariés"
    assert results_heading(get(client, band="21", family="association")) == (
        "0 association · 50 à 99 salariés"
    )


@pytest.mark.parametrize(
    ("language", "count", "words"),
    [
        ("fr", 0, "0 acteur"),
        ("fr", 1, "1 acteur"),
        ("fr", 2, "2 acteurs"),
        ("en", 0, "0 actors"),
        ("en", 1, "1 actor"),
        ("en", 2, "2 actors"),
    ],
)
def test_counts_agree_in_number_in_both_languages(language, count, words):
    """French says "0 acteur": without the French catalogue gettext would write "0 acteurs"."""
    from django.utils import translation

    from directory.forms import ANY_RESULT_COUNT

    with translation.override(language):
        assert ANY_RESULT_COUNT % {"n": count, "count": count} == words
