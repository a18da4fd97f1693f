"""Fixtures of the contribution tests: a directory with one live actor, a valid submission,
and a form token shown long enough ago for a person to have filled it."""

import time
import uuid

import pytest
from django.core import signing
from wagtail.models import Locale

from contributions import tokens
from directory.models import ActorPage, Commune, DirectoryIndexPage, Sector
from tests.directory.conftest import luhn_siret

LISTED_SIRET = luhn_siret("1234567890001")
NEW_SIRET = luhn_siret("9876543210001")


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """Rate-limit counters live in the cache: each test starts without."""


def form_token(seconds_ago=10):
    return signing.dumps(
        {"t": time.time() - seconds_ago, "n": uuid.uuid4().hex}, salt=tokens.SALT, compress=True
    )


@pytest.fixture
def directory(home_page):
    index = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    index.save_revision().publish()
    return index


@pytest.fixture
def sector(db):
    return Sector.objects.create(name="Insertion", locale=Locale.get_default())


@pytest.fixture
def actor(directory, sector):
    page = ActorPage(
        title="Jardins d'essai",
        siret=LISTED_SIRET,
        summary="Des paniers de légumes.",
        commune=Commune.objects.get(insee_code="62427"),
    )
    directory.add_child(instance=page)
    page.sectors.set([sector])
    page.save_revision().publish()
    return ActorPage.objects.get(pk=page.pk)


def submission(**fields):
    """A complete, valid submission for a new actor; `fields` replace or add values."""
    data = {
        "title": "Recyclerie d'essai",
        "siret": "",
        "family": "association",
        "commune": "62427",
        "street_address": "1 rue d'essai",
        "website": "https://recyclerie.example.org",
        "email": "contact@recyclerie.example.org",
        "phone": "03 21 00 00 00",
        "summary": "Réemploi d'objets.",
        "submitter_name": "Camille Essai",
        "submitter_email": "camille@example.org",
        "submitter_relation": "bénévole",
        "consent": "on",
        "contact_url": "",
        "started": form_token(),
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
