"""The factsheet as readers, machines and editors meet it."""

import csv
import io
import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from factsheet.models import FactsheetPage
from home.models import HomePage
from tests.factsheet.demo_body import BODY

pytestmark = pytest.mark.django_db
NNBSP = "\u202f"


class TestPageTree(WagtailPageTestCase):
    def test_a_factsheet_lives_under_a_home_page_with_its_later_editions_below_it(self):
        self.assertAllowedParentPageTypes(FactsheetPage, {HomePage, FactsheetPage})
        self.assertAllowedSubpageTypes(FactsheetPage, {FactsheetPage})
        self.assertCanNotCreateAt(Page, FactsheetPage)


def chart_id(page):
    return next(block.id for block in page.body if block.block_type == "chart")


def test_the_page_shows_every_figure_in_french(client, factsheet):
    html = client.get(factsheet.url).content.decode()
    assert html.count("<h1") == 1
    for text in (
        f"126{NNBSP}895",
        f"3{NNBSP}761",
        "1,7\u00a0%",
        "91,3\u00a0M\u00a0€",
        f"établissement pour 1{NNBSP}000 habitants",
        "19,2",
        "sarah.dupont@agglo-henincarvin.fr",
    ):
        assert text in html, text


def test_the_chart_is_an_accessible_svg_with_its_data_table_and_csv_link(client, factsheet):
    html = client.get(factsheet.url).content.decode()
    block_id = chart_id(factsheet)
    # One drawing for a phone's width, one for a wider screen; the stylesheet shows one.
    for size in ("narrow", "wide"):
        dom_id = f"graphique-{block_id}-{size}"
        assert f'role="img" aria-labelledby="{dom_id}-titre {dom_id}-resume"' in html
        assert f'<title id="{dom_id}-titre">Répartition des établissements' in html
        assert f'<desc id="{dom_id}-resume">Les associations représentent 89' in html
    # Labels are written on the chart itself, not left to colour.
    svg = html[html.index("<svg") : html.index("</svg>")]
    for label in ("Associations", "Coopératives", "Mutuelles", "89\u00a0%"):
        assert label in svg
    assert "," not in svg.split('viewBox="')[1].split('"')[0]  # no French decimal comma in SVG
    assert "<caption>Données du graphique « Répartition des établissements" in html
    # The chart's labels (its legend) in the order of the table's rows.
    table = html[html.index('<table class="chart__table">') :]
    for drawn in (svg, table):
        positions = [drawn.index(label) for label in ("Associations", "Coopératives", "Mutuelles")]
        assert positions == sorted(positions)
    assert '<th scope="col">Libellé</th>' in html
    assert '<th scope="row">Associations</th><td class="num">89\u00a0%</td>' in html
    assert f'href="/fr/chiffres-cles/graphiques/{block_id}/csv/"' in html


def test_a_chart_csv_gives_its_rows_with_plain_numbers(client, factsheet):
    response = client.get(f"{factsheet.url}graphiques/{chart_id(factsheet)}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["label", "value", "kind"],
        ["Associations", "89", "percent"],
        ["Coopératives", "6", "percent"],
        ["Mutuelles", "5", "percent"],
    ]


@pytest.mark.parametrize(("language", "data"), [("fr", "donnees"), ("en", "data")])
def test_all_figures_as_csv_are_machine_readable_in_every_language(
    client, factsheet, language, data
):
    response = client.get(f"/{language}/chiffres-cles/{data}/csv/")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_label = {row["label"]: row for row in rows}
    assert by_label["habitant·es"]["value"] == "126895"
    assert by_label["des emplois ESS régionaux"]["value"] == "1.7"
    assert by_label["de masse salariale"] == {
        "section": "La masse salariale",
        "value": "91.3",
        "kind": "euro",
        "scale": "millions",
        "unit": "",
        "label": "de masse salariale",
        "year": "",
        "source": "",
    }
    assert by_label["Mutuelles"]["value"] == "5"
    assert len(rows) == 20


def test_a_figure_without_year_or_source_takes_the_page_ones(client, make_factsheet):
    make_factsheet(reference_year=2024, data_source="Brochure CAHC")
    rows = list(
        csv.DictReader(io.StringIO(client.get("/fr/chiffres-cles/donnees/csv/").content.decode()))
    )
    assert {(row["year"], row["source"]) for row in rows} == {("2024", "Brochure CAHC")}


