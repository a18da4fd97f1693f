"""The drill-down from a figure to the directory, against a stand-in for the directory's answers
(core.counts' provider): when a link is shown, what it says, and what the editor is told."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks

from core import counts, drill
from core.figures import FigureCardBlock
from factsheet.blocks import ChartBlock, FactsheetStreamBlock


class FakeDirectory:
    """Answers as the directory does, from a table of counts; records what it was asked."""

    def __init__(self, counted=None, sectors=(("sector-key", "Espaces verts"),)):
        self.counted = counted or {}
        self.sectors = list(sectors)
        self.asked = []

    def choices(self, name):
        return {
            "family": [("association", "Association"), ("mutuelle", "Mutuelle")],
            "sector": self.sectors,
            "band": [("11", "10 à 19 salariés")],
        }.get(name, [])

    def count(self, request, language, filters):
        self.asked.append((language, filters))
        return self.counted.get(filters.family or filters.sector or filters.commune)

    def url(self, request, language, filters):
        params = "&".join(f"{name}={value}" for name, value in filters.given().items())
        return f"/{language}/annuaire/?{params}"

    def link_text(self, count, filters):
        return f"Voir les {count} {filters.family or 'acteurs'} listés dans l’annuaire"

    def per_commune(self, request, language, filters):
        return None


@pytest.fixture
def directory(monkeypatch):
    fake = FakeDirectory({"association": 12, "mutuelle": 0, "62215": 4})
    monkeypatch.setattr(counts, "_provider", fake)
    return fake


@pytest.fixture
def request_():
    return RequestFactory().get("/fr/chiffres-cles/")


def chosen(**values):
    return {"family": "", "sector": "", "commune": "", "band": "", **values}


def test_no_filter_chosen_means_no_link_and_no_count_asked(directory, request_):
    assert drill.filters_of(chosen()) is None
    assert drill.directory_link(request_, chosen()) is None
    assert drill.directory_link(request_, None) is None
    assert directory.asked == []


def test_a_chosen_family_links_to_its_listed_actors_with_their_count(directory, request_):
    link = drill.directory_link(request_, chosen(family="association", commune="62215"))
    assert link == drill.DirectoryLink(
        url="/fr/annuaire/?family=association&commune=62215",
        count=12,
        text="Voir les 12 association listés dans l’annuaire",
    )


def test_the_count_is_asked_in_the_readers_language(directory, request_):
    with translation.override("en"):
        link = drill.directory_link(request_, chosen(family="association"))
    assert link.url.startswith("/en/annuaire/")
    assert directory.asked[-1][0] == "en"


@pytest.mark.parametrize(
    "value",
    [
        chosen(family="mutuelle"),  # nothing listed: a link to an empty list says nothing
        chosen(sector="deleted"),  # the directory cannot answer: the value is gone
    ],
)
def test_no_link_when_nothing_is_listed_or_the_directory_cannot_answer(directory, request_, value):
    assert drill.directory_link(request_, value) is None


def test_no_link_without_a_request_or_a_directory(monkeypatch, request_):
    monkeypatch.setattr(counts, "_provider", None)
    assert drill.directory_link(request_, chosen(family="association")) is None
    assert drill.directory_link(None, chosen(family="association")) is None


def test_an_empty_filter_is_valid_without_reading_the_directory(monkeypatch):
    def fail(name):
        raise AssertionError("choices read for an empty filter")

    monkeypatch.setattr(counts, "choices", fail)
    block = drill.DirectoryFilterBlock()
    assert block.clean(block.to_python(chosen())) == chosen()


def test_only_the_directory_values_are_accepted(directory):
    block = drill.DirectoryFilterBlock()
    assert block.clean(block.to_python(chosen(family="association", band="11")))["band"] == "11"
    for name, value in [("family", "cooperative-inventee"), ("commune", "99999"), ("band", "ZZ")]:
        with pytest.raises(ValidationError):
            block.clean(block.to_python(chosen(**{name: value})))


def card(**fields):
    return {
        "value": "89",
        "kind": "percent",
        "label": "des établissements sont des associations",
        "decimals": 0,
        "scale": "units",
        "directory_filter": chosen(),
        **fields,
    }


def test_a_figure_card_shows_the_link_under_the_figure(directory, request_):
    block = FigureCardBlock()
    value = block.to_python(card(directory_filter=chosen(family="association")))
    html = block.render(value, {"request": request_})
    assert "89" in html
    assert (
        '<p class="figure-card__directory"><a href="/fr/annuaire/?family=association">'
        "Voir les 12 association listés dans l’annuaire</a></p>"
    ) in html


def test_a_figure_card_without_listed_actors_has_no_link(directory, request_):
    block = FigureCardBlock()
    for value in (card(), card(directory_filter=chosen(family="mutuelle"))):
        assert "figure-card__directory" not in block.render(
            block.to_python(value), {"request": request_}
        )


def chart(*rows):
    return {
        "title": "Établissements par statut juridique",
        "chart_type": "bars",
        "rows": [
            {"label": label, "value": value, "directory_filter": chosen(**filters)}
            for label, value, filters in rows
        ],
        "summary": "89 % d'associations.",
        "kind": "percent",
        "decimals": 0,
        "source": "",
        "note": "",
    }


@pytest.mark.parametrize("chart_type", ["bars", "stacked", "donut"])
def test_each_linked_row_of_a_chart_is_a_link_with_an_accessible_name(
    directory, request_, chart_type
):
    block = ChartBlock()
    value = block.to_python(
        {
            **chart(
                ("Associations", "89", {"family": "association"}),
                ("Mutuelles", "5", {"family": "mutuelle"}),
                ("Autres", "6", {}),
            ),
            "chart_type": chart_type,
        }
    )
    html = block.render(value, {"request": request_})
    assert 'role="group"' in html  # a drawing with links is not a single image
    assert (
        '<a href="/fr/annuaire/?family=association" aria-label="Associations 89 % – '
        'Voir les 12 association listés dans l’annuaire" class="chart__link">'
    ) in html.replace("\xa0", " ")
    # No link for 0 listed, nor without a filter: one link in each of the two drawings (a
    # phone's and a wide screen's).
    assert html.count("<svg") == 2
    assert html.count('class="chart__link"') == 2
    # The table says the same to whoever does not see the drawing.
    assert '<td><a href="/fr/annuaire/?family=association">Voir les 12' in html
    assert html.count("<td></td>") == 2


def test_a_chart_without_links_stays_an_image_without_the_directory_column(directory, request_):
    block = ChartBlock()
    value = block.to_python(chart(("Associations", "89", {}), ("Autres", "11", {})))
    html = block.render(value, {"request": request_})
    assert 'role="img"' in html
    assert "chart__link" not in html and "Dans l’annuaire" not in html


def stream(*children):
    block = FactsheetStreamBlock()
    return block.to_python([{"type": name, "value": value} for name, value in children])


def test_the_editor_is_told_which_links_a_deleted_value_switched_off(directory):
    body = stream(
        ("figure", card(directory_filter=chosen(sector="sector-key"))),
        ("figure", card(label="Mutuelles", directory_filter=chosen(sector="gone-key"))),
        ("chart", chart(("Associations", "89", {"family": "association"}), ("Autres", "11", {}))),
        (
            "figure_group",
            {
                "heading": "Statuts",
                "intro": "",
                "layout": "grid",
                "figures": [card(label="Fondations", directory_filter=chosen(band="99"))],
            },
        ),
    )
    problems = drill.stale_filters([body])
    assert len(problems) == 2
    assert problems[0].startswith("« Mutuelles » : la valeur choisie pour « Secteur d'activité »")
    assert "(gone-key)" in problems[0]
    assert "« Fondations »" in problems[1] and "Tranche d'effectif salarié" in problems[1]


def test_a_page_whose_links_all_work_has_nothing_to_tell(directory):
    body = stream(("figure", card(directory_filter=chosen(family="association"))))
    assert drill.stale_filters([body, None]) == []


def test_figures_and_rows_keep_their_numbers_with_a_link(directory):
    block = ChartBlock()
    value = block.clean(
        block.to_python(chart(("A", "89", {"family": "association"}), ("B", "11", {})))
    )
    assert [row["value"] for row in value["rows"]] == [Decimal(89), Decimal(11)]
    assert isinstance(FigureCardBlock().child_blocks["directory_filter"], blocks.StructBlock)
