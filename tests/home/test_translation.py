"""The demo in English: every page and taxonomy translated through wagtail-localize, numbers
kept out of translators' hands and written the English way, re-sync, untranslated strings."""

import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from core.localization import translate
from directory.models import Sector, SupportServiceCategory
from factsheet.models import FactsheetPage
from home.models import HomePage, PartnerLinks

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^[\d\s.,%€+()-]+$")
EMAIL = re.compile(r"\S+@\S+\.\w+")
URL = re.compile(r"^(https?://|www\.)", re.I)


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def french_sources():
    french = Locale.objects.get(language_code="fr")
    pages = Page.objects.filter(locale=french, depth__gt=1).order_by("path").specific()
    snippets = [
        *Sector.objects.filter(locale=french),
        *SupportServiceCategory.objects.all(),
        *PartnerLinks.objects.all(),
    ]
    return [*pages, *[item for item in snippets if item.locale_id == french.pk]]


def english_pages():
    return Page.objects.filter(locale__language_code="en", depth__gt=1).order_by("path")


def test_demo_translates_every_page_and_taxonomy_leaving_nothing_in_french(demo):
    assert "Texte non traduit" not in demo
    english = Locale.objects.get(language_code="en")
    for source in french_sources():
        translation = source.get_translation_or_none(english)
        assert translation is not None, source
        if isinstance(translation, Page):
            assert translation.live, translation
            assert translation.title != "" and translation.slug
    assert FactsheetPage.objects.get(locale=english).slug == "key-figures"
    adds = english_pages().get(slug="adds").specific
    assert sorted(sector.name for sector in adds.sectors.all())[0] == "Building finishing works"


def test_no_number_address_or_identifier_is_offered_to_translators(demo):
    offered = {}
    for source_object in french_sources():
        source, _created = TranslationSource.update_or_create_from_instance(source_object)
        for text in source.stringsegment_set.values_list("string__data", flat=True):
            offered[strip_tags(text).strip()] = str(source_object)
    # List items (figure cards, chart rows) are extracted too: the check is not vacuous.
    assert "habitant·es" in offered and "Coopératives" in offered
    for text, page in offered.items():
        assert not NUMBER.match(text), (page, text)
        assert not EMAIL.fullmatch(text), (page, text)
        assert not URL.match(text), (page, text)
        assert not re.search(r"\b\d{14}\b|\bW\d{9}\b", text), (page, text)  # SIRET, RNA
    keys = set()
    _collect_keys(list(FactsheetPage.objects.get(locale__language_code="fr").body.raw_data), keys)
    assert "population" in keys
    assert not keys & set(offered)


def _collect_keys(data, keys):
    """The identifiers a figure card uses for its checks, wherever they are in `data`."""
    if isinstance(data, dict):
        keys.update(data[name] for name in ("key", "numerator", "denominator") if data.get(name))
        for item in data.values():
            _collect_keys(item, keys)
    elif isinstance(data, list):
        for item in data:
            _collect_keys(item, keys)


def test_switcher_and_hreflang_on_every_page_type_in_both_languages(client, demo):
    seen_types = set()
    for english in english_pages():
        french = english.get_translation(Locale.objects.get(language_code="fr"))
        en_url, fr_url = english.url, french.url
        seen_types.add(english.specific_class)
        html = client.get(en_url).content.decode()
        assert '<html lang="en">' in html, en_url
        assert f'<a href="{fr_url}" hreflang="fr">Français</a>' in html, en_url
        assert f'hreflang="fr" href="http://testserver{fr_url}"' in html, en_url
        assert f'hreflang="en" href="http://testserver{en_url}"' in html, en_url
        html = client.get(fr_url).content.decode()
        assert f'<a href="{en_url}" hreflang="en">English</a>' in html, fr_url
    assert len(seen_types) == 11  # every page type of the site, the agenda's three included


def test_english_pages_write_numbers_the_english_way(client, demo):
    html = client.get("/en/key-figures/").content.decode()
    for written in ["3,761", "126,895", "8.7%", "€91.3M", "per 1,000 inhabitants", "89%"]:
        assert written in html
    assert not re.search(r"3\s761|8,7\s?%", html)
    assert re.search(r"3\s761", client.get("/fr/chiffres-cles/").content.decode())
    assert "3,761" in client.get("/en/").content.decode()
    # Exports stay machine-readable whatever the language.
    csv = client.get("/en/key-figures/data/csv/").content.decode()
    assert "3761" in csv and "3,761" not in csv


