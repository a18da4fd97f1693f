"""The drill-down in a real browser: the demo factsheet's status chart, each linked slice
reached with the keyboard, shown focused, and followed to the directory listing exactly the
count it announces; no axe violation, French and English, on a phone and a desktop."""

import re

import pytest

from factsheet.models import FactsheetPage

from .axe import axe_failures
from .conftest import WIDTHS

pytestmark = pytest.mark.browser


def factsheets():
    return [
        FactsheetPage.objects.live().get(locale__language_code=lang).url for lang in ("fr", "en")
    ]


def test_the_linked_chart_has_no_wcag_21_aa_violation(demo_site, live_server, injectable_page):
    failures = []
    for path in factsheets():
        for width in WIDTHS:
            injectable_page.set_viewport_size({"width": width, "height": 900})
            assert injectable_page.goto(live_server.url + path).status == 200
            assert injectable_page.locator("a.chart__link").count() == 2, path
            failures += axe_failures(injectable_page, f"{path} @ {width}px")
    assert failures == [], "\n".join(failures)


FOCUSED = """() => {
    const el = document.activeElement;
    const shape = el && el.querySelector && el.querySelector('.chart__shape');
    return el && el.classList && el.classList.contains('chart__link') ? {
        name: el.getAttribute('aria-label'),
        stroke: getComputedStyle(shape).stroke,
        strokeWidth: getComputedStyle(shape).strokeWidth,
    } : null;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_slice_is_reached_and_followed_with_the_keyboard(
    demo_site, live_server, browser_page, width, language
):
    path = factsheets()[0 if language == "fr" else 1]
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(live_server.url + path)
    focused = None
    for _ in range(120):
        browser_page.keyboard.press("Tab")
        if focused := browser_page.evaluate(FOCUSED):
            break
    assert focused, "Tab never reached a slice of the chart"
    assert focused["name"].startswith("Associations 89")
    assert (
        focused["stroke"] == "rgb(179, 71, 0)"
        and float(focused["strokeWidth"].removesuffix("px")) >= 3
    )
    announced = re.search(r"(?:Voir|See) (?:les |the )?(\d+)", focused["name"]).group(1)
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/?family=association")
    heading = browser_page.locator("#results-heading").inner_text()
    assert heading.startswith(f"{announced} act"), heading
