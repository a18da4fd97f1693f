"""Factsheet fixtures: a published factsheet page built from the demo body."""

import copy

import pytest

from factsheet.models import FactsheetPage
from tests.factsheet.demo_body import body_with_indicators


@pytest.fixture
def make_factsheet(home_page):
    def make(body=None, slug="chiffres-cles", **fields):
        page = FactsheetPage(
            title="Les chiffres clés",
            slug=slug,
            territory="CA Hénin-Carvin",
            body=body_with_indicators() if body is None else copy.deepcopy(body),
            **fields,
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
        return FactsheetPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def factsheet(make_factsheet):
    return make_factsheet()
