"""A Modérateur pastes a table from a spreadsheet into a new chart of the demo factsheet, in the
French admin, publishes, and finds its rows in the public table and in the chart's CSV file.

The rows are the brochure's shares of ESS jobs, typed as a French spreadsheet copies them:
tab-separated, decimal commas, a line of headings first.
"""

import csv
import io

import pytest
from playwright.sync_api import expect

from factsheet.models import FactsheetPage
from tests.accounts import create_moderator

from .test_editor_flow import fill_block_field, insert_block, log_in

pytestmark = pytest.mark.browser

TITLE = "Poids de l'ESS dans l'emploi"
PASTED = (
    "Part des emplois\t%\n"
    "des emplois ESS régionaux\t1,7\n"
    "des emplois ESS départementaux\t7,2\n"
    "des emplois du territoire\t9,5\n"
)
SHOWN = [
    ("des emplois ESS régionaux", "1,7\u00a0%"),
    ("des emplois ESS départementaux", "7,2\u00a0%"),
    ("des emplois du territoire", "9,5\u00a0%"),
]
SUMMARY = (
    "L'ESS représente 9,5 % des emplois du territoire, 7,2 % des emplois ESS "
    "départementaux et 1,7 % des emplois ESS régionaux."
)


def publish(page):
    button = page.get_by_role("button", name="Publier", exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="Plus d'actions").click()
    button.click()


def test_a_pasted_table_becomes_the_chart_s_rows_on_the_public_page_and_in_its_csv(
    demo_site, live_server, browser_page
):
    page, base = browser_page, live_server.url
    factsheet = FactsheetPage.objects.get(locale__language_code="fr")
    index = len(factsheet.body)  # the new chart goes after the existing blocks
    create_moderator("moderateur")

    log_in(page, base, "moderateur")
    page.goto(f"{base}/admin/pages/{factsheet.pk}/edit/")
    insert_block(page, "Graphique")
    prefix = f"body-{index}-value"
    fill_block_field(page, f"{prefix}-title", TITLE)
    paste = page.get_by_label("Coller un tableau").last
    expect(paste).to_be_visible()  # in the main form, before the rows
    paste.fill(PASTED)
    fill_block_field(page, f"{prefix}-kind", "Pourcentage", choice=True)
    fill_block_field(page, f"{prefix}-decimals", "1")
    fill_block_field(page, f"{prefix}-summary", SUMMARY)
    publish(page)
    expect(page.locator(".messages")).to_contain_text("publiée")

    factsheet.refresh_from_db()
    chart = factsheet.body[index]
    assert chart.block_type == "chart"
    assert [row["label"] for row in chart.value["rows"]] == [label for label, _ in SHOWN]
    assert factsheet.body.raw_data[index]["value"]["paste"] == ""

    page.context.clear_cookies()
    page.goto(base + factsheet.url)
    section = page.locator("section.chart", has=page.get_by_role("heading", name=TITLE))
    rows = section.locator("table.chart__table tbody tr")
    expect(rows).to_have_count(len(SHOWN))
    shown = [
        (row.locator("th").inner_text(), row.locator("td").first.inner_text()) for row in rows.all()
    ]
    assert shown == SHOWN

    href = section.locator("a[download]").get_attribute("href")
    response = page.request.get(base + href)
    assert response.status == 200
    table = list(csv.reader(io.StringIO(response.text())))
    labels = [line[0] for line in table[1:]]
    assert labels == [label for label, _ in SHOWN], table
