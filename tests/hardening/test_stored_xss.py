"""Stored XSS: hostile text typed by an editor or imported from a file shows as text, everywhere.

The payloads go into every place an editor or an import writes text (page titles, figure and
chart labels, rich text, links, actor fields, sector names, site settings, SIRENE cells), and
every page that shows them — public pages, JSON-LD, open-data exports, site search, admin
listings and edit forms — must print them escaped. URL fields refuse `javascript:`, and the CSV
files keep spreadsheets from running a cell as a formula.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.blocks import URLBlock
from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text

from directory.models import ActorPage, DirectoryIndexPage, Sector
from factsheet.blocks import FactsheetStreamBlock
from factsheet.models import FactsheetPage
from home.blocks import LinkBlock
from home.models import PartnerLinks, SiteSettings
from tests.accounts import create_editor, create_member

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
JAVASCRIPT_URL = "javascript:alert(1)"
RAW_PAYLOADS = [SCRIPT, "<img src=x onerror=alert(1)>"]
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://example.org/vol","Cliquez")'
SIRENE_SAMPLE = Path(__file__).resolve().parents[2] / "directory" / "fixtures" / "sirene-sample.csv"


def assert_no_live_markup(response):
    """The payloads, if present, are text: no script element, attribute or javascript: link."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for payload in RAW_PAYLOADS:
        assert payload not in html
    assert 'href="javascript:' not in html.lower()
    return html


