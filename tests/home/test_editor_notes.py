"""Editors' notes ("data to be completed…") never reach the public: not on any page of the demo
site in either language, not in the site search; they show in the admin preview only."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

from core.blocks import EditorNoteBlock


def editor_notes(page):
    """The texts of the editor notes in the page's stream fields."""
    notes = []
    for field in page._meta.get_fields():
        value = getattr(page, field.name, None) if hasattr(field, "stream_block") else None
        for block in value or []:
            if block.block_type == "editor_note":
                notes.append(str(block.value))
    return notes


@pytest.fixture
def demo(db, empty_cache):
    call_command("load_demo", stdout=StringIO())
    cache.clear()
    return list(Page.objects.filter(depth__gt=1).live().order_by("path").specific())


def test_the_demo_has_editor_notes_in_both_languages(demo):
    languages = {page.locale.language_code for page in demo if editor_notes(page)}
    assert languages == {"fr", "en"}


def test_no_editor_note_in_any_public_page_of_the_demo(client, demo):
    notes = [note for page in demo for note in editor_notes(page)]
    for page in demo:
        html = client.get(page.get_url()).content.decode()
        assert "editor-note" not in html, page.url
        for note in notes:
            assert note[:40] not in html, (page.url, note)


def test_the_site_search_does_not_find_an_editor_note(client, demo):
    for path in ("/fr/recherche/?q=compl%C3%A9ter", "/en/search/?q=completed"):
        html = client.get(path, follow=True).content.decode()
        assert "données à compléter" not in html and "data to be completed" not in html


def test_the_admin_preview_shows_the_editor_note(demo):
    page = next(page for page in demo if page.locale.language_code == "fr" and editor_notes(page))
    html = page.make_preview_request().content.decode()
    assert 'class="editor-note"' in html and "données à compléter" in html


def test_the_block_chooser_preview_shows_a_note():
    block = EditorNoteBlock()
    value = block.get_preview_value()
    html = block.render(value, block.get_preview_context(value, {}))
    assert "editor-note" in html
    assert block.render(value, {}) == ""
    assert block.get_searchable_content(value) == []
