"""The public face on a phone and a desktop: the page title in the first screen, the menu as a
disclosure that works from the keyboard without JavaScript, search one tap away."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def test_the_page_title_is_in_the_first_screen_on_a_phone(demo_site, live_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    late = []
    for sample in demo_site:
        browser_page.goto(live_server.url + sample.path)
        top = browser_page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
        if top >= PHONE["height"]:
            late.append(f"{sample.path}: h1 at {top:.0f} px")
    assert late == []


def test_the_phone_menu_is_a_disclosure_opened_from_the_keyboard(demo_site, live_server, chromium):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/fr/")
    menu_link = page.locator(".site-nav a", has_text="Annuaire")
    assert not menu_link.is_visible()
    summary = page.locator(".site-menu > summary")
    assert summary.inner_text().strip() == "Menu"
    summary.focus()
    page.keyboard.press("Enter")
    assert menu_link.is_visible()
    assert page.locator(".site-menu").get_attribute("open") is not None
    # The short menu title, not the page's sentence-long title.
    assert menu_link.inner_text().strip() == "Annuaire"
    # Search is one tap away.
    page.locator(".site-header__search-link").click()
    assert page.url.endswith("/fr/recherche/")
    assert page.locator("main input[type=search]").is_visible()
    context.close()


def test_the_desktop_menu_is_always_shown(demo_site, live_server, browser_page):
    browser_page.goto(live_server.url + "/en/")
    assert browser_page.locator(".site-nav a", has_text="Directory").is_visible()
    assert not browser_page.locator(".site-menu > summary").is_visible()
    assert browser_page.locator(".site-header input[type=search]").is_visible()
