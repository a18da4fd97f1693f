"""Shared fixtures: the demo-free minimal site (a French home page as the default site's root)."""

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage


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
