"""Wagtail's own admin texts in the editor's chosen language, never a mix of two."""

import re

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from tests.accounts import create_member

pytestmark = pytest.mark.django_db


def redirects_listing(client, language):
    admin = create_member(f"admin-{language}", superuser=True)
    admin.wagtail_userprofile.preferred_language = language
    admin.wagtail_userprofile.save()
    Redirect.objects.create(old_path="/ancien", redirect_link="https://www.esshdf.org/")
    client.force_login(admin)
    html = client.get(reverse("wagtailredirects:index")).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_redirects_filter_speaks_english_to_an_english_editor(client):
    text = redirects_listing(client, "en")
    assert "Add redirect" in text
    for english in ("Permanent", "Temporary", "All"):
        assert f" {english} " in text, english
    for french in ("Permanente", "Temporaire", "Tous", "Ajouter une règle"):
        assert french not in text, french


def test_the_redirects_filter_speaks_french_to_a_french_editor(client):
    text = redirects_listing(client, "fr")
    assert "Ajouter une règle de redirection" in text
    for french in ("Permanente", "Temporaire", "Tous"):
        assert f" {french} " in text, french
    for english in ("Temporary", "Add redirect"):
        assert english not in text, english