@pytest.fixture
def hostile_site(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_name = SCRIPT
    settings.save()
    PartnerLinks.objects.create(
        locale=home_page.locale,
        links=[("link", {"label": ATTRIBUTE, "url": "https://example.org/"})],
    )

    factsheet = FactsheetPage(
        title=f"Chiffres {SCRIPT}",
        slug="chiffres",
        territory=ATTRIBUTE,
        body=[
            (
                "figure_group",
                {
                    "heading": SCRIPT,
                    "figures": [
                        {"value": "3761", "kind": "number", "unit": SCRIPT, "label": ATTRIBUTE},
                    ],
                },
            ),
            (
                "chart",
                {
                    "title": SCRIPT,
                    "chart_type": "donut",
                    "rows": [
                        {"label": ATTRIBUTE, "value": "89"},
                        {"label": FORMULA, "value": "11"},
                    ],
                    "summary": SCRIPT,
                    "kind": "percent",
                    "decimals": 0,
                },
            ),
        ],
    )
    home_page.add_child(instance=factsheet)
    factsheet.save_revision().publish()

    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    directory.save_revision().publish()
    sector = Sector.objects.create(name=ATTRIBUTE, locale=home_page.locale)
    actor = ActorPage(
        title=f"Acteur {SCRIPT}",
        slug="acteur",
        summary=ATTRIBUTE,
        street_address=SCRIPT,
        website="https://example.org/?q=%22%3E%3Cscript%3E",
        phone="+33 3 21 00 00 00",
    )
    directory.add_child(instance=actor)
    actor.sectors.set([sector])
    actor.save_revision().publish()
    formula_actor = ActorPage(title=FORMULA, slug="formule", summary="-2+3")
    directory.add_child(instance=formula_actor)
    formula_actor.save_revision().publish()
    return {"factsheet": factsheet, "directory": directory, "actor": actor, "sector": sector}


def test_public_pages_print_the_payloads_as_text(client, hostile_site):
    factsheet, actor = hostile_site["factsheet"], hostile_site["actor"]
    directory = hostile_site["directory"]
    for url in (factsheet.url, actor.url, directory.url, "/fr/"):
        html = assert_no_live_markup(client.get(url))
        # The payload was rendered (escaped), not silently dropped: the test can see it.
        assert ESCAPED_SCRIPT in html, url
    html = assert_no_live_markup(client.get(factsheet.url))
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # figure label, chart label
    assert_no_live_markup(client.get(directory.url, {"q": "acteur"}))


def test_json_ld_cannot_close_its_script_element(client, hostile_site):
    html = assert_no_live_markup(client.get(hostile_site["actor"].url))
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["name"] == f"Acteur {SCRIPT}"
    assert data["description"] == ATTRIBUTE


def test_site_search_results_print_the_payloads_as_text(client, hostile_site):
    html = assert_no_live_markup(client.get("/fr/recherche/", {"q": "acteur"}))
    assert ESCAPED_SCRIPT in html


def test_exports_keep_the_text_and_disarm_spreadsheet_formulas(client, hostile_site):
    directory, factsheet = hostile_site["directory"], hostile_site["factsheet"]
    response = client.get(directory.url + "annuaire-complet-csv/")
    rows = {
        row["url"].rsplit("/", 2)[-2]: row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    assert rows["acteur"]["nom"] == f"Acteur {SCRIPT}"
    assert rows["acteur"]["telephone"] == "+33 3 21 00 00 00"  # a number stays a number
    assert rows["formule"]["nom"] == "'" + FORMULA
    assert rows["formule"]["resume"] == "'-2+3"

    payload = client.get(directory.url + "resultats-json/").json()
    assert {actor["nom"] for actor in payload["acteurs"]} == {f"Acteur {SCRIPT}", FORMULA}

    chart_id = next(block.id for block in factsheet.body if block.block_type == "chart")
    chart_csv = client.get(f"{factsheet.url}graphiques/{chart_id}/csv/").content.decode()
    labels = [row[0] for row in csv.reader(io.StringIO(chart_csv))][1:]
    assert labels == [ATTRIBUTE, "'" + FORMULA]


def test_admin_listings_and_forms_print_the_payloads_as_text(client, hostile_site):
    factsheet, actor, sector = (hostile_site[key] for key in ("factsheet", "actor", "sector"))
    client.force_login(create_editor())
    for url in (
        f"/admin/pages/{factsheet.pk}/edit/",
        f"/admin/pages/{actor.pk}/edit/",
        f"/admin/pages/{hostile_site['directory'].pk}/",
        "/admin/acteurs/",
        "/admin/snippets/directory/sector/",
        f"/admin/snippets/directory/sector/edit/{sector.pk}/",
        "/admin/pages/search/?q=acteur",
    ):
        html = assert_no_live_markup(client.get(url))
        assert "alert(1)" in html, url
    client.force_login(create_member("admin", superuser=True))
    html = assert_no_live_markup(client.get("/admin/settings/home/sitesettings/", follow=True))
    assert "alert(1)" in html


def test_imported_csv_cells_show_as_text(client, home_page, tmp_path):
    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    directory.save_revision().publish()
    hostile = tmp_path / "sirene.csv"
    hostile.write_text(
        SIRENE_SAMPLE.read_text(encoding="utf-8")
        .replace("ASSOCIATION FICTIVE ALPHA (DONNEE DE TEST)", f"ALPHA {SCRIPT}")
        .replace("DE L EXEMPLE", RAW_PAYLOADS[1]),
        encoding="utf-8",
    )
    call_command("import_actors", str(hostile), "--publish", stdout=io.StringIO())
    actor = ActorPage.objects.get(siret="00000000100016")
    assert actor.title == f"ALPHA {SCRIPT}"
    html = assert_no_live_markup(client.get(actor.url))
    assert ESCAPED_SCRIPT in html
    assert_no_live_markup(client.get(directory.url))


def test_rich_text_from_the_editor_loses_scripts_and_javascript_links():
    text_block = FactsheetStreamBlock().child_blocks["text"]
    submitted = rich_text(
        f'<p>Avant</p>{SCRIPT}<p><a href="{JAVASCRIPT_URL}">lien</a> après</p>',
        features=text_block.features,
    )
    # What the admin's Draftail widget hands to the form on save.
    stored = text_block.field.widget.value_from_datadict({"texte": submitted}, {}, "texte")
    assert "Avant" in stored and "après" in stored
    assert "<script" not in stored
    assert "javascript:" not in stored


@pytest.mark.parametrize("url", [JAVASCRIPT_URL, "JavaScript:alert(1)", "data:text/html,x"])
def test_url_fields_refuse_script_urls(home_page, url):
    with pytest.raises(ValidationError):
        URLBlock().clean(url)
    with pytest.raises(ValidationError):
        LinkBlock().clean({"page": None, "url": url, "label": "Lien"})
    actor = ActorPage(title="Acteur", slug="acteur-url", website=url)
    with pytest.raises(ValidationError) as error:
        actor.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert "website" in error.value.message_dict
