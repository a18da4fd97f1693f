"""A visitor finds an ESS actor in the directory, in Chromium: a word, a filter, then a profile.

The visitor starts from the home page's navigation, as a person does, types a word, narrows the
results with the "Famille de l'ESS" filter and opens the profile the search found. The English
run does the same on the English directory when the demo has one.
"""

import re

import pytest
from playwright.sync_api import expect

from directory.choices import Family
from directory.models import ActorPage, DirectoryIndexPage
from home.models import HomePage

pytestmark = pytest.mark.browser

ADDS_SLUG = "adds"


def search_and_open_profile(page, base, language, query, broad_count):
    """Search `query`, keep the associations and open the ADDS profile."""
    home = HomePage.objects.get(locale__language_code=language)
    directory = DirectoryIndexPage.objects.live().get(locale__language_code=language)
    actor = ActorPage.objects.live().get(
        locale__language_code=language,
        translation_key=ActorPage.objects.get(
            slug=ADDS_SLUG, locale__language_code="fr"
        ).translation_key,
    )

    page.goto(base + home.get_url())
    page.locator("nav.site-nav").get_by_role("link", name=directory.menu_label, exact=True).click()
    page.wait_for_url(base + directory.get_url())

    search = page.locator("form.directory-search")
    search.locator("input[name=q]").fill(query)
    search.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?.*q="))
    cards = page.locator(".actor-card__title a")
    expect(cards).to_have_count(broad_count)

    # Facet labels carry their counts ("Association (2)"): choose by value, as a person chooses
    # by the visible name.
    search.locator("select[name=family]").select_option(Family.ASSOCIATION.value)
    search.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"family=" + Family.ASSOCIATION.value))
    expect(cards).to_have_count(1)
    expect(search.locator("select[name=family]")).to_have_value(Family.ASSOCIATION.value)
    expect(search.locator("input[name=q]")).to_have_value(query)

    cards.first.click()
    page.wait_for_url(base + actor.get_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(actor.title)
    expect(page.locator("main")).to_contain_text("Montigny-en-Gohelle")


def test_the_public_searches_the_directory_and_opens_a_profile(
    demo_site, live_server, browser_page
):
    # "insertion" finds ADDS, Identités Mutuelle and the Jardins d'insertion; only ADDS is an
    # association.
    search_and_open_profile(browser_page, live_server.url, "fr", "insertion", broad_count=3)


def test_the_same_search_in_english(demo_site, live_server, browser_page):
    assert DirectoryIndexPage.objects.live().filter(locale__language_code="en").exists()
    # The acronym survives translation; it names one actor only, so the filter keeps it.
    search_and_open_profile(browser_page, live_server.url, "en", "ADDS", broad_count=1)
