"""Shared fixtures: the demo-free minimal site (a French home page as the default site's root),
and an empty cache."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import HomePage


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
