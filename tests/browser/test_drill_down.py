"""The drill-down in a real browser: the demo factsheet's status chart, each linked slice
reached with the keyboard, shown focused, and followed to the directory listing exactly the
count it announces; each slice and each commune of the factsheet's map clicked with the mouse
lands on the directory showing the count it announced; no axe violation, French and English,
on a phone and a desktop."""

import re

import pytest

from factsheet.models import FactsheetPage

from .axe import axe_failures
from .conftest import WIDTHS, focus_colour

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
            # Each chart is drawn for a phone and for a wide screen; one drawing shows.
            assert injectable_page.locator("a.chart__link:visible").count() == 2, path
            assert injectable_page.locator(".commune-map-block .commune-map").count() == 1, path
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
        focused["stroke"] == focus_colour(browser_page)
        and float(focused["strokeWidth"].removesuffix("px")) >= 3
    )
    announced = re.search(r"(?:Voir|See) (?:les |the )?(\d+)", focused["name"]).group(1)
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/?family=association")
    assert listed_count(browser_page) == int(announced)


def listed_count(page):
    """The number the directory's results heading starts with ("4 associations", "1 acteur ·
    Montigny-en-Gohelle")."""
    heading = page.locator("#results-heading").inner_text()
    return int(re.match(r"(\d+) ", heading).group(1))


# A point inside the link's shape, in the page's coordinates: a donut slice's box has its
# centre in the hole, so the point is taken halfway between the outer and the inner arc.
POINT_IN_SHAPE = """link => {
    const shape = link.querySelector('.chart__shape');
    const length = shape.getTotalLength();
    const outer = shape.getPointAtLength(length * 0.25);
    const inner = shape.getPointAtLength(length * 0.75);
    const point = new DOMPoint((outer.x + inner.x) / 2, (outer.y + inner.y) / 2)
        .matrixTransform(shape.getScreenCTM());
    const hit = document.elementFromPoint(point.x, point.y);
    return {x: point.x, y: point.y, inside: !!hit && hit.closest('a') === link};
}"""


def click_on_shape(page, link):
    """A real mouse click on the slice itself (not on the link's element box)."""
    link.scroll_into_view_if_needed()
    point = link.evaluate(POINT_IN_SHAPE)
    assert point["inside"], point
    page.mouse.click(point["x"], point["y"])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_slice_clicked_lists_what_it_announces(demo_site, live_server, browser_page, language):
    path = factsheets()[0 if language == "fr" else 1]
    browser_page.goto(live_server.url + path)
    links = browser_page.locator("a.chart__link:visible")  # the drawing this width shows
    names = links.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert len(names) == 2, names  # associations and mutual societies; no cooperative listed
    for index, name in enumerate(names):
        announced = int(re.search(r"(?:Voir|See) (?:les |the )?(\d+)", name).group(1))
        browser_page.goto(live_server.url + path)
        click_on_shape(browser_page, browser_page.locator("a.chart__link:visible").nth(index))
        browser_page.wait_for_url(re.compile(r"\?family=\w+$"))
        assert listed_count(browser_page) == announced, name


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_commune_clicked_on_the_factsheet_map_lists_what_it_announces(
    demo_site, live_server, browser_page, language
):
    """The factsheet's map counts the actors listed in the directory, live; a commune's link
    lists them. Montigny-en-Gohelle is the one commune the brochure gives an actor (ADDS)."""
    path = factsheets()[0 if language == "fr" else 1]
    browser_page.goto(live_server.url + path)
    commune = browser_page.locator(".commune-map-block a[aria-label^='Montigny-en-Gohelle']")
    name = commune.get_attribute("aria-label")
    announced = int(re.search(r": (\d+) act", name).group(1))
    assert announced >= 1, name
    commune.click()
    browser_page.wait_for_url("**/?commune=62587")
    assert listed_count(browser_page) == announced, name
    # The same results as a map, one click away: the commune's count is the same.
    browser_page.get_by_role(
        "link", name=re.compile("Carte par commune|Map by municipality")
    ).click()
    browser_page.wait_for_url(re.compile(r"vue=carte"))
    on_map = browser_page.locator(".directory-map a[aria-label^='Montigny-en-Gohelle']")
    assert on_map.get_attribute("aria-label") == name
