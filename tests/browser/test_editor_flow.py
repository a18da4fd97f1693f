"""An Éditeur composes a factsheet and a Modérateur publishes it, in the French admin, in Chromium.

The Éditeur creates the page under the home page through the block chooser ("Insérer un bloc"),
fills a group of three figure cards and a donut chart, sees the formatted figures, the SVG and
its data table in the preview panel with Wagtail's accessibility checks, and submits the page to
the "Relecture et publication" workflow. Nothing is public until a Modérateur approves it; then
the public page shows what the preview showed. Without the workflow there is no "Soumettre à …"
action and the test fails.
"""

import re

import pytest
from playwright.sync_api import expect

from core.roles import WORKFLOW
from factsheet.models import FactsheetPage
from home.models import HomePage
from tests.accounts import PASSWORD, create_editor, create_moderator

pytestmark = pytest.mark.browser

TITLE = "L'ESS en chiffres à Hénin-Carvin"
# Figures from the brochure, typed as an editor types them; the reader gets French grouping
# with a narrow no-break space (U+202F).
FIGURES = [
    ("3761", "emplois ESS", "3\u202f761"),
    ("196", "établissements employeurs", "196"),
    ("126895", "habitant·es", "126\u202f895"),
]
CHART_TITLE = "Établissements par statut juridique"
CHART_ROWS = [("Associations", "89"), ("Coopératives", "6"), ("Mutuelles", "5")]
CHART_SUMMARY = "89 % d'associations, 6 % de coopératives et 5 % de mutuelles."


def log_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(f"{base_url}/admin/")


def reveal_block_field(page, name):
    """A StreamField input, once the collapsed blocks that hide it are opened."""
    field = page.locator(f"[name='{name}']")
    # Figure cards are collapsed when added; their sections open from the outside in.
    hidden_sections = field.evaluate(
        """field => {
            const ids = [];
            for (let node = field.parentElement; node; node = node.parentElement) {
                if (node.classList.contains("w-panel__content") && node.hidden) ids.push(node.id);
            }
            return ids.reverse();
        }"""
    )
    for section_id in hidden_sections:
        page.locator(f"button[aria-controls='{section_id}']").click()
    return field


def fill_block_field(page, name, value, *, choice=False):
    """Fill a StreamField input, opening the collapsed blocks that hide it first."""
    field = reveal_block_field(page, name)
    if choice:
        field.select_option(label=value)
    else:
        field.fill(value)


def insert_block(page, label):
    page.get_by_role("button", name="Insérer un bloc").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def add_list_item(page, list_name):
    page.locator(f"[data-contentpath='{list_name}'] button[title='Ajouter']").last.click()


def compose_factsheet(page):
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_territory").fill("CA Hénin-Carvin")

    insert_block(page, "Groupe de chiffres")
    fill_block_field(page, "body-0-value-heading", "L'emploi et les établissements")
    for index, (value, unit, _) in enumerate(FIGURES):
        if index:
            add_list_item(page, "figures")
        fill_block_field(page, f"body-0-value-figures-{index}-value-value", value)
        fill_block_field(page, f"body-0-value-figures-{index}-value-unit", unit)

    insert_block(page, "Graphique")
    fill_block_field(page, "body-1-value-title", CHART_TITLE)
    fill_block_field(page, "body-1-value-chart_type", "Anneau", choice=True)
    for index, (label, value) in enumerate(CHART_ROWS):
        if index:
            add_list_item(page, "rows")
        fill_block_field(page, f"body-1-value-rows-{index}-value-label", label)
        fill_block_field(page, f"body-1-value-rows-{index}-value-value", value)
    fill_block_field(page, "body-1-value-summary", CHART_SUMMARY)
    # The nature of the values is in the block's main form, next to its rows.
    fill_block_field(page, "body-1-value-kind", "Pourcentage", choice=True)


def assert_factsheet_shown(main):
    """The figures formatted for French readers, the donut as SVG and its data as a table."""
    expect(main.locator(".figure-card")).to_have_count(len(FIGURES))
    values = main.locator(".figure-card__value").all_inner_texts()
    # inner_text keeps U+202F, where Playwright's text matchers would fold it into a space.
    assert [text.split(" ", 1)[0] for text in values] == [shown for *_, shown in FIGURES]
    for text, (_, unit, _) in zip(values, FIGURES, strict=True):
        assert text.endswith(unit)
    chart = main.locator("section.chart--donut")
    expect(chart.locator("svg.chart__svg:visible")).to_have_count(1)  # the one for this width
    expect(chart.locator("svg.chart__svg path, svg.chart__svg circle").first).to_be_attached()
    rows = chart.locator("table.chart__table tbody tr")
    expect(rows).to_have_count(len(CHART_ROWS))
    expect(rows.first).to_contain_text("Associations")
    assert rows.first.locator("td").inner_text() == "89\u00a0%"


def choose_more_action(page, label):
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name=label).click()


def test_editor_composes_a_factsheet_that_a_moderator_approves_and_publishes(
    demo_site, live_server, browser_page
):
    page, base = browser_page, live_server.url
    home = HomePage.objects.get(locale__language_code="fr")
    create_editor("editrice")
    create_moderator("moderateur")

    log_in(page, base, "editrice")
    page.goto(f"{base}/admin/pages/{home.pk}/add_subpage/")
    page.get_by_role("link", name="Page de chiffres clés", exact=True).click()
    compose_factsheet(page)
    # Wagtail 7.4 autosaves the draft half a second after typing stops: the new page is created
    # and the form turns into its edit form. Saving before that would post the creation twice.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("form[action$='/edit/']").first).to_be_attached()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("a été mise à jour")
    factsheet = FactsheetPage.objects.get(title=TITLE)
    assert not factsheet.live

    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    assert_factsheet_shown(page.frame_locator("#w-preview-iframe").locator("main"))
    # Wagtail's checker runs axe and the content metrics inside the preview: a word count
    # proves it ran, and it finds no problem in what the blocks render.
    page.get_by_role("button", name="Activer/désactiver les vérifications").click()
    expect(page.locator("[data-content-word-count]")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("[data-content-checker-count]")).to_have_text("0")

    expect(page.get_by_role("button", name="Publier")).to_have_count(0)
    choose_more_action(page, f"Soumettre à {WORKFLOW}")
    expect(page.locator(".messages")).to_contain_text("soumise pour modération")

    factsheet.refresh_from_db()
    assert not factsheet.live
    public_url = base + factsheet.get_url()
    page.context.clear_cookies()
    assert page.goto(public_url).status == 404

    log_in(page, base, "moderateur")
    page.goto(f"{base}/admin/pages/{factsheet.pk}/edit/")
    choose_more_action(page, "Approuver et Publier")
    expect(page.locator(".messages")).to_contain_text(TITLE)

    page.context.clear_cookies()
    assert page.goto(public_url).status == 200
    assert_factsheet_shown(page.locator("main"))
