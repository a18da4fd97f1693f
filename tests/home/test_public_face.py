"""What a visitor of the demo sees on the public pages: the home page's key figures lead to
the factsheet, at the card of the same indicator; each abbreviation is explained once."""

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

from core.abbreviations import ABBREVIATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, empty_cache):
    call_command("load_demo", stdout=StringIO())
    cache.clear()


@pytest.mark.parametrize(
    ("home", "factsheet", "words"),
    [
        ("/fr/", "/fr/chiffres-cles/", "Voir dans les chiffres clés"),
        ("/en/", "/en/key-figures/", "See in the key figures"),
    ],
)
def test_home_figure_cards_link_to_their_card_on_the_factsheet(
    client, demo, home, factsheet, words
):
    html = client.get(home).content.decode()
    grid = re.search(r'<ul class="figure-grid">(.*?)</ul>', html, re.S).group(1)
    cards = re.findall(r'<div class="figure-card".*?</div>\s*</li>', grid, re.S)
    assert len(cards) == 3
    anchors = []
    for card in cards:
        link = re.search(rf'<a href="{factsheet}#([a-z0-9-]+)">{words}<span', card)
        assert link, card
        anchors.append(link.group(1))
    page = client.get(factsheet).content.decode()
    for anchor in anchors:
        assert f'id="{anchor}"' in page, anchor


def test_every_section_card_of_the_home_page_says_what_the_section_holds(client, demo):
    # "Explorer le site": a card with a title and nothing under it looks like a missing text.
    for home in ("/fr/", "/en/"):
        html = client.get(home).content.decode()
        entry_points = re.search(r'<nav class="entry-points".*?</nav>', html, re.S).group(0)
        cards = re.findall(r'<li class="card">(.*?)</li>', entry_points, re.S)
        assert len(cards) == 5, home
        for card in cards:
            assert re.search(r"<p>\S.*</p>", card, re.S), card


def test_each_abbreviation_is_explained_at_its_first_occurrence_only(client, demo):
    explained = set()
    for page in Page.objects.filter(depth__gt=1).live().public():
        html = client.get(page.get_url()).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        for abbreviation, _expansion in ABBREVIATIONS:
            count = main.count(f">{abbreviation}</abbr>")
            assert count <= 1, (page.get_url(), abbreviation)
            if count:
                explained.add(abbreviation)
                # Nothing before it in the text says the abbreviation plainly.
                before = re.sub(r"<[^>]*>", " ", main[: main.index(f">{abbreviation}</abbr>")])
                assert not re.search(rf"(?<![\w-]){abbreviation}(?![\w-])", before), page.url
    assert {"ESS", "CAHC", "EPCI", "SSE"} <= explained
