"""What makes the admin comfortable for the CAHC's editors: French, previews that look like the
site."""

import pytest
from django.urls import reverse

from core.figures import FigureCardBlock
from tests.accounts import create_editor
from tests.editors.page_forms import home_form

pytestmark = pytest.mark.django_db


def test_admin_speaks_french_to_a_new_editor_whatever_their_browser_says(client):
    client.force_login(create_editor())
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-GB,en").content.decode()
    assert "Tableau de bord" in html
    assert "Dashboard" not in html


def test_an_editor_who_chose_english_keeps_it(client):
    editor = create_editor()
    editor.wagtail_userprofile.preferred_language = "en"
    editor.wagtail_userprofile.save()
    client.force_login(editor)
    assert "Dashboard" in client.get("/admin/").content.decode()


def test_block_previews_use_the_site_stylesheet(client):
    block = FigureCardBlock()
    client.force_login(create_editor())
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert 'class="figure-card' in html


def test_page_preview_carries_the_accessibility_checker(client, home_page):
    client.force_login(create_editor())
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk])
    response = client.post(preview_url, home_form(home_page.title, "Aperçu", slug=home_page.slug))
    assert response.json()["is_valid"]
    html = client.get(preview_url, {"in_preview_panel": "true"}).content.decode()
    # Wagtail's checker (axe rules chosen for editors) comes with the userbar of base.html.
    assert 'id="checker-axe-configuration"' in html
