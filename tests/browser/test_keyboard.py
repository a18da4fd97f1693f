"""Keyboard only: on every public page type the skip link comes first and works, Tab reaches
every interactive element, and the focused element always shows a visible indicator."""

import pytest

pytestmark = pytest.mark.browser

# Everything a keyboard user can reach with Tab, each tagged with its unfocused look so that the
# focused look can be compared with it.
MARK_TABBABLES = """() => {
    const selector = 'a[href], button, input, select, textarea, summary, iframe, ' +
        '[tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
    // checkVisibility() also rules out what sits in a closed <details> or a hidden ancestor.
    const tabbables = [...document.querySelectorAll(selector)].filter((el) =>
        !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]')
        && el.checkVisibility({visibilityProperty: true}));
    tabbables.forEach((el, index) => {
        const style = getComputedStyle(el);
        el.dataset.kbd = index;
        el.dataset.kbdShadow = style.boxShadow;
    });
    return tabbables.length;
}"""

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        && !/rgba\\(.*, 0\\)$/.test(style.outlineColor) && style.outlineColor !== 'transparent';
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== el.dataset.kbdShadow;
    return {
        key: el.dataset.kbd ?? null,
        id: el.id,
        description: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${
            (el.textContent || el.value || '').trim().slice(0, 40)}"`,
        skipLink: el.classList.contains('skip-link'),
        indicator: outline || shadow,
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth,
        inOrAfterMain: (() => {
            const main = document.querySelector('main');
            return main.contains(el)
                || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        })(),
    };
}"""

LINKS_FROM_MAIN = """() => [...document.querySelectorAll('main a[href], main button, main input, '
    + 'main select, main textarea, main summary, footer a[href], footer button')].length"""


def walk_with_tab(page, limit):
    """Focus states from the first Tab until focus leaves the page or comes back round."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state is None or (reached and state["key"] == reached[0]["key"]):
            break
        reached.append(state)
    return reached


def test_public_pages_work_with_the_keyboard_alone(demo_site, live_server, browser_page):
    problems = []
    for sample in demo_site:
        url = live_server.url + sample.path
        browser_page.goto(url)

        browser_page.keyboard.press("Tab")
        first = browser_page.evaluate(FOCUSED)
        if not (first and first["skipLink"] and first["onScreen"] and first["indicator"]):
            problems.append(f"{sample.path}: first Tab reaches {first}, not a visible skip link")
        browser_page.keyboard.press("Enter")
        if browser_page.evaluate("document.activeElement.id") != "contenu":
            problems.append(f"{sample.path}: Enter on the skip link does not focus <main>")
        browser_page.keyboard.press("Tab")
        after_skip = browser_page.evaluate(FOCUSED)
        # With nothing focusable from <main> on, focus rightly wraps round to the header.
        if (
            after_skip
            and not after_skip["inOrAfterMain"]
            and browser_page.evaluate(LINKS_FROM_MAIN)
        ):
            problems.append(f"{sample.path}: Tab after the skip link goes back to the header")

        browser_page.goto(url)
        count = browser_page.evaluate(MARK_TABBABLES)
        reached = walk_with_tab(browser_page, limit=count + 5)
        for state in reached:
            if not state["indicator"]:
                problems.append(f"{sample.path}: no visible focus on {state['description']}")
            if not state["onScreen"]:
                problems.append(f"{sample.path}: focus off screen on {state['description']}")
        missed = count - len({state["key"] for state in reached if state["key"] is not None})
        if missed:
            problems.append(
                f"{sample.path}: {missed} of {count} interactive elements never get focus"
            )
    assert problems == [], "\n".join(problems)


def test_a_missing_focus_indicator_is_caught(demo_site, live_server, injectable_page):
    injectable_page.goto(live_server.url + demo_site[0].path)
    injectable_page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important; }")
    count = injectable_page.evaluate(MARK_TABBABLES)
    reached = walk_with_tab(injectable_page, limit=count + 5)
    assert reached and not any(state["indicator"] for state in reached)
