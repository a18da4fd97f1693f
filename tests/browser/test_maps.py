"""The maps in a real browser: the directory's results as a map and a profile's locator, in
French and English, on a phone and a desktop, with axe-core and with the keyboard alone."""

import pytest
from wagtail.models import Locale

from directory.models import ActorPage, DirectoryIndexPage

from .axe import axe_failures
from .conftest import WIDTHS, focus_colour

pytestmark = pytest.mark.browser


def map_pages():
    """The directory as a map and a profile with a commune, in each language."""
    paths = []
    for language in ("fr", "en"):
        locale = Locale.objects.get(language_code=language)
        directory = DirectoryIndexPage.objects.live().get(locale=locale)
        actor = ActorPage.objects.live().filter(locale=locale, commune__isnull=False).first()
        assert actor is not None, f"the demo has no {language} actor with a commune"
        paths += [directory.url + "?vue=carte", actor.url]
    return paths


def test_maps_have_no_wcag_21_aa_violation_at_375_and_1280_px(
    demo_site, live_server, injectable_page, artifacts_dir
):
    failures = []
    for path in map_pages():
        for width in WIDTHS:
            injectable_page.set_viewport_size({"width": width, "height": 900})
            response = injectable_page.goto(live_server.url + path)
            assert response.status == 200, path
            assert injectable_page.locator(".commune-map, .commune-locator").count() == 1, path
            name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
            injectable_page.screenshot(
                path=str(artifacts_dir / f"map-{name}-{width}.png"), full_page=True
            )
            failures += axe_failures(injectable_page, f"{path} @ {width}px")
    assert failures == [], "\n".join(failures)


FOCUSED = """() => {
    const el = document.activeElement;
    const shape = el && el.querySelector && el.querySelector('path');
    return el && el.closest('svg') ? {
        name: el.getAttribute('aria-label'),
        stroke: shape ? getComputedStyle(shape).stroke : null,
        strokeWidth: shape ? getComputedStyle(shape).strokeWidth : null,
    } : null;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_commune_of_the_map_is_reached_and_followed_with_the_keyboard(
    demo_site, live_server, browser_page, width
):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(live_server.url + map_pages()[0])
    focused = None
    for _ in range(80):
        browser_page.keyboard.press("Tab")
        if focused := browser_page.evaluate(FOCUSED):
            break
    assert focused, "Tab never reached a commune of the map"
    # Communes come in the order of their names, each named with its count.
    assert focused["name"].startswith("Bois-Bernard : ")
    # Visible focus: the commune's outline turns to the site's focus colour, thicker.
    assert (
        focused["stroke"] == focus_colour(browser_page)
        and float(focused["strokeWidth"].removesuffix("px")) >= 3
    )
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate(FOCUSED)["name"].startswith("Carvin : ")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/annuaire/?commune=62215")
    assert browser_page.locator("select#id_commune").input_value() == "62215"
