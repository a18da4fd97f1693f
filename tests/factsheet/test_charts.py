"""Chart geometry: sizes proportional to values, labels inside the canvas and apart."""

import math
import re
from decimal import Decimal
from itertools import pairwise

import pytest

from factsheet import charts

STATUS = [
    ("Associations", Decimal(89), "89 %"),
    ("Coopératives", Decimal(6), "6 %"),
    ("Mutuelles", Decimal(5), "5 %"),
]


def test_bars_are_proportional_and_leave_room_for_their_value():
    chart = charts.horizontal_bars(
        [("A", Decimal(100), "100"), ("B", Decimal(50), "50"), ("C", Decimal(0), "0")]
    )
    a, b, c = chart.items
    assert b.length == pytest.approx(a.length / 2, abs=0.1)
    assert c.length == 0
    assert a.value_x + charts.text_width(a.value_text) <= chart.width
    assert a.bar_y < b.label_y < b.bar_y < c.label_y  # each label sits above its own bar
    assert chart.height >= c.bar_y + c.bar_height


def test_a_label_word_wider_than_the_chart_widens_the_canvas():
    label = "Un" + "e" * 60
    chart = charts.horizontal_bars([(label, Decimal(1), "1"), ("B", Decimal(2), "2")])
    assert chart.width >= charts.text_width(label)


def _rectangles(chart):
    """(x, width) of each stacked segment, read from its path "M<x> <y>h<width>v…"."""
    return [
        tuple(float(n) for n in re.match(r"M([\d.]+) [\d.]+h([\d.]+)v", item.path).groups())
        for item in chart.items
    ]


def test_stacked_segments_follow_each_other_in_proportion():
    chart = charts.stacked_bar(STATUS)
    (x0, w0), (x1, w1), (x2, w2) = _rectangles(chart)
    total = w0 + w1 + w2
    assert [w0 / total, w1 / total, w2 / total] == pytest.approx([0.89, 0.06, 0.05], abs=0.002)
    assert x0 == 0
    assert x1 == pytest.approx(x0 + w0, abs=0.2)
    assert x2 == pytest.approx(x1 + w1, abs=0.2)


def test_stacked_labels_fit_do_not_overlap_and_are_not_crossed_by_leaders():
    chart = charts.stacked_bar(STATUS)
    for item in chart.items:
        text = charts.text_width(f"{item.label} {item.value_text}")
        assert 0 <= item.label_x and item.label_x + text <= chart.width
        assert item.label_y <= chart.height
    baselines = sorted(item.label_y for item in chart.items)
    assert all(b - a >= charts.LINE_HEIGHT for a, b in pairwise(baselines))
    for item in chart.items:
        for other in chart.items:
            if other is item:
                continue
            leader_x, leader_bottom = other.leader[1]
            text_end = item.label_x + charts.text_width(f"{item.label} {item.value_text}")
            # Another share's leader never runs down through this label.
            text_top = item.label_y - charts.FONT_SIZE
            crosses = item.label_x <= leader_x <= text_end and leader_bottom > text_top
            assert not crosses


def test_donut_arcs_cover_the_circle_in_proportion():
    chart = charts.donut(STATUS)
    paths = [item.path for item in chart.items]
    assert all(p.startswith("M") and p.endswith("Z") for p in paths)
    # The large-arc flag is set only for the share above one half.
    assert [p.split("A")[1].split()[3] for p in paths] == ["1", "0", "0"]


def test_donut_path_points_lie_on_the_circle():
    path = charts.donut_path(100, 100, 70, 42, 0, math.pi / 2)
    assert path.startswith("M100 30")  # twelve o'clock on the outer circle
    assert "A70 70 0 0 1 170 100" in path  # three o'clock, clockwise
    assert "L142 100" in path


def test_a_full_ring_and_an_empty_share_still_draw():
    assert charts.donut_path(0, 0, 70, 42, 0, 2 * math.pi).count("A70") == 2
    assert charts.donut_path(0, 0, 70, 42, 1, 1) == ""


def test_donut_labels_sit_outside_the_ring_on_their_side_without_overlap():
    chart = charts.donut(STATUS)
    centre = chart.width / 2
    for item in chart.items:
        if item.anchor == "start":
            assert item.label_x > centre + 70
        else:
            assert item.label_x < centre - 70
        assert charts.FONT_SIZE <= item.label_y <= chart.height
    left = sorted(i.label_y for i in chart.items if i.anchor == "end")
    assert all(b - a >= 2 * charts.LINE_HEIGHT for a, b in pairwise(left))
    # 89 % is mostly on the right; the two small shares just before twelve o'clock, left.
    assert [i.anchor for i in chart.items] == ["start", "end", "end"]


@pytest.mark.parametrize("hex_colour", charts.PALETTE)
def test_every_chart_colour_reaches_three_to_one_against_the_background(hex_colour):
    assert charts.contrast_ratio(hex_colour, charts.BACKGROUND) >= 3


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert charts.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert charts.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_long_labels_wrap_instead_of_shrinking_the_chart():
    rows = [
        ("Santé humaine et action sociale", Decimal(40), "40 %"),
        ("Enseignement", Decimal(30), "30 %"),
        ("Sport et loisirs", Decimal(20), "20 %"),
        ("Autres", Decimal(10), "10 %"),
    ]
    chart = charts.donut(rows)
    assert chart.width == charts.WIDTH
    assert len(chart.items[0].lines) > 1
    assert " ".join(chart.items[0].lines) == "Santé humaine et action sociale"
    for side in ("start", "end"):
        items = sorted((i for i in chart.items if i.anchor == side), key=lambda i: i.label_y)
        for above, below in pairwise(items):
            # The next label starts below the last line (the value) of the one above.
            assert below.label_y - above.label_y >= (len(above.lines) + 1) * charts.LINE_HEIGHT
    bars = charts.horizontal_bars([(rows[0][0] * 3, Decimal(1), "1"), ("B", Decimal(2), "2")])
    assert bars.width == charts.WIDTH and len(bars.items[0].lines) == 3
    assert bars.items[0].bar_y > bars.items[0].label_y + 2 * charts.LINE_HEIGHT


def test_wrap_keeps_words_whole():
    assert charts.wrap("Économie sociale et solidaire", 12) == (
        "Économie",
        "sociale et",
        "solidaire",
    )
    assert charts.wrap("Anticonstitutionnellement", 5) == ("Anticonstitutionnellement",)
