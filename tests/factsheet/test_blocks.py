"""Editors' input is checked with messages that say what is wrong (and skipped on drafts)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from core.figures import FigureCardBlock
from factsheet.blocks import ChartBlock, FactsheetStreamBlock, FigureGroupBlock
from tests.factsheet.demo_body import BODY


def card(**overrides):
    raw = {"value": "3761", "kind": "number", "label": "emplois ESS", "scale": "units"}
    raw.update(overrides)
    return raw


def chart(rows, **overrides):
    raw = {
        "title": "Statuts",
        "chart_type": "donut",
        "rows": [{"label": label, "value": value} for label, value in rows],
        "summary": "Résumé.",
        "kind": "percent",
        "decimals": 0,
    }
    raw.update(overrides)
    return raw


def errors_of(block, raw):
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(raw))
    return caught.value


def messages(error) -> str:
    """Every message of a (nested) block validation error, as one string."""
    parts = [str(m) for m in getattr(error, "non_block_errors", [])]
    for child in getattr(error, "block_errors", {}).values():
        parts.append(messages(child))
    if not hasattr(error, "block_errors"):
        parts.extend(error.messages)
    return " | ".join(parts)


def test_a_valid_card_is_accepted():
    block = FigureCardBlock()
    assert block.clean(block.to_python(card()))["value"] == Decimal("3761")


def test_a_percentage_above_100_is_refused_on_the_value_field():
    error = errors_of(FigureCardBlock(), card(value="117", kind="percent"))
    assert list(error.block_errors) == ["value"]
    assert "entre 0 et 100" in messages(error) and "117" in messages(error)


@pytest.mark.parametrize("decimals", [-1, 4])
def test_decimals_must_be_between_0_and_3(decimals):
    error = errors_of(FigureCardBlock(), card(decimals=decimals))
    assert list(error.block_errors) == ["decimals"]


def test_a_check_needs_both_keys():
    error = errors_of(FigureCardBlock(), card(check="quotient", numerator="emplois"))
    assert list(error.block_errors) == ["denominator"]


def test_a_key_is_a_short_identifier():
    error = errors_of(FigureCardBlock(), card(key="Emplois ESS"))
    assert list(error.block_errors) == ["key"]


def test_a_group_holds_one_to_eight_cards():
    block = FigureGroupBlock()
    assert errors_of(block, {"heading": "Vide", "figures": []}).block_errors.keys() == {"figures"}
    errors_of(block, {"heading": "Trop", "figures": [card() for _ in range(9)]})
    block.clean(block.to_python({"heading": "Deux", "figures": [card(), card()]}))


def test_a_valid_donut_is_accepted():
    block = ChartBlock()
    value = block.clean(block.to_python(chart([("A", "89"), ("B", "6"), ("C", "5")])))
    assert [row["value"] for row in value["rows"]] == [89, 6, 5]


def test_a_chart_needs_two_rows():
    error = errors_of(ChartBlock(), chart([("A", "100")]))
    assert "au moins 2 lignes" in messages(error) and "il y en a 1" in messages(error)


def test_negative_values_are_refused_on_their_row():
    error = errors_of(ChartBlock(), chart([("A", "5"), ("B", "-3")], chart_type="bars"))
    rows = error.block_errors["rows"]
    assert list(rows.block_errors) == [1]
    assert "négative" in messages(error) and "-3" in messages(error)


def test_labels_must_be_unique():
    error = errors_of(ChartBlock(), chart([("Associations", "50"), ("associations", "50")]))
    assert list(error.block_errors["rows"].block_errors) == [1]
    assert "déjà utilisé à la ligne 1" in messages(error)


def test_donut_shares_must_sum_to_100_and_the_error_gives_the_sum():
    error = errors_of(ChartBlock(), chart([("A", "89"), ("B", "6"), ("C", "4")]))
    assert "leur somme est 99" in messages(error)


def test_a_rounding_gap_of_half_a_point_is_tolerated():
    block = ChartBlock()
    block.clean(block.to_python(chart([("A", "33.3"), ("B", "33.3"), ("C", "33.3")])))


def test_stacked_bar_shares_must_sum_to_100_too():
    error = errors_of(ChartBlock(), chart([("A", "60"), ("B", "60")], chart_type="stacked"))
    assert "leur somme est 120" in messages(error)


def test_bars_need_not_sum_to_100():
    block = ChartBlock()
    block.clean(
        block.to_python(chart([("A", "3761"), ("B", "196")], chart_type="bars", kind="number"))
    )


def test_a_percentage_row_above_100_is_refused():
    error = errors_of(ChartBlock(), chart([("A", "150"), ("B", "20")], chart_type="bars"))
    assert "entre 0 et 100" in messages(error) and "150" in messages(error)


def test_shares_must_be_percentages():
    error = errors_of(ChartBlock(), chart([("A", "89"), ("B", "11")], kind="number"))
    assert "kind" in error.block_errors


def test_draft_saves_skip_the_chart_and_card_rules():
    for block, raw in [
        (ChartBlock(), chart([("A", "89"), ("A", "-6")])),
        (FigureCardBlock(), card(value="150", kind="percent")),
    ]:
        block.clean_deferred(block.to_python(raw))  # does not raise
        with pytest.raises(ValidationError):
            block.clean(block.to_python(raw))


def test_the_demo_body_passes_every_rule():
    block = FactsheetStreamBlock()
    block.clean(block.to_python(BODY))


def test_every_block_has_a_complete_meta():
    for name, child in FactsheetStreamBlock().child_blocks.items():
        meta = child.meta
        assert meta.icon and meta.label and meta.description and meta.template, name
        assert meta.preview_value, name


def test_every_preview_renders_in_the_block_chooser():
    for name, child in FactsheetStreamBlock().child_blocks.items():
        value = child.get_preview_value()
        # The editor note renders in the chooser's preview context only, never on the site.
        html = child.render(value, child.get_preview_context(value, {}))
        assert html.strip(), name


def test_block_chooser_previews_are_styled_like_the_site():
    for name, child in FactsheetStreamBlock().child_blocks.items():
        value = child.get_preview_value()
        context = {"block_def": child, "bound_block": child.bind(value)}
        # As Wagtail's preview view does: the template gets the block's preview context.
        html = render_to_string(
            child.get_preview_template(value, context), child.get_preview_context(value, context)
        )
        assert html.count('<link rel="stylesheet"') == 1 and "css/site.css" in html, name
        assert child.render(value, child.get_preview_context(value, {})) in html, name
