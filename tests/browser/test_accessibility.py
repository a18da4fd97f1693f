"""axe-core on every public page type, in every language it exists in, on a phone and a desktop.

A listing with filters is checked filtered too: its form submitted with the first option of
its first list (the agenda by type, the directory by category…), counts and results redrawn.

Each page is also saved as a full-page screenshot in test-artifacts/screenshots/ (ignored by
git) so that a person can look at what the tests saw.
"""

import pytest

from .axe import axe_failures, axe_violations
from .conftest import WIDTHS

pytestmark = pytest.mark.browser


def test_public_pages_have_no_wcag_21_aa_violation_at_375_and_1280_px(
    demo_site, live_server, injectable_page, artifacts_dir
):
    failures, screenshots, filtered = [], [], []
    for sample in demo_site:
        for width in WIDTHS:
            injectable_page.set_viewport_size({"width": width, "height": 900})
            response = injectable_page.goto(live_server.url + sample.path)
            assert response.status == 200, f"{sample.path}: {response.status}"
            shot = artifacts_dir / f"{sample.slug}-{width}.png"
            injectable_page.screenshot(path=str(shot), full_page=True)
            screenshots.append(shot)
            failures += axe_failures(injectable_page, f"{sample.path} @ {width}px")
            if filter_by_first_option(injectable_page):
                where = f"{injectable_page.url.removeprefix(live_server.url)} @ {width}px"
                failures += axe_failures(injectable_page, where)
                filtered.append(injectable_page.url.removeprefix(live_server.url))
    print(
        f"\naxe: {len(demo_site)} page types (and {len(filtered) // len(WIDTHS)} filtered) "
        f"× {len(WIDTHS)} widths, {len(failures)} violations"
    )
    assert failures == [], "\n".join(failures)
    # The agenda, its two page types and its filtered listing, in both languages.
    agenda = {"agendaindexpage", "eventpage", "callforprojectspage"}
    assert {(s.kind, s.language) for s in demo_site if s.kind in agenda} == {
        (kind, language) for kind in agenda for language in ("fr", "en")
    }
    assert {"/fr/agenda/?type=evenement", "/en/agenda/?type=evenement"} <= {
        path.split("&")[0] for path in filtered
    }
    assert all(shot.stat().st_size > 1000 for shot in screenshots)


def filter_by_first_option(page):
    """Submit the page's filter form (a GET form of lists in the content) with the first
    option of its first list chosen; False when the page has none."""
    form = page.locator("main form[method='get']:has(select)")
    if not form.count():
        return False
    select = form.first.locator("select").first
    value = select.locator("option").evaluate_all(
        "options => options.map((option) => option.value).find(Boolean)"
    )
    select.select_option(value)
    with page.expect_navigation():
        form.first.locator("button[type='submit']").click()
    assert f"={value}" in page.url, page.url
    return True


def test_axe_catches_a_violation_on_the_site_skeleton(demo_site, live_server, injectable_page):
    """The check above means something only if axe really runs against our pages."""
    injectable_page.goto(live_server.url + demo_site[0].path)
    injectable_page.evaluate("document.documentElement.removeAttribute('lang')")
    assert "html-has-lang" in {v["id"] for v in axe_violations(injectable_page)}
