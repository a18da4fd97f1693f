"""Drill-down on real pages: a figure or a chart row of the factsheet links to the directory's
listed actors, and the directory lists exactly the number the link announces."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from directory.models import Sector
from factsheet.models import FactsheetPage
from home.models import PolicyPage
from tests.home.builders import english_home

CARVIN, HENIN = "62215", "62427"


@pytest.fixture
def actors(make_actor, make_sector):
    verts = make_sector("Espaces verts")
    make_actor("Jardins de l'Artois", family="association", commune=HENIN, sectors=[verts])
    make_actor("Jardin de Carvin", family="association", commune=CARVIN, sectors=[verts])
    make_actor("Ressourcerie", family="association", commune=CARVIN, headcount_band="11")
    make_actor("Identités Mutuelle", family="mutuelle", commune=CARVIN)
    make_actor("Coopérative du bâtiment", family="cooperative", commune=HENIN)
    make_actor("Association en brouillon", family="association", publish=False)
    return {"verts": verts}


def chosen(**values):
    return {"family": "", "sector": "", "commune": "", "band": "", **values}


def figure(label, **filters):
    return {
        "type": "figure",
        "value": {
            "value": "89",
            "kind": "percent",
            "unit": "",
            "label": label,
            "context": "",
            "scale": "units",
            "decimals": 0,
            "year": None,
            "source": "",
            "key": "",
            "check": "",
            "numerator": "",
            "denominator": "",
            "directory_filter": chosen(**filters),
        },
    }


def status_chart(**row_filters):
    return {
        "type": "chart",
        "value": {
            "title": "Répartition des établissements par statut juridique",
            "chart_type": "donut",
            "rows": [
                {"label": label, "value": value, "directory_filter": chosen(**filters)}
                for label, value, filters in [
                    ("Associations", "89", {"family": "association"}),
                    ("Coopératives", "6", {"family": "cooperative"}),
                    ("Mutuelles", "5", {"family": "mutuelle"}),
                ]
            ],
            "summary": "89 % d'associations, 6 % de coopératives et 5 % de mutuelles.",
            "kind": "percent",
            "decimals": 0,
            "source": "",
            "note": "",
        },
    }


@pytest.fixture
def make_factsheet(home_page, directory):
    def make(*body):
        page = FactsheetPage(
            title="Chiffres clés", slug="chiffres-cles", territory="CAHC", body=body
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def listed(client, href):
    html = client.get(href.replace("&amp;", "&")).content.decode()
    return int(re.search(r'<h2 id="results-heading">(\d+) ', html).group(1))


def figure_links(html):
    return re.findall(r'<p class="figure-card__directory"><a href="([^"]+)">([^<]+)</a>', html)


def chart_links(html):
    """The links of the charts' drawings for a wide screen (the phone's has the same ones)."""
    drawings = re.findall(r'<svg class="chart__svg chart__svg--wide".*?</svg>', html, re.S)
    pattern = r'<a href="([^"]+)" aria-label="([^"]+)" class="chart__link">'
    return [link for drawing in drawings for link in re.findall(pattern, drawing)]


def test_a_figure_links_to_exactly_the_actors_it_announces(client, actors, make_factsheet):
    page = make_factsheet(
        figure("des établissements sont des associations", family="association"),
        figure("à Carvin", family="association", commune=CARVIN),
        figure("d'espaces verts", sector=str(actors["verts"].translation_key)),
        figure("de 10 à 19 salariés", band="11"),
    )
    links = figure_links(client.get(page.url).content.decode())
    assert [text for _href, text in links] == [
        "Voir les 3 associations listées dans l’annuaire",  # the draft is not listed
        "Voir les 2 associations listées dans l’annuaire",
        "Voir les 2 acteurs listés dans l’annuaire",
        "Voir 1 acteur listé dans l’annuaire",
    ]
    for href, text in links:
        announced = int(re.search(r"(\d+) (acteur|association)", text).group(1))
        assert listed(client, href) == announced, href


def test_each_slice_of_the_status_chart_links_to_its_family(client, actors, make_factsheet):
    page = make_factsheet(status_chart())
    html = client.get(page.url).content.decode().replace("\xa0", " ")
    links = chart_links(html)
    assert [name for _href, name in links] == [
        "Associations 89 % – Voir les 3 associations listées dans l’annuaire",
        "Coopératives 6 % – Voir 1 coopérative listée dans l’annuaire",
        "Mutuelles 5 % – Voir 1 mutuelle listée dans l’annuaire",
    ]
    for href, name in links:
        assert listed(client, href) == int(re.search(r"Voir (?:les )?(\d+)", name).group(1))


def test_no_link_when_no_actor_of_the_family_is_listed(client, make_actor, make_factsheet):
    make_actor("Association", family="association")
    page = make_factsheet(figure("des fondations", family="fondation"), status_chart())
    html = client.get(page.url).content.decode()
    assert figure_links(html) == []
    assert [href for href, _name in chart_links(html)] == ["/fr/annuaire/?family=association"]


def test_a_deleted_sector_drops_the_link_and_the_editor_is_told(
    client, admin_client, actors, make_factsheet
):
    page = make_factsheet(
        figure("d'espaces verts", sector=str(actors["verts"].translation_key)),
        figure("des établissements sont des associations", family="association"),
    )
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert "Liens vers l'annuaire désactivés" not in admin_client.get(edit_url).content.decode()
    Sector.objects.filter(pk=actors["verts"].pk).delete()

    response = client.get(page.url)
    assert response.status_code == 200
    assert [text for _href, text in figure_links(response.content.decode())] == [
        "Voir les 3 associations listées dans l’annuaire"
    ]
    editing = admin_client.get(edit_url).content.decode()
    assert "Liens vers l'annuaire désactivés" in editing
    assert (
        "« d&#x27;espaces verts » : la valeur choisie pour « Secteur d&#x27;activité »" in editing
    )


def test_unknown_values_in_stored_content_give_no_link_and_no_error(client, actors, make_factsheet):
    page = make_factsheet(
        figure("inconnue", family="famille-inconnue"),
        figure("hors CAHC", commune="99999"),
        figure("tranche", band="ZZ"),
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert figure_links(response.content.decode()) == []


def test_a_policy_page_chart_links_too(client, actors, home_page, directory):
    page = PolicyPage(
        title="Politique", slug="politique", intro="<p>Intro</p>", body=[status_chart()]
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert len(chart_links(client.get(page.url).content.decode())) == 3


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_counts_cost_no_query_per_linked_figure(client, actors, make_factsheet, make_actor):
    one = make_factsheet(figure("associations", family="association"))
    one_count = queries(client, one.url)
    FactsheetPage.objects.filter(pk=one.pk).delete()
    many = make_factsheet(
        figure("associations", family="association"),
        figure("coopératives", family="cooperative"),
        figure("à Carvin", commune=CARVIN),
        figure("à Hénin", commune=HENIN),
        figure("espaces verts", sector=str(actors["verts"].translation_key)),
        figure("10 à 19", band="11"),
        status_chart(),
    )
    many_count = queries(client, many.url)
    assert many_count == one_count
    assert many_count <= 10
    for number in range(10):
        make_actor(f"Association {number}", family="association", commune=CARVIN)
    assert queries(client, many.url) == many_count
    assert "Voir les 13 associations listées" in client.get(many.url).content.decode()


def test_an_english_figure_counts_the_actors_listed_in_english(
    client, actors, make_factsheet, directory, home_page, admin_user
):
    from wagtail_localize.operations import TranslationCreator

    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english_home(home_page)
    page = make_factsheet(figure("associations", family="association"))
    creator = TranslationCreator(admin_user, [english_locale])
    creator.create_translations(directory)
    jardin = directory.get_children().get(title="Jardin de Carvin")
    creator.create_translations(jardin)
    creator.create_translations(page)
    for translated in (directory, jardin, page):
        english = translated.get_translation(english_locale).specific
        english.save_revision().publish()

    english_page = page.get_translation(english_locale)
    html = client.get(english_page.url).content.decode()
    [(href, text)] = figure_links(html)
    assert text == "See 1 association listed in the directory"
    assert href.startswith("/en/")
    listed_html = client.get(href.replace("&amp;", "&")).content.decode()
    assert re.search(r'<h2 id="results-heading">1 association<', listed_html)


def test_the_demo_status_chart_links_each_listed_family_in_both_languages(client, db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    for language, page in [
        ("fr", FactsheetPage.objects.get(slug="chiffres-cles")),
        ("en", FactsheetPage.objects.get(locale__language_code="en")),
    ]:
        html = client.get(page.url).content.decode().replace("\xa0", " ")
        links = chart_links(html)
        # The demo lists associations and a mutual society, no cooperative: no link for it.
        assert [href.split("?")[1] for href, _name in links] == [
            "family=association",
            "family=mutuelle",
        ], language
        for href, name in links:
            assert href.startswith(f"/{language}/")
            announced = int(re.search(r"(?:Voir|See) (?:les |the )?(\d+)", name).group(1))
            html = client.get(href.replace("&amp;", "&")).content.decode()
            assert re.search(rf'<h2 id="results-heading">{announced} ', html), href
