"""Fixtures of the directory tests: a directory under the home page and an actor builder."""

import pytest
from wagtail.models import Locale

from directory.models import ActorPage, Commune, DirectoryIndexPage, Sector


def luhn_siret(first13: str) -> str:
    """A 14-digit SIRET whose last digit makes the Luhn key valid (synthetic test numbers)."""
    for last in "0123456789":
        candidate = first13 + last
        total = 0
        for position, char in enumerate(reversed(candidate)):
            digit = int(char) * (2 if position % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


@pytest.fixture
def directory(home_page):
    index = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_actor(directory):
    def make(title, *, sectors=(), commune=None, publish=True, **fields):
        actor = ActorPage(title=title, **fields)
        if commune:
            actor.commune = Commune.objects.get(insee_code=commune)
        directory.add_child(instance=actor)
        if sectors:
            actor.sectors.set(sectors)
        revision = actor.save_revision()
        if publish:
            revision.publish()
        else:
            actor.unpublish()
        return actor

    return make


@pytest.fixture
def make_sector(db):
    def make(name):
        return Sector.objects.create(name=name, locale=Locale.get_default())

    return make
