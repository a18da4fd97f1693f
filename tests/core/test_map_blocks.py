"""The commune map block without the directory: editor values, their checks, the rendering."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from core.map_blocks import CommuneMapBlock, choropleth, commune_name_text

pytestmark = pytest.mark.django_db

BLOCK = CommuneMapBlock()


def values_map(rows, **fields):
    raw = {
        "title": "Emplois de l'ESS par commune",
        "data": "values",
        "family": "",
        "sector": "",
        "values": [{"commune": code, "value": value} for code, value in rows],
        "unit": "emplois",
        "decimals": 0,
        "year": 2015,
        "source": "Insee Clap",
        **fields,
    }
    return BLOCK.to_python(raw)


def errors_of(value):
    with pytest.raises(StructBlockValidationError) as error:
        BLOCK.clean(value)
    return error.value


def messages(error):
    """Every message of a (nested) block validation error, flattened."""
    found = []
    if hasattr(error, "block_errors"):
        for child in error.block_errors.values():
            found += messages(child)
    if getattr(error, "non_block_errors", None):
        found += [m for e in error.non_block_errors for m in e.messages]
    if hasattr(error, "as_data"):
        found += [m for e in error.as_data() for m in messages(e)]
    elif hasattr(error, "messages") and not hasattr(error, "block_errors"):
        found += error.messages
    return found


def test_a_valid_map_of_values_is_accepted():
    value = BLOCK.clean(values_map([("62215", "120"), ("62427", "340.5")]))
    assert value["values"][0]["value"] == Decimal("120")


def test_a_map_of_values_without_any_value_is_refused():
    assert "Saisissez la valeur d'au moins une commune." in messages(errors_of(values_map([])))


@pytest.mark.parametrize(
    ("rows", "fields", "expected"),
    [
        ([("62215", "-3")], {}, "Une valeur ne peut pas être négative (valeur : -3)."),
        (
            [("62215", "140")],
            {"unit": "%"},
            "Un pourcentage ne peut pas dépasser 100 (valeur : 140).",
        ),
        (
            [("62215", "2000000000")],
            {},
            "Valeur invraisemblable pour une commune (2000000000) : vérifiez-la.",
        ),
        (
            [("62215", "1"), ("62215", "2")],
            {},
            "Carvin a déjà une valeur à la ligne 1 : gardez-en une.",
        ),
        (
            [("62215", "1")],
            {"unit": ""},
            "Indiquez l'unité des valeurs, par ex. « emplois » ou « % ».",
        ),
    ],
)
def test_wrong_values_are_refused_with_what_was_typed(rows, fields, expected):
    assert expected in messages(errors_of(values_map(rows, **fields)))


def test_an_editor_reading_the_admin_in_english_is_told_in_english():
    with translation.override("en"):
        found = messages(errors_of(values_map([("62215", "1"), ("62215", "-3")], unit="")))
    assert "Carvin already has a value on line 1: keep one." in found
    assert "A value cannot be negative (value: -3)." in found
    assert "Give the values' unit, e.g. “emplois” or “%”." in found


def test_a_commune_outside_the_14_is_refused():
    # Only a raw value can hold one (an import, an old revision): the form offers the 14.
    found = messages(errors_of(values_map([("59350", "12")])))
    assert any("59350" in message for message in found)


def test_typed_values_on_a_map_of_listed_actors_are_refused():
    value = values_map([("62215", "12")], data="actors")
    assert any("Valeurs saisies par commune" in m for m in messages(errors_of(value)))


def test_a_draft_may_be_saved_incomplete():
    assert BLOCK.clean_deferred(values_map([])) is not None


def render(value, **context):
    request = RequestFactory().get("/fr/")
    return BLOCK.render(value, context={"request": request, **context})


def test_a_commune_without_value_shows_no_data_never_zero():
    html = render(values_map([("62215", "120"), ("62427", "340")]))
    assert "pas de données" in html
    assert "url(#carte-nd)" in html  # hatched, not a colour of the scale
    assert '<td>62148</td><td class="num">pas de données</td>' in html
    assert "Bois-Bernard : 0" not in html


def test_values_are_written_in_the_readers_language():
    with translation.override("en"):
        html = render(values_map([("62427", "3761")]))
    assert "3,761\u00a0emplois" in html
    html = render(values_map([("62427", "3761")]))
    assert "3\u202f761\u00a0emplois" in html


def test_the_map_says_where_its_data_and_outlines_come_from():
    html = render(values_map([("62427", "3761")]))
    assert "Source : Insee Clap (2015)" in html
    assert "IGN – Admin Express" in html
    assert "Valeur la plus haute : Hénin-Beaumont (3\u202f761\u00a0emplois)" in html
    assert "13 communes sans donnée" in html


def test_a_map_with_every_value_missing_renders_a_clean_no_data_map():
    # A draft saved without values (validation is deferred), then published as it is.
    html = render(values_map([("62215", None)]))
    assert "Aucune des 14 communes n’a de donnée pour cette carte." in html
    assert html.count("pas de données") >= 14


def test_the_svg_of_the_14_communes_weighs_at_most_25_kb():
    context = choropleth(
        {code: n for n, code in enumerate(["62215", "62427", "62637", "62250"])},
        value_text=lambda n: f"{n} acteurs",
        urls={"62215": "/fr/annuaire/?commune=62215"},
    )
    html = render_to_string("includes/commune_map.html", {"map": context, "title": "Carte"})
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert len(svg.encode()) <= 25_000
    assert 'aria-label="Carvin : 0 acteurs"' in svg


def test_the_accessible_name_of_a_commune_is_its_name_and_value():
    assert commune_name_text("Carvin", "12 acteurs") == "Carvin : 12 acteurs"
