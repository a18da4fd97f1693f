"""Shared fixtures: the demo-free minimal site (a French home page as the default site's root),
and an empty cache."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.hooks import search_for_hooks
from wagtail.models import Locale, Page, Site

from home.models import HomePage

# The apps' wagtail_hooks modules register snippets (the factsheet's Indicator, which figure
# cards and chart rows choose): the admin loads them on its first request, a test that only
# cleans a block would find the snippet unregistered, and pass or fail with the test order.
search_for_hooks()


def pytest_collection_modifyitems(items):
    """Tests that run outside a transaction empty the database when they end (Django flushes it),
    which takes the root page and the locales from every later test in the same process. pytest
    runs them last, but a parallel worker runs whole files in turn: mark them `serial`, and
    `make test` runs them in a process of their own, after the parallel run."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (marker and marker.kwargs.get("transaction")) or {
            "transactional_db",
            "live_server",
        } & set(item.fixturenames):
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in French: a request to /en/ leaves English active in the thread
    (LocaleMiddleware does not reset it), which changes how later tests format numbers."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Accueil", slug="accueil", locale=Locale.get_default())
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "ESS"},
    )
    return home


@pytest.fixture
def empty_cache():
    """The cache empty before and after the test: another test's pages and generation must not
    be served to this one."""
    cache.clear()
    yield
    cache.clear()