def test_all_figures_as_json(client, factsheet):
    data = json.loads(client.get(f"{factsheet.url}donnees/json/").content)
    assert data["territory"] == "CA Hénin-Carvin"
    figures = {f["label"]: f for f in data["figures"]}
    assert figures["habitant·es"]["value"] == 126895
    assert figures["moyenne de salarié·es par établissement"]["value"] == 19.2
    assert figures["de masse salariale"]["scale"] == "millions"
    assert figures["habitant·es"]["year"] is None


def test_the_page_links_to_its_data(client, factsheet):
    html = client.get(factsheet.url).content.decode()
    assert 'href="/fr/chiffres-cles/donnees/csv/"' in html
    assert 'href="/fr/chiffres-cles/donnees/json/"' in html


@pytest.mark.parametrize(
    "suffix",
    [
        "graphiques/00000000-0000-0000-0000-000000000000/csv/",
        "graphiques/pas-un-identifiant/csv/",
        "graphiques/csv/",
        "graphiques/{chart}/json/",
        "donnees/xml/",
        "donnees/",
        "donnees.csv",
        "donnees/csv/extra/",
    ],
)
def test_unknown_or_malformed_data_urls_are_404(client, factsheet, suffix):
    url = factsheet.url + suffix.format(chart=chart_id(factsheet))
    assert client.get(url, follow=True).status_code == 404


def test_a_figure_block_id_is_not_a_chart(client, factsheet):
    group_id = next(b.id for b in factsheet.body if b.block_type == "figure_group")
    assert client.get(f"{factsheet.url}graphiques/{group_id}/csv/").status_code == 404


def _body(blocks):
    """``blocks`` blocks cycling through the demo's kinds of block."""
    return [BODY[i % len(BODY)] for i in range(blocks)]


# Site, locale, page routing, view restrictions and the main navigation; none per block.
QUERY_BUDGET = 8


def test_the_page_renders_in_the_same_queries_whatever_its_length(
    client, make_factsheet, django_assert_max_num_queries
):
    counts = []
    for blocks in (5, 50):
        page = make_factsheet(_body(blocks), slug=f"blocs-{blocks}")
        client.get(page.url)  # warm the per-process caches like any running server
        with django_assert_max_num_queries(QUERY_BUDGET) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        charts = sum(block.block_type == "chart" for block in page.body)
        assert len(page.body) == blocks
        assert response.content.decode().count('class="chart chart--donut"') == charts
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_editors_see_the_checks_in_preview_and_readers_never(client, factsheet):
    html = factsheet.make_preview_request().render().content.decode()
    assert "Vérification des chiffres" in html
    assert "✓" in html and "196 ÷ 126" in html
    public = client.get(factsheet.url).content.decode()
    assert "Vérification des chiffres" not in public and "figure-checks" not in public


def test_a_mismatch_is_a_visible_warning_in_preview(factsheet):
    factsheet.body[2].value["figures"][3]["value"] = (
        factsheet.body[2].value["figures"][3]["value"] + 2
    )
    html = factsheet.make_preview_request().render().content.decode()
    assert "Attention, écart" in html
    assert "3\u202f761 ÷ 196 = 19,2" in html


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "pass")
    client.force_login(user)
    return user


def test_the_edit_form_shows_the_checks_of_the_latest_draft(client, editor, factsheet):
    edit_url = reverse("wagtailadmin_pages:edit", args=(factsheet.pk,))
    html = client.get(edit_url).content.decode()
    assert "Vérification des chiffres" in html
    assert html.count("Cohérent") == 2

    draft = factsheet.get_latest_revision_as_object()
    draft.body[2].value["figures"][2]["value"] = draft.body[2].value["figures"][2]["value"] * 2
    draft.save_revision()
    html = client.get(edit_url).content.decode()
    assert "Attention, écart" in html and html.count("Cohérent") == 1


def test_a_draft_with_empty_values_still_previews(factsheet):
    draft = factsheet.get_latest_revision_as_object()
    draft.body = [
        {"type": "figure", "value": {"value": None, "kind": "number", "label": "à venir"}},
        {
            "type": "chart",
            "value": {
                "title": "Secteurs",
                "chart_type": "donut",
                "rows": [{"label": "Associations", "value": "89"}, {"label": "", "value": None}],
                "summary": "",
                "kind": "percent",
                "decimals": 0,
            },
        },
    ]
    response = draft.make_preview_request().render()
    assert response.status_code == 200
    assert "à venir" in response.content.decode()
