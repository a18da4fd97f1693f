"""An indicator's page in a real browser: reached from its figure card, axe-clean in both
languages and at both widths, with its series chart when two editions give it."""

import copy

import pytest

from factsheet import indicators
from factsheet.models import FactsheetPage

from .axe import axe_failures
from .conftest import WIDTHS

pytestmark = pytest.mark.browser


@pytest.fixture
def second_edition(demo_site, monkeypatch):
    """A 2021 edition with clearly test values, and the demo page as the 2023 edition."""
    latest = FactsheetPage.objects.get(locale__language_code="fr")
    latest.reference_year = 2023
    latest.save_revision().publish()
    latest = FactsheetPage.objects.get(pk=latest.pk)
    body = copy.deepcopy(list(latest.body.raw_data))
    for block in body:
        if block["type"] == "figure_group":
            for figure in block["value"]["figures"]:
                if figure["value"].get("key") == "emplois":
                    figure["value"]["value"] = "3000"
    older = FactsheetPage(
        title="Chiffres clés 2021 (test)",
        slug="chiffres-2021",
        territory=latest.territory,
        reference_year=2021,
        body=body,
    )
    latest.get_parent().add_child(instance=older)
    older.save_revision().publish()
    monkeypatch.setattr(indicators, "edition_pages", lambda page: [older, latest])
    return older, latest


def test_a_card_leads_to_its_indicator_page_which_has_no_axe_violation(
    demo_site, live_server, injectable_page
):
    page = injectable_page
    page.goto(live_server.url + "/fr/chiffres-cles/")
    page.get_by_role("link", name="Définition et série – Emplois de l'ESS").click()
    page.wait_for_url("**/fr/chiffres-cles/indicateurs/emplois/")
    assert page.get_by_role("heading", level=1).inner_text() == "Emplois de l'ESS"
    failures = []
    for path in ("/fr/chiffres-cles/indicateurs/emplois/", "/en/key-figures/indicators/emplois/"):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.goto(live_server.url + path).status == 200
            failures += axe_failures(page, f"{path} @ {width}px")
    assert failures == [], "\n".join(failures)


def test_a_series_chart_is_drawn_and_accessible(second_edition, live_server, injectable_page):
    page = injectable_page
    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(live_server.url + "/fr/chiffres-cles/indicateurs/emplois/").status == 200
        chart = page.get_by_role("img", name="Emplois de l'ESS")
        assert chart.is_visible()
        assert chart.bounding_box()["width"] <= width
        failures += axe_failures(page, f"series @ {width}px")
    assert failures == [], "\n".join(failures)
    assert "+25,4" in page.locator("table.indicator__table").inner_text()
