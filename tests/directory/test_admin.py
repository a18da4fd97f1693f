"""Editors create actors in the admin and get French messages for wrong identifiers."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from directory.models import ActorPage

pytestmark = pytest.mark.django_db


def actor_form(**fields):
    data = {
        "title": "Coopérative d'essai",
        "slug": "cooperative-d-essai",
        "summary": "",
        "family": "cooperative",
        "sectors": [],
        "headcount_band": "",
        "street_address": "",
        "commune": "",
        "siret": "",
        "rna": "",
        "founding_year": "",
        "website": "",
        "email": "",
        "phone": "",
        "image": "",
        "image_alt": "",
        "body": streamfield([]),
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(directory):
    return f"/admin/pages/add/directory/actorpage/{directory.pk}/"


def test_editor_creates_an_actor(admin_client, directory):
    assert admin_client.get(add_url(directory)).status_code == 200
    response = admin_client.post(add_url(directory), actor_form(siret="35600000000015"))
    assert response.status_code == 302
    actor = ActorPage.objects.get(slug="cooperative-d-essai")
    assert (actor.family, actor.siret) == ("cooperative", "35600000000015")


def test_wrong_siret_and_rna_are_explained_in_french(admin_client, directory):
    response = admin_client.post(
        add_url(directory), actor_form(siret="12345678901234", rna="123", founding_year="1700")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "clé de contrôle ne correspond pas" in html
    assert "W suivi de 9 chiffres" in html
    assert "postérieure à 1800" in html
    assert not ActorPage.objects.exists()
