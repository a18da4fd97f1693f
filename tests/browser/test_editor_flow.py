"""An Éditeur and a Modérateur publish a change together, in the French admin, in Chromium.

The Éditeur changes a page, sees it in the preview panel with Wagtail's accessibility checks,
and submits it to the "Relecture et publication" workflow; the public site does not show it
until a Modérateur approves it. Without the workflow there is no "Soumettre à …" action and
the test fails.
"""

import re

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from home.roles import WORKFLOW
from tests.accounts import PASSWORD, create_editor, create_moderator

pytestmark = pytest.mark.browser

NEW_INTRODUCTION = (
    "Les 196 établissements employeurs de l'ESS font 9,5 % des emplois du territoire."
)


def log_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(f"{base_url}/admin/")


def write_rich_text(page, field_name, text):
    """Replace a Draftail field's text, and wait until the form holds it."""
    editor = page.locator(f"[data-field-wrapper]:has(#id_{field_name}) [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    # Draftail writes to its hidden input a moment after typing: submitting earlier loses text.
    expect(page.locator(f"#id_{field_name}")).to_have_value(re.compile(re.escape(text[:30])))


def choose_more_action(page, label):
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name=label).click()


def test_editor_submits_a_change_that_a_moderator_approves_and_publishes(
    demo_site, live_server, browser_page
):
    page, base = browser_page, live_server.url
    home = HomePage.objects.get(locale__language_code="fr")
    public_url = base + home.get_url()
    create_editor("editrice")
    create_moderator("moderateur")

    log_in(page, base, "editrice")
    page.goto(f"{base}/admin/pages/{home.pk}/edit/")
    write_rich_text(page, "introduction", NEW_INTRODUCTION)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("a été mise à jour")

    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    preview = page.frame_locator("#w-preview-iframe").locator("main")
    expect(preview).to_contain_text(NEW_INTRODUCTION)
    # Wagtail's checker runs axe and the content metrics inside the preview (it needs the
    # userbar in base.html): a word count proves it ran, and it finds no problem.
    page.get_by_role("button", name="Activer/désactiver les vérifications").click()
    expect(page.locator("[data-content-word-count]")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("[data-content-checker-count]")).to_have_text("0")

    expect(page.get_by_role("button", name="Publier")).to_have_count(0)
    choose_more_action(page, f"Soumettre à {WORKFLOW}")
    expect(page.locator(".messages")).to_contain_text("soumise pour modération")

    page.goto(public_url)
    expect(page.locator("main")).not_to_contain_text(NEW_INTRODUCTION)

    log_in(page, base, "moderateur")
    page.goto(f"{base}/admin/pages/{home.pk}/edit/")
    choose_more_action(page, "Approuver et Publier")
    expect(page.locator(".messages")).to_contain_text(home.title)

    page.context.clear_cookies()
    page.goto(public_url)
    expect(page.locator("main")).to_contain_text(NEW_INTRODUCTION)
