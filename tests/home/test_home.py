"""The skeleton every page shares and the demo command that builds the site."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_both_content_languages_exist_from_the_first_migration():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"fr", "en"}


def test_bare_root_redirects_to_french(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_skeleton_is_accessible(client, home_page):
    html = client.get("/fr/").content.decode()
    assert '<html lang="fr">' in html
    assert html.count("<h1") == 1
    assert '<a class="skip-link" href="#contenu">' in html
    assert '<main id="contenu"' in html
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Navigation principale"' in html


def test_admin_is_outside_the_language_prefix(client):
    assert client.get("/admin/").status_code == 302
    assert client.get("/fr/admin/").status_code == 404


def test_load_demo_builds_the_site_and_keeps_content_on_second_run():
    call_command("load_demo", stdout=StringIO())
    home = HomePage.objects.get(locale__language_code="fr")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    home.title = "Titre modifié par une éditrice"
    home.save_revision().publish()
    call_command("load_demo", stdout=StringIO())
    assert (
        HomePage.objects.get(locale__language_code="fr").title == "Titre modifié par une éditrice"
    )
