"""Site search as a reader uses it: /fr/recherche/?q=…"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from home.models import ContentPage, PolicyPage
from tests.home.builders import content, draft, english_home, make_private, policy, publish

pytestmark = pytest.mark.django_db

URL = "/fr/recherche/"


def results(html):
    if '<ol class="search-results">' not in html:
        return ""
    start = html.index('<ol class="search-results">')
    return html[start : html.index("</ol>", start)]


def promote(query, page, description=""):
    return SearchPromotion.objects.create(
        query=Query.get(query), page=page, description=description, sort_order=0
    )


@pytest.fixture
def pages(home_page):
    return {
        "policy": policy(
            home_page,
            intro="<p>La feuille de route soutient le financement des projets.</p>",
        ),
        "legal": content(
            home_page,
            body=[{"type": "rich_text", "value": "<p>Le financement du site est public.</p>"}],
        ),
    }


def test_results_show_type_title_and_highlighted_summary(client, pages):
    response = client.get(URL, {"q": "financement"})
    assert response.status_code == 200
    found = results(response.content.decode())
    assert "Politique ESS de l&#x27;agglomération" in strip_tags(found)  # the page type
    assert "Page de contenu" in found
    assert 'href="/fr/politique-ess/"' in found and 'href="/fr/mentions-legales/"' in found
    assert "soutient le <mark>financement</mark> des projets" in found
    assert "Le <mark>financement</mark> du site est public." in found


def test_only_live_public_pages_of_the_current_language_are_found(client, home_page):
    policy(home_page, intro="<p>Une coopérative visible.</p>")
    draft(home_page, ContentPage(title="Brouillon coopérative", slug="brouillon"))
    make_private(content(home_page, title="Privée coopérative", slug="privee"))
    english = english_home(home_page)
    publish(english, ContentPage(title="English coopérative", slug="english"))

    found = results(client.get(URL, {"q": "coopérative"}).content.decode())
    assert "politique-ess" in found
    for hidden in ("Brouillon", "Privée", "English"):
        assert hidden not in found
    english_found = results(client.get("/en/search/", {"q": "coopérative"}).content.decode())
    assert "English" in english_found and "politique-ess" not in english_found


def test_english_results_name_their_page_type_in_english(client, home_page):
    english = english_home(home_page)
    publish(english, ContentPage(title="Accessibility statement", slug="accessibility"))
    found = results(client.get("/en/search/", {"q": "accessibility"}).content.decode())
    assert "Content page" in found
    assert "Page de contenu" not in found


def test_wagtail_root_node_is_never_a_result(client, home_page):
    html = client.get(URL, {"q": "root"}).content.decode()
    assert "Aucune page ne correspond à « root »." in html


def test_promotions_come_first_without_duplicates(client, pages, home_page):
    promote("Financement", pages["legal"], description="Qui finance le site ?")
    html = client.get(URL, {"q": "financement"}).content.decode()
    found = results(html)
    assert found.index("search-result--promoted") < found.index("politique-ess")
    assert found.count('href="/fr/mentions-legales/"') == 1
    assert "Qui finance le site ?" in found
    assert "2 résultats" in html


def test_promotions_of_pages_in_another_language_or_unpublished_are_hidden(client, home_page):
    english = english_home(home_page)
    about = publish(english, ContentPage(title="About", slug="about"))
    unpublished = content(home_page, title="Retirée", slug="retiree")
    unpublished.unpublish()
    promote("territoire", about)
    promote("territoire", unpublished)
    html = client.get(URL, {"q": "territoire"}).content.decode()
    assert "search-result--promoted" not in html
    assert "Aucune page ne correspond à « territoire »." in html


def test_highlighting_escapes_html_in_titles(client, home_page):
    publish(home_page, PolicyPage(title="<b>Solidarité</b> & co", slug="p", intro="<p>x</p>"))
    found = results(client.get(URL, {"q": "solidarité"}).content.decode())
    assert "&lt;b&gt;<mark>Solidarité</mark>&lt;/b&gt; &amp; co" in found
    assert "<b>" not in found


def test_results_are_paginated(client, home_page):
    for number in range(12):
        content(home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    first = client.get(URL, {"q": "atelier"}).content.decode()
    assert results(first).count('class="search-result"') == 10
    assert "12 résultats" in first and "Page 1 sur 2" in first
    assert 'href="?q=atelier&amp;page=2" rel="next"' in first
    second = client.get(URL, {"q": "atelier", "page": 2}).content.decode()
    assert results(second).count('class="search-result"') == 2
    assert 'rel="prev"' in second


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("-1", 2), (str(10**9), 2)])
def test_bad_page_numbers_fall_back_to_a_real_page(client, home_page, page, expected):
    for number in range(12):
        content(home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    response = client.get(URL, {"q": "atelier", "page": page})
    assert response.status_code == 200
    assert f"Page {expected} sur 2" in response.content.decode()


def test_empty_query_invites_to_search(client, home_page):
    html = client.get(URL).content.decode()
    assert "Saisissez un ou plusieurs mots" in html
    assert results(html) == ""


def test_no_result_says_so_and_suggests_what_to_do(client, home_page):
    html = client.get(URL, {"q": "zzzyxw"}).content.decode()
    assert "Aucune page ne correspond à « zzzyxw »." in html
    assert "Vérifiez l'orthographe, essayez un mot plus général" in html


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ("q=abc%00def", "caractères non autorisés"),
        ("q=" + "a" * 10_000, "trop longue : 200 caractères au plus (vous en avez saisi 10000)"),
        ("q=%FF%FE%FD", ""),
        ("q=%C3%28&page=%00", ""),
        # Full-text query syntax must reach the backend as plain words.
        ("q=%22", "Aucune page ne correspond"),
        ("q=a%22b", "Aucune page ne correspond"),
        ("q=%22%C3%A9conomie", ""),
        ("q=NEAR(a+b)+OR+*+%3A*+%3C-%3E+!", "Aucune page ne correspond"),
    ],
)
def test_bad_input_never_breaks_the_page(client, home_page, query_string, message):
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<h1>Recherche</h1>" in html


def test_query_is_echoed_escaped(client, home_page):
    html = client.get(URL, {"q": '<script>"x"</script>'}).content.decode()
    assert "<script>" not in html
    assert 'value="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html


def test_header_has_a_labelled_get_search_form_on_every_page(client, pages):
    html = client.get("/fr/politique-ess/").content.decode()
    assert '<form class="search-form" role="search" method="get" action="/fr/recherche/">' in html
    assert '<label for="recherche-entete">' in html and 'id="recherche-entete"' in html


def test_search_runs_in_a_constant_number_of_queries(client, home_page):
    # Full pages of results both times (a page that is not full needs no count).
    for number in range(11):
        content(home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    client.get(URL, {"q": "atelier"})
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "atelier"})
    for number in range(11, 25):
        content(home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL, {"q": "atelier"}).content.decode()
    assert "25 résultats" in html
    # Results are loaded with one query per page type on the page of results, so the bound
    # holds for a page of results of a single type; each further type costs one query.
    assert len(many) == len(few) <= 10


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="per-language stemming needs PostgreSQL"
)


@needs_postgres
def test_the_number_of_results_comes_with_the_page_of_results(client, home_page):
    for number in range(12):
        content(home_page, title=f"Atelier numéro {number}", slug=f"atelier-{number}")
    client.get(URL, {"q": "atelier"})
    # A full page: only the results can tell how many there are in all.
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL, {"q": "atelier"}).content.decode()
    assert "12 résultats" in html and "Page 1 sur 2" in html
    assert results(html).count('class="search-result"') == 10
    # The ranked query counts the matches: no count query reads them again.
    assert not any('"__count"' in query["sql"] for query in queries)


@pytest.fixture
def english_pages(home_page):
    english = english_home(home_page)
    publish(
        english,
        ContentPage(
            title="Community gardening",
            slug="gardening",
            intro="The Coopérative du Bassin minier runs the gardening courses.",
        ),
    )
    return english


def english_results(client, query):
    return results(client.get("/en/search/", {"q": query}).content.decode())


def test_english_pages_are_searched_with_english_stemming(client, english_pages):
    # French stemming keeps "gardening" and "gardens" apart; English stemming joins them.
    assert "Community gardening" in english_results(client, "gardens")


def test_english_search_ignores_accents(client, english_pages):
    assert "Community gardening" in english_results(client, "cooperative")


def test_french_pages_keep_french_stemming_and_the_readers_language_only(client, english_pages):
    french = english_pages.get_translation(Locale.objects.get(language_code="fr"))
    content(french, title="Jardins partagés", slug="jardins", intro="Des jardins familiaux.")
    found = results(client.get(URL, {"q": "jardin"}).content.decode())
    assert 'href="/fr/jardins/"' in found and "gardening" not in found
    assert "/fr/jardins/" not in english_results(client, "jardins")


@needs_postgres
def test_index_entries_take_the_configuration_of_their_language(english_pages):
    call_command("update_index", stdout=StringIO())  # rebuilding keeps each language's stems
    entry = IndexEntry.objects.get(object_id=str(Page.objects.get(slug="gardening").pk))
    # English stems ("garden"), not the French stemmer's "gardening".
    assert "'garden'" in str(entry.title) and "'gardening'" not in str(entry.title)
    backend = get_search_backend()
    assert backend.for_language("en").config == "english_unaccent"
    assert backend.for_language("fr").config == backend.config == "french_unaccent"


def test_a_search_that_knows_no_language_matches_each_page_in_its_own(english_pages):
    # The admin's searches: "communities" is stemmed "communit" in French, "communiti" in
    # English, which is how "Community gardening" was indexed.
    found = get_search_backend().search("communities", Page.objects.all())
    assert [page.title for page in found] == ["Community gardening"]
    assert list(get_search_backend().search("de la", Page.objects.all())) == []


def test_view_restrictions_are_read_once_per_search(client, home_page):
    content(home_page, title="Atelier numérique", slug="atelier")
    client.get(URL, {"q": "atelier"})
    with CaptureQueriesContext(connection) as queries:
        assert "Atelier" in client.get(URL, {"q": "atelier"}).content.decode()
    restrictions = [
        query
        for query in queries
        if query["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')
    ]
    assert len(restrictions) == 1


@needs_postgres
def test_ranked_slices_match_the_stock_ranking_and_count(home_page):
    # search.backends ranks the index entries alone and reads a slice's pages by key: every
    # slice, its order (rank, then key, descending: ties included) and the total must be the
    # stock query's, drafts and private pages left out by the pages' filter.
    for number in range(14):
        content(
            home_page,
            title=f"Atelier {'très ' * (number % 4)}numéro {number}",
            slug=f"atelier-{number}",
            intro="Un atelier. " * (number % 3),
        )
    content(home_page, title="Autre page", slug="autre", intro="Un atelier ici.")
    content(home_page, title="Autre encore", slug="autre-encore", intro="Un atelier ici.")
    draft(home_page, ContentPage(title="Atelier brouillon", slug="brouillon"))
    make_private(content(home_page, title="Atelier privé", slug="prive"))
    backend = get_search_backend().for_language("fr")
    pages = Page.objects.live().public().descendant_of(home_page, inclusive=True)
    found = backend.search("atelier", pages.specific())
    stock = backend.search("atelier", pages.specific())
    stock.query_compiler.ranked_ids = False
    expected = [page.pk for page in stock]
    assert len(expected) == 16 and found.count() == 16
    for start in range(0, 16, 5):
        window = list(found[start : start + 5])
        assert [page.pk for page in window] == expected[start : start + 5]
        assert {page.search_total for page in window} == {16}
        assert all(type(page) is ContentPage for page in window)  # specific pages
    assert [page.pk for page in found[20:30]] == []
