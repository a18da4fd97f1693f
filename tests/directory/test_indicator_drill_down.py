"""Drill-down through the catalogue (issue #16 on indicators): an indicator's directory filter
gives every card and chart row that chose it the link to the directory's listed actors, unless
the card chose its own filter."""

import pytest
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Locale

from factsheet.models import Indicator
from tests.directory import test_drill_down as drill
from tests.directory.test_drill_down import (
    CARVIN,
    chart_links,
    chosen,
    figure,
    figure_links,
    listed,
)

# The drill-down tests' fixtures: actors of three families, and a factsheet maker.
actors = drill.actors
make_factsheet = drill.make_factsheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def associations():
    return Indicator.objects.create(
        code="associations",
        name="Associations employeuses",
        definition="<p>x</p>",
        kind="count",
        territory="CAHC",
        locale=Locale.get_default(),
        directory_family="association",
    )


def with_indicator(block, indicator):
    block["value"]["indicator"] = indicator.pk
    return block


def test_a_card_takes_its_indicators_directory_filter(client, actors, make_factsheet, associations):
    page = make_factsheet(
        with_indicator(figure("associations"), associations),
        # A card's own filter wins over its indicator's.
        with_indicator(figure("à Carvin", family="association", commune=CARVIN), associations),
    )
    links = figure_links(client.get(page.url).content.decode())
    assert [text for _href, text in links] == [
        "Voir les 3 associations listées dans l’annuaire",
        "Voir les 2 associations listées dans l’annuaire",
    ]
    assert listed(client, links[0][0]) == 3


def test_a_chart_row_takes_its_indicators_directory_filter(
    client, actors, make_factsheet, associations
):
    chart = {
        "type": "chart",
        "value": {
            "title": "Statuts",
            "chart_type": "bars",
            "rows": [
                {
                    "label": "Associations",
                    "value": "89",
                    "indicator": associations.pk,
                    "directory_filter": chosen(),
                },
                {"label": "Autres", "value": "11", "directory_filter": chosen()},
            ],
            "summary": "Surtout des associations.",
            "kind": "percent",
            "decimals": 0,
            "source": "",
            "note": "",
        },
    }
    links = chart_links(client.get(make_factsheet(chart).url).content.decode())
    assert len(links) == 1 and "3 associations" in links[0][1]


def test_an_indicators_filter_no_longer_in_the_directory_gives_no_link_and_the_form_says_so(
    client, actors, make_factsheet, associations
):
    Indicator.objects.filter(pk=associations.pk).update(directory_family="disparue")
    page = make_factsheet(with_indicator(figure("associations"), associations))
    assert figure_links(client.get(page.url).content.decode()) == []
    associations.refresh_from_db()
    form = get_edit_handler(Indicator).get_form_class()(instance=associations)
    choices = dict(form.fields["directory_family"].choices)
    assert choices["disparue"] == "disparue (n'existe plus dans l'annuaire)"
    assert "association" in choices and str(choices["association"]).startswith("Association")
