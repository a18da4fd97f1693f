"""Indicator pages: generated beneath the factsheet, one per indicator and language, with the
series, its chart, its files, a citation and schema.org Dataset JSON-LD."""

import copy
import csv
import io
import json
import re
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale

from factsheet import charts, indicators
from factsheet.models import FactsheetPage, Indicator
from tests.factsheet.demo_body import body_with_indicators

pytestmark = pytest.mark.django_db
NNBSP = "\u202f"
URL = "/fr/chiffres-cles/indicateurs/"


def json_ld(html):
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(data)


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_an_indicator_page_shows_definition_latest_value_and_says_one_edition(client, factsheet):
    response = client.get(URL + "emplois/")
    assert response.status_code == 200
    html = main(response.content.decode())
    # The page's first ESS is explained (core.abbreviations).
    explained = '<abbr title="économie sociale et solidaire">ESS</abbr>'
    assert f"<h1>Emplois de l&#x27;{explained}</h1>" in html
    crumbs = response.content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="/fr/chiffres-cles/">Les chiffres clés</a>' in crumbs
    assert '<span aria-current="page">Emplois de l&#x27;ESS</span>' in crumbs
    assert "Nombre d'emplois de l'économie sociale et solidaire (ESS)" in html
    assert f'<div class="figure-card__value">3{NNBSP}761 emplois</div>' in html
    assert "Une seule édition des chiffres clés a été publiée à ce jour" in html
    assert "<svg" not in html  # one point draws no chart
    assert f'<td class="num">3{NNBSP}761 emplois</td>' in html
    assert '<a href="/fr/chiffres-cles/">Les chiffres clés</a>' in html
    assert 'href="/fr/chiffres-cles/indicateurs/emplois/csv/"' in html
    assert 'href="/fr/chiffres-cles/#emplois"' in html
    citation = re.search(r'<p class="indicator__citation">(.*?)</p>', html).group(1)
    assert citation.startswith("Communauté d&#x27;agglomération Hénin-Carvin, « Emplois de")
    assert "http://testserver/fr/chiffres-cles/indicateurs/emplois/ (consulté le " in citation


def test_the_factsheet_anchors_each_card_at_its_code_and_links_its_indicator_page(
    client, factsheet
):
    html = client.get(factsheet.url).content.decode()
    assert '<div class="figure-card" id="emplois">' in html
    links = re.findall(r'<p class="figure-card__indicator"><a href="([^"]+)">', html)
    assert len(links) == 17 and len(set(links)) == 17
    assert "/fr/chiffres-cles/indicateurs/etablissements-pour-1000-habitants/" in links
    for link in links:
        assert client.get(link).status_code == 200, link
    # The link names its indicator for screen readers.
    assert (
        'Définition et série<span class="visually-hidden"> – Emplois de l&#x27;ESS</span>' in html
    )


def test_a_card_shown_twice_is_anchored_once(client, make_factsheet):
    body = body_with_indicators()
    page = make_factsheet(body=[*body[:1], copy.deepcopy(body[0])])
    html = client.get(page.url).content.decode()
    assert html.count('id="emplois"') == 0 and html.count('id="communes"') == 1


@pytest.mark.parametrize(
    "path",
    [
        URL + "Emplois/",
        URL + "emplois%20ess/",
        URL + "%3Cscript%3E/",
        URL + ("x" * 41) + "/",
        URL + "inconnu/",
        URL + "inconnu/csv/",
        URL + "emplois/xml/",
        URL + "-emplois/",
        "/fr/chiffres-cles/indicators/emplois/",  # the English words in the French tree
    ],
)
def test_a_malformed_or_unknown_code_is_a_404(client, factsheet, path):
    assert client.get(path).status_code == 404


