"""A Modérateur prepares next year's edition of the factsheet in the French admin, updates one
value, confirms another unchanged, is refused publication while a third is still the copied one,
updates it and publishes: the new edition is at /fr/chiffres-cles/<year>/ and the factsheet's
address shows it.

The previous edition's figures are test data (round numbers, labelled "de test") set on the
demo's factsheet, never figures of the brochure.
"""

import re

import pytest
from playwright.sync_api import expect

from factsheet.models import FactsheetPage
from home.models import HomePage
from tests.accounts import create_moderator

from .test_chart_paste import publish
from .test_editor_flow import fill_block_field, log_in, reveal_block_field

pytestmark = pytest.mark.browser

# (value, unit) of the previous edition's three cards.
CARDS = [("100", "emplois de test"), ("20", "établissements de test"), ("5", "structures de test")]
YEAR = 2023


def card(value, unit):
    return {"value": value, "kind": "number", "unit": unit, "scale": "units", "decimals": 0}


def field(index, name):
    return f"body-0-value-figures-{index}-value-{name}"


def autosave(response):
    """The answer to Wagtail's autosave: an edit form shown again with its errors posts itself
    in the background as soon as it loads, to save the draft. Reading the database while that
    request writes (the live server shares the test's SQLite connection) failed under load with
    "database table is locked: wagtailcore_page"."""
    request = response.request
    return (
        request.method == "POST"
        and not request.is_navigation_request()
        and re.search(r"/admin/pages/\d+/edit/$", request.url) is not None
    )


def test_a_moderator_prepares_updates_and_publishes_the_next_edition(
    demo_site, live_server, browser_page
):
    page, base = browser_page, live_server.url
    home = HomePage.objects.get(locale__language_code="fr")
    factsheet = FactsheetPage.objects.child_of(home).get()
    factsheet.reference_year = YEAR
    factsheet.body = [
        {
            "type": "figure_group",
            "value": {"heading": "Chiffres de test", "figures": [card(*c) for c in CARDS]},
        }
    ]
    factsheet.save_revision().publish()
    create_moderator("moderateur")

    log_in(page, base, "moderateur")
    page.goto(f"{base}/admin/pages/{home.pk}/")
    page.get_by_role(
        "button", name=re.compile(f"options pour « {re.escape(factsheet.title)} »")
    ).click()
    page.get_by_role("link", name="Préparer l'édition suivante").click()
    expect(page.locator("main")).to_contain_text("porte sur les données de 2023")
    page.get_by_role("button", name=f"Préparer l'édition {YEAR + 1}").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"L'édition {YEAR + 1} est prête en brouillon"
    )
    edition = FactsheetPage.objects.get(reference_year=YEAR + 1)
    assert not edition.live and edition.get_parent().pk == factsheet.pk

    fill_block_field(page, field(0, "value"), "110")  # updated
    reveal_block_field(page, field(1, "unchanged")).check()  # confirmed « inchangée »
    with page.expect_response(autosave):  # the database is read once the draft is saved
        publish(page)  # the third is still the copied value
    messages = page.locator(".messages")
    expect(messages).to_contain_text("ne sont pas encore mises à jour")
    expect(messages).to_contain_text("5 structures de test")
    expect(messages).not_to_contain_text("emplois de test")
    expect(messages).not_to_contain_text("établissements de test")
    edition.refresh_from_db()
    assert not edition.live

    fill_block_field(page, field(2, "value"), "6")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("publiée")
    edition.refresh_from_db()
    assert edition.live

    page.context.clear_cookies()
    for address in (f"/fr/chiffres-cles/{YEAR + 1}/", "/fr/chiffres-cles/"):
        assert page.goto(base + address).status == 200
        values = page.locator("main .figure-card__value").all_inner_texts()
        assert [text.split(" ", 1)[0] for text in values] == ["110", "20", "6"]
        expect(page.locator("main")).not_to_contain_text("pas encore")
    # The previous edition stays online as an archive.
    assert page.goto(f"{base}/fr/chiffres-cles/{YEAR}/").status == 200
    expect(page.locator("main")).to_contain_text("Édition archivée")
