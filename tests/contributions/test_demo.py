"""The demo's privacy notice: the form's consent links to it, in both languages."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_form_links_to_the_demo_privacy_notice(client):
    call_command("load_demo", stdout=StringIO())
    french = client.get("/fr/contribuer/proposer/").content.decode()
    assert 'href="/fr/donnees-personnelles-contributions/"' in french
    notice = client.get("/fr/donnees-personnelles-contributions/").content.decode()
    assert "12 mois" in notice and "CNIL" in notice
    english = client.get("/en/contribute/suggest/").content.decode()
    assert 'href="/en/personal-data-contributions/"' in english
    assert "Retention period" in client.get("/en/personal-data-contributions/").content.decode()
