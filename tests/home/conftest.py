"""Fixtures of the cache tests: an empty cache, and a published page shown in the menu."""

import pytest
from django.core.cache import cache

from home.models import SiteSettings

from .builders import content


@pytest.fixture
def empty_cache():
    """The cache empty before and after the test: another test's pages and generation must not
    be served to this one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def missions(home_page):
    # The first visit would otherwise create the site settings, which empties the cache.
    SiteSettings.for_site(home_page.get_site())
    return content(home_page, title="Nos missions", slug="missions", show_in_menus=True)
