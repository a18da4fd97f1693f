"""Headless Chromium (Debian's, driven by Playwright) against Django's live server.

Without Playwright or Chromium the browser tests skip with a message saying what to install;
in CI (CI=true) that skip is a failure, so a green CI always means the browser tests ran.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from .public_pages import public_page_samples

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls
# unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
WIDTHS = (375, 1280)


def skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        skip_or_fail("Playwright absent : pip install -e '.[test]'")
    # As long as an action may wait (new_page): two workers share the machine's CPUs, and an
    # admin action answered in 6 s is slow, not wrong.
    expect.set_options(timeout=10_000)
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        skip_or_fail(f"Chromium absent ({CHROMIUM}) : apt-get install chromium")
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Playwright switches greenlets, and with them the context Django keeps its database
        # connections in: the connections seen from here on are new objects, without the copy
        # of the migrated data that a serialized rollback restores. Hand it over.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(chromium, **options):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", **options
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def browser_page(chromium):
    """A fresh tab in a fresh context (no cookies shared between tests), 1280 px wide."""
    page = new_page(chromium)
    yield page
    page.context.close()


@pytest.fixture
def injectable_page(chromium):
    """Like browser_page, but the site's CSP lets the test inject a script (axe-core) or a style.

    The policy itself is checked in a real browser by tests/hardening/test_browser_csp.py.
    """
    page = new_page(chromium, bypass_csp=True)
    yield page
    page.context.close()


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, live_server):
    """The demo content, served by the live server; returns the public page samples.

    The live server needs committed data, hence a transactional database; the serialized
    rollback restores what migrations created (locales, roles, workflow) for the next test.
    """
    call_command("load_demo", stdout=io.StringIO())
    samples = public_page_samples()
    assert samples, "the demo has no public page"
    return samples


@pytest.fixture
def artifacts_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def focus_colour(page):
    """The site's focus colour (the CSS variable --focus) as the browser computes colours,
    "rgb(…)": tests compare a focused element with it rather than with a copy of the value."""
    return page.evaluate(
        """() => {
            const probe = document.createElement("span");
            probe.style.color = "var(--focus)";
            document.body.append(probe);
            const colour = getComputedStyle(probe).color;
            probe.remove();
            return colour;
        }"""
    )
