"""axe-core on every public page type, in every language it exists in, on a phone and a desktop.

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
    failures, screenshots = [], []
    for sample in demo_site:
        for width in WIDTHS:
            injectable_page.set_viewport_size({"width": width, "height": 900})
            response = injectable_page.goto(live_server.url + sample.path)
            assert response.status == 200, f"{sample.path}: {response.status}"
            shot = artifacts_dir / f"{sample.slug}-{width}.png"
            injectable_page.screenshot(path=str(shot), full_page=True)
            screenshots.append(shot)
            failures += axe_failures(injectable_page, f"{sample.path} @ {width}px")
    print(f"\naxe: {len(demo_site)} page types × {len(WIDTHS)} widths, {len(failures)} violations")
    assert failures == [], "\n".join(failures)
    assert all(shot.stat().st_size > 1000 for shot in screenshots)


def test_axe_catches_a_violation_on_the_site_skeleton(demo_site, live_server, injectable_page):
    """The check above means something only if axe really runs against our pages."""
    injectable_page.goto(live_server.url + demo_site[0].path)
    injectable_page.evaluate("document.documentElement.removeAttribute('lang')")
    assert "html-has-lang" in {v["id"] for v in axe_violations(injectable_page)}
