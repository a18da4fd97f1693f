"""Fixtures of the cache tests: a published page shown in the menu (the empty cache is shared:
tests/conftest.py)."""

import pytest

from home.models import SiteSettings

from .builders import content


@pytest.fixture
def missions(home_page):
    # The first visit would otherwise create the site settings, which empties the cache.
    SiteSettings.for_site(home_page.get_site())
    return content(home_page, title="Nos missions", slug="missions", show_in_menus=True)