def test_second_demo_run_keeps_english_pages_and_editor_changes(demo):
    english_home = HomePage.objects.get(locale__language_code="en")
    english_home.title = "Edited by an editor"
    english_home.save_revision().publish()
    count = english_pages().count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Traductions anglaises : 0 créée(s)" in out.getvalue()
    assert english_pages().count() == count
    assert HomePage.objects.get(locale__language_code="en").title == "Edited by an editor"


def _replace_value(data, old, new):
    if isinstance(data, dict):
        if data.get("value") is not None and not isinstance(data["value"], dict | list):
            if str(data["value"]) == old:
                data["value"] = new
        for item in data.values():
            _replace_value(item, old, new)
    elif isinstance(data, list):
        for item in data:
            _replace_value(item, old, new)


def test_resync_carries_a_changed_figure_to_the_english_page(
    client, demo, django_capture_on_commit_callbacks
):
    french = FactsheetPage.objects.get(locale__language_code="fr")
    body = json.loads(json.dumps(list(french.body.raw_data), default=str))
    _replace_value(body, "3761", "3800")
    french.body = body
    french.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(french)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    html = client.get("/en/key-figures/").content.decode()
    assert "3,800" in html and "3,761" not in html
    assert "SSE jobs" in html  # the translated texts survive the re-sync


def test_english_pages_keep_the_query_budget_of_their_french_sources(client, demo):
    for english in english_pages():
        french = english.get_translation(Locale.objects.get(language_code="fr"))
        counts = []
        for url in (french.url, english.url):
            client.get(url)  # warm the site-root-paths cache, as on a running server
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        # One more at most: Wagtail's serve view finds the English version of the site's
        # (French) root page before routing, a single query whatever the page shows.
        assert counts[1] <= counts[0] + 1, (english.url, counts)


def test_preview_lists_the_strings_left_in_french_and_the_public_never_sees_them(
    client, home_page, django_capture_on_commit_callbacks
):
    home_page.introduction = "<p>Bienvenue sur le site.</p>"
    home_page.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, english, {"Accueil": "Home", "accueil": "home"})
    page = HomePage.objects.get(locale=english)
    preview = page.make_preview_request().content.decode()
    assert "1 text is not translated yet" in preview
    assert '<li lang="fr">Bienvenue sur le site.</li>' in preview
    public = client.get("/en/").content.decode()
    assert "not translated yet" not in public
    assert "Bienvenue sur le site." in public  # wagtail-localize's fallback, hence the notice

    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, english, {"Bienvenue sur le site.": "Welcome to the site."})
    page.refresh_from_db()
    assert "not translated yet" not in page.make_preview_request().content.decode()


def test_figures_are_synchronised_not_translated(demo):
    french = FactsheetPage.objects.get(locale__language_code="fr")
    english = french.get_translation(Locale.objects.get(language_code="en"))

    def values(page):
        return [
            figure["value"]
            for block in page.body
            if block.block_type == "figure_group"
            for figure in block.value["figures"]
        ]

    assert values(english) == values(french)
    assert Decimal("3761") in values(english)


def test_english_searches_find_english_pages_only(client, demo):
    html = client.get("/en/search/", {"q": "vegetables"}).content.decode()
    assert 'href="/en/directory/jardins-d-insertion-de-l-artois/"' in html
    assert 'href="/fr/' not in html.split('<ol class="search-results">')[1].split("</ol>")[0]
    french_words = client.get("/en/search/", {"q": "légumes"}).content.decode()
    assert "No page matches" in french_words  # the French actor is not offered in English

    html = client.get("/en/directory/", {"q": "vegetables"}).content.decode()
    assert "1 actor" in html and "Les Jardins d&#x27;insertion de l&#x27;Artois" in html
    # The sector filter lists the English sectors (those with actors: the whole directory).
    html = client.get("/en/directory/").content.decode()
    assert ">Green spaces (" in html and "Espaces verts" not in html


def test_actor_cards_on_english_pages_show_the_english_actors(client, demo):
    html = client.get("/en/key-figures/").content.decode()
    assert 'href="/en/directory/jardins-d-insertion-de-l-artois/"' in html
    assert "Since 2009, the Jardins" in html and "Depuis 2009" not in html
    assert "Depuis 2009" in client.get("/fr/chiffres-cles/").content.decode()
