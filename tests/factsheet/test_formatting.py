"""Figures written the way each language writes them."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.figures import FigureCardBlock, figure_text
from core.formatting import format_figure, format_number

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("language", "args", "expected"),
    [
        ("fr", (Decimal("3761"),), f"3{NNBSP}761"),
        ("en", (Decimal("3761"),), "3,761"),
        ("fr", (Decimal("126895"),), f"126{NNBSP}895"),
        ("fr", (Decimal("1.7"), "percent", 1), f"1,7{NBSP}%"),
        ("en", (Decimal("1.7"), "percent", 1), "1.7%"),
        ("fr", (Decimal("18"), "percent", 0), f"18{NBSP}%"),
        ("fr", (Decimal("91.3"), "euro", 1, "millions"), f"91,3{NBSP}M{NBSP}€"),
        ("en", (Decimal("91.3"), "euro", 1, "millions"), "€91.3M"),
        ("fr", (Decimal("1500"), "euro", 0), f"1{NNBSP}500{NBSP}€"),
        ("fr", (Decimal("19.2"), "number", 1), "19,2"),
        ("en", (Decimal("19.2"), "number", 1), "19.2"),
        ("fr", (Decimal("1.5"), "per_thousand", 1), f"1,5 pour 1{NNBSP}000 habitants"),
    ],
)
def test_figures_follow_the_active_language(language, args, expected):
    with translation.override(language):
        assert format_figure(*args) == expected


def test_decimals_are_always_shown_as_asked():
    with translation.override("fr"):
        assert format_number(Decimal("7"), 1) == "7,0"
        assert format_number(Decimal("1.54"), 1) == "1,5"


def test_a_ratio_card_puts_its_unit_before_per_thousand_inhabitants():
    value = FigureCardBlock().to_python(
        {"value": "1.5", "kind": "per_thousand", "decimals": 1, "unit": "établissement"}
    )
    with translation.override("fr"):
        assert figure_text(value) == ("1,5", f"établissement pour 1{NNBSP}000 habitants")


def test_a_card_renders_its_figure_in_the_reader_language():
    block = FigureCardBlock()
    value = block.to_python(
        {"value": "3761", "kind": "number", "label": "emplois ESS", "scale": "units"}
    )
    with translation.override("fr"):
        assert f"3{NNBSP}761" in block.render(value)
    with translation.override("en"):
        assert "3,761" in block.render(value)