def test_the_series_downloads_as_csv_and_json_in_the_indicators_unit(client, factsheet):
    response = client.get(URL + "masse-salariale/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "indicator_code",
        "indicator_name",
        "territory_code",
        "territory_name",
        "reference_year",
        "value",
        "unit",
        "source",
        "edition_url",
    ]
    assert rows[1] == [
        "masse-salariale",
        "Masse salariale de l'ESS",
        "",
        "Communauté d'agglomération Hénin-Carvin",
        "",
        "91300000",
        "euros",
        "",
        "http://testserver/fr/chiffres-cles/",
    ]
    data = client.get(URL + "part-ess-emplois-territoire/json/").json()
    assert data["rows"][0]["value"] == 9.5 and data["rows"][0]["unit"] == "%"


def test_the_json_ld_is_a_dataset_with_the_required_properties(client, factsheet):
    data = json_ld(client.get(URL + "emplois/").content.decode())
    assert data["@type"] == "Dataset"
    assert data["name"] == "Emplois de l'ESS"
    assert data["description"].startswith("Nombre d'emplois de l'économie sociale")
    assert data["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert data["creator"]["name"] == data["publisher"]["name"]
    assert data["spatialCoverage"] == {
        "@type": "Place",
        "name": "Communauté d'agglomération Hénin-Carvin",
    }
    assert data["variableMeasured"]["name"] == "Emplois de l'ESS"
    assert data["variableMeasured"]["unitText"] == "emplois"
    assert data["distribution"] == [
        {
            "@type": "DataDownload",
            "contentUrl": "http://testserver/fr/chiffres-cles/indicateurs/emplois/csv/",
            "encodingFormat": "text/csv",
        },
        {
            "@type": "DataDownload",
            "contentUrl": "http://testserver/fr/chiffres-cles/indicateurs/emplois/json/",
            "encodingFormat": "application/json",
        },
    ]
    assert "temporalCoverage" not in data  # the brochure states no year


def test_no_text_can_break_out_of_the_json_ld(client, factsheet):
    hostile = "</script><script>alert(1)</script><!--"
    Indicator.objects.filter(code="emplois").update(name=f"Emplois {hostile}", scope=hostile)
    html = client.get(URL + "emplois/").content.decode()
    head = html[: html.index("</head>")]
    assert head.count("</script>") == 1 and "<script>alert" not in head
    assert json_ld(html)["name"] == f"Emplois {hostile}"


# --- several editions (test data) --------------------------------------------------------


def with_test_values(jobs, share):
    """The demo body with test values for the two figures these tests read: the brochure
    dates none of its figures, so none of its values (3 761 emplois, 9,5 %) may be shown as
    a given year's."""
    body = body_with_indicators()
    figures = body[1]["value"]["figures"]  # the employment group
    figures[0]["value"] = jobs  # emplois
    figures[3]["value"] = share  # part-ess-emplois-territoire
    return body


@pytest.fixture
def two_editions(make_factsheet):
    """Two editions of test data, for the test years 2021 and 2023."""
    latest = make_factsheet(body=with_test_values("3300", "9.4"), reference_year=2023)
    body = with_test_values("3000", "9.0")
    # A real earlier edition: a child of the factsheet, served at /fr/chiffres-cles/2021/.
    older = FactsheetPage(
        title="Les chiffres clés 2021",
        slug="chiffres-2021",
        territory="CA Hénin-Carvin",
        reference_year=2021,
        body=body,
    )
    latest.add_child(instance=older)
    older.save_revision().publish()
    return FactsheetPage.objects.get(pk=older.pk), latest


def test_a_series_of_two_editions_has_its_chart_table_and_changes(client, two_editions):
    html = main(client.get(URL + "emplois/").content.decode())
    assert "Une seule édition" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img" aria-labelledby="serie-titre serie-resume"' in svg
    assert f"3{NNBSP}000 emplois en 2021, 3{NNBSP}300 emplois en 2023 (2 éditions)" in svg
    assert svg.count("<rect") == 2 and ">2021<" in svg and ">2023<" in svg
    assert "<td>+300 (+10,0\u00a0%) depuis 2021</td>" in html
    # A percentage changes by points.
    html = main(client.get(URL + "part-ess-emplois-territoire/").content.decode())
    assert "<td>+0,4 point depuis 2021</td>" in html
    rows = list(csv.reader(io.StringIO(client.get(URL + "emplois/csv/").content.decode())))
    assert [(row[4], row[5]) for row in rows[1:]] == [("2021", "3000"), ("2023", "3300")]
    data = json_ld(client.get(URL + "emplois/").content.decode())
    assert data["temporalCoverage"] == "2021/2023"


def test_changes_are_written_for_each_language(two_editions):
    older, latest = two_editions
    indicator = Indicator.objects.get(code="emplois")
    points = indicators.series([older, latest], indicator)
    with translation.override("en"):
        assert indicators.change_text(*indicators.series([older, latest], indicator)) == (
            "+300 (+10.0%) since 2021"
        )
    share = Indicator.objects.get(code="part-ess-emplois-territoire")
    with translation.override("en"):
        assert indicators.change_text(*indicators.series([older, latest], share)) == (
            "+0.4 points since 2021"
        )
    assert len(points) == 2


def test_values_of_another_nature_are_never_compared_nor_charted(two_editions):
    older, latest = two_editions
    indicator = Indicator.objects.get(code="emplois")
    first, second = indicators.series([older, latest], indicator)
    other = indicators.Observation(**{**first.__dict__, "card_kind": "percent"})
    assert indicators.change_text(other, second) == ""
    assert indicators.series_chart([other, second]) is None
    other_unit = indicators.Observation(**{**first.__dict__, "unit_text": "ETP"})
    assert indicators.change_text(other_unit, second) == ""
    assert indicators.series_chart([other_unit, second]) is None
    assert indicators.change_text(first, second) != ""


def test_columns_share_one_scale_from_zero():
    chart = charts.columns([("2021", Decimal(50), "50"), ("2023", Decimal(100), "100")])
    first, second = chart.items
    assert second.height == 2 * first.height
    assert first.y + first.height == second.y + second.height == first.baseline
    assert first.centre < second.centre and chart.width >= charts.WIDTH


# --- both languages, query budget ---------------------------------------------------------


def test_the_english_indicator_page_uses_the_english_words_and_tree(client, empty_cache):
    call_command("load_demo", stdout=StringIO())
    cache.clear()
    response = client.get("/en/key-figures/indicators/emplois/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>SSE jobs</h1>" in html and "3,761" in html
    assert "Only one edition of the key figures has been published so far" in html
    assert 'hreflang="fr" href="http://testserver/fr/chiffres-cles/indicateurs/emplois/"' in html
    assert 'href="/en/key-figures/indicators/emplois/csv/" download' in html
    page = client.get("/en/key-figures/").content.decode()
    assert 'href="/en/key-figures/indicators/emplois/"' in page
    fr = client.get(URL + "emplois/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/key-figures/indicators/emplois/"' in fr
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/key-figures/indicators/emplois/</loc>" in xml
    assert "/en/key-figures/indicateurs/" not in xml


def test_the_french_words_under_en_lead_to_the_english_addresses(client, empty_cache):
    call_command("load_demo", stdout=StringIO())
    for french, english in [
        ("/en/key-figures/indicateurs/emplois/", "/en/key-figures/indicators/emplois/"),
        ("/en/key-figures/indicateurs/emplois/json/", "/en/key-figures/indicators/emplois/json/"),
        ("/en/key-figures/indicateurs/", "/en/key-figures/indicators/"),
    ]:
        response = client.get(french, {"lang": "x"})
        assert response.status_code == 301 and response["Location"] == english + "?lang=x"
    assert client.get("/en/key-figures/indicators/emplois/json/").status_code == 200
    assert client.get("/fr/chiffres-cles/indicators/emplois/").status_code == 404


def test_an_indicator_s_address_shortened_leads_to_the_factsheet_that_lists_them(
    client, empty_cache
):
    call_command("load_demo", stdout=StringIO())
    for shortened, factsheet in [
        ("/en/key-figures/indicators/", "/en/key-figures/"),
        ("/fr/chiffres-cles/indicateurs/", "/fr/chiffres-cles/"),
    ]:
        response = client.get(shortened)
        assert response.status_code == 302 and response["Location"] == factsheet


def test_an_indicator_page_costs_few_queries_whatever_the_catalogue_size(
    client, factsheet, django_assert_max_num_queries
):
    client.get(URL + "emplois/")  # the first request fills the per-process caches
    with django_assert_max_num_queries(10):
        assert client.get(URL + "emplois/").status_code == 200
    locale = Locale.get_default()
    for number in range(30):
        Indicator.objects.create(
            code=f"test-{number}", name="Test", definition="<p>x</p>", territory="T", locale=locale
        )
    with django_assert_max_num_queries(10):
        assert client.get(URL + "emplois/").status_code == 200


def test_the_factsheet_with_its_linked_cards_stays_within_the_budget(
    client, factsheet, django_assert_max_num_queries
):
    client.get(factsheet.url)
    with django_assert_max_num_queries(10):
        assert client.get(factsheet.url).status_code == 200


def test_a_page_with_no_published_value_says_so(client, factsheet):
    Indicator.objects.create(
        code="nouveau",
        name="Nouvel indicateur",
        definition="<p>x</p>",
        territory="T",
        locale=Locale.get_default(),
    )
    html = client.get(URL + "nouveau/").content.decode()
    assert "Aucune valeur de cet indicateur n'est publiée pour l'instant." in html


def test_an_unpublished_factsheet_has_no_indicator_pages(client, factsheet):
    FactsheetPage.objects.filter(pk=factsheet.pk).update(live=False)
    cache.clear()
    assert client.get(URL + "emplois/").status_code == 404


# --- the whole catalogue ------------------------------------------------------------------


def test_the_catalogue_downloads_every_indicator_and_edition_in_long_format(client, two_editions):
    html = client.get("/fr/chiffres-cles/").content.decode()
    assert 'href="/fr/chiffres-cles/donnees/catalogue/csv/" download' in html
    assert 'href="/fr/chiffres-cles/donnees/catalogue/json/"' in html
    response = client.get("/fr/chiffres-cles/donnees/catalogue/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "indicator_code" and len(rows) == 1 + 2 * 20
    jobs = [row for row in rows if row[0] == "emplois"]
    assert [(row[4], row[5], row[8]) for row in jobs] == [
        ("2021", "3000", "http://testserver/fr/chiffres-cles/2021/"),
        ("2023", "3300", "http://testserver/fr/chiffres-cles/2023/"),
    ]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    data = client.get("/fr/chiffres-cles/donnees/catalogue/json/").json()
    assert data["columns"] == rows[0] and len(data["rows"]) == 40
    payroll = next(row for row in data["rows"] if row["indicator_code"] == "masse-salariale")
    assert payroll["value"] == 91300000 and payroll["unit"] == "euros"


def test_the_factsheet_carries_the_catalogues_dataset_json_ld(client, two_editions):
    data = json_ld(client.get("/fr/chiffres-cles/").content.decode())
    assert data["@type"] == "Dataset" and data["name"] == "Les chiffres clés"
    assert data["license"].startswith("https://www.etalab.gouv.fr/")
    assert data["temporalCoverage"] == "2021/2023"
    assert data["spatialCoverage"]["name"] == "CA Hénin-Carvin"
    assert len(data["variableMeasured"]) == 20
    assert {"@type", "name", "propertyID", "unitText"} <= set(data["variableMeasured"][0])
    assert data["creator"]["name"] == "Communauté d'agglomération Hénin-Carvin"
    assert [d["contentUrl"] for d in data["distribution"]] == [
        "http://testserver/fr/chiffres-cles/donnees/catalogue/csv/",
        "http://testserver/fr/chiffres-cles/donnees/catalogue/json/",
    ]
    assert {d["encodingFormat"] for d in data["distribution"]} == {"text/csv", "application/json"}


def test_the_catalogues_json_ld_is_built_once_per_publication(client, two_editions, settings):
    """It reads every edition's figures: kept until the next publication, then rebuilt."""
    settings.CHROME_CACHE_SECONDS = 600
    client.get("/fr/chiffres-cles/")  # the first request also creates the site's settings
    client.get("/fr/chiffres-cles/")
    build = FactsheetPage._catalogue_json_ld
    with mock.patch.object(
        FactsheetPage, "_catalogue_json_ld", autospec=True, side_effect=build
    ) as built:
        data = json_ld(client.get("/fr/chiffres-cles/").content.decode())
    assert built.call_count == 0
    assert len(data["variableMeasured"]) == 20
    indicator = Indicator.objects.get(code="emplois", locale__language_code="fr")
    indicator.name = "Emplois salariés de l'ESS"
    indicator.save()  # what the snippet's edit view does: the generation moves on
    names = {
        v["name"]
        for v in json_ld(client.get("/fr/chiffres-cles/").content.decode())["variableMeasured"]
    }
    assert "Emplois salariés de l'ESS" in names


def test_absolute_urls_use_the_sites_public_address(client, factsheet, settings):
    settings.SITE_BASE_URL = "https://ess.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    html = client.get(URL + "emplois/", HTTP_HOST="internal:8000").content.decode()
    assert (
        '<link rel="canonical" href="https://ess.example.org/fr/chiffres-cles/indicateurs' in html
    )
    data = json_ld(html)
    assert data["url"].startswith("https://ess.example.org/")
    assert all(d["contentUrl"].startswith("https://ess.example.org/") for d in data["distribution"])
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(URL + "emplois/csv/", HTTP_HOST="internal:8000").content.decode()
            )
        )
    )
    assert rows[1][8] == "https://ess.example.org/fr/chiffres-cles/"


def test_the_factsheet_and_catalogue_cost_the_same_queries_with_more_indicators(
    client, factsheet, django_assert_max_num_queries
):
    for url in ("/fr/chiffres-cles/", "/fr/chiffres-cles/donnees/catalogue/csv/"):
        client.get(url)
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    locale = Locale.get_default()
    extra = [
        Indicator.objects.create(
            code=f"test-{n}", name="Test", definition="<p>x</p>", territory="T", locale=locale
        )
        for n in range(12)
    ]
    factsheet.body.append(
        (
            "figure_group",
            {
                "heading": "Test",
                "figures": [
                    {"value": Decimal(n), "kind": "number", "indicator": indicator}
                    for n, indicator in enumerate(extra[:8])
                ],
            },
        )
    )
    factsheet.save_revision().publish()
    for url in ("/fr/chiffres-cles/", "/fr/chiffres-cles/donnees/catalogue/csv/"):
        client.get(url)
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    assert len(client.get("/fr/chiffres-cles/donnees/catalogue/json/").json()["rows"]) == 28


def test_the_sitemap_lists_every_indicator_page(client, factsheet):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/fr/chiffres-cles/indicateurs/emplois/</loc>" in xml
    assert xml.count("/fr/chiffres-cles/indicateurs/") == 20


def test_saving_or_deleting_an_indicator_empties_the_page_cache(factsheet, empty_cache):
    from core.cache import GENERATION_KEY

    indicator = Indicator.objects.get(code="emplois")
    cache.set(GENERATION_KEY, "before", timeout=None)
    indicator.name = "Emplois salariés de l'ESS"
    indicator.save()
    assert cache.get(GENERATION_KEY) != "before"
    cache.set(GENERATION_KEY, "before", timeout=None)
    Indicator.objects.get(code="densite").delete()
    assert cache.get(GENERATION_KEY) != "before"
