"""Chart geometry: sizes proportional to values, labels inside the canvas and apart."""

import json
import math
import re
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

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
    bars = charts.horizontal_bars(
        [(rows[0][0] * 3, Decimal(1), "1"), ("B", Decimal(2), "2")], charts.NARROW_WIDTH
    )
    assert bars.width == charts.NARROW_WIDTH and len(bars.items[0].lines) == 4
    assert bars.items[0].bar_y > bars.items[0].label_y + 3 * charts.LINE_HEIGHT


def test_wrap_keeps_words_whole():
    assert charts.wrap("Économie sociale et solidaire", 12) == (
        "Économie",
        "sociale et",
        "solidaire",
    )
    assert charts.wrap("Anticonstitutionnellement", 5) == ("Anticonstitutionnellement",)


# Label boxes: what the chart templates write (templates/blocks/chart.html,
# factsheet/indicator_page.html), a line's box from its ascent above the baseline to its
# descent below, as wide as the geometry's estimate of the text.
ASCENT, DESCENT = 0.8 * charts.FONT_SIZE, 0.25 * charts.FONT_SIZE


def _line_box(x, baseline, text, anchor="start"):
    width = charts.text_width(text)
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return (left, baseline - ASCENT, left + width, baseline + DESCENT)


def text_boxes(chart):
    """Every text the chart draws, as (owner, box): the lines of a label and its value."""
    boxes = []
    for owner, item in enumerate(chart.items):
        if isinstance(item, charts.Bar):
            for n, line in enumerate(item.lines):
                boxes.append((owner, _line_box(0, item.label_y + n * chart.line_height, line)))
            boxes.append((owner, _line_box(item.value_x, item.value_y, item.value_text)))
        elif isinstance(item, charts.Column):
            boxes.append((owner, _line_box(item.centre, item.value_y, item.value_text, "middle")))
            boxes.append((owner, _line_box(item.centre, item.label_y, item.label, "middle")))
        elif len(item.lines) == 1 and item.lines[0] == item.label and item.anchor == "start":
            # A stacked bar's label: the label and its value on one line.
            text = f"{item.label} {item.value_text}"
            boxes.append((owner, _line_box(item.label_x, item.label_y, text, item.anchor)))
        else:  # a donut's label: its lines, then the value on a line of its own
            lines = (*item.lines, item.value_text)
            for n, line in enumerate(lines):
                baseline = item.label_y + n * chart.line_height
                boxes.append((owner, _line_box(item.label_x, baseline, line, item.anchor)))
    return boxes


def _intersect(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_labels_apart_and_inside(chart):
    boxes = text_boxes(chart)
    for index, (owner, box) in enumerate(boxes):
        assert box[0] >= -0.5 and box[2] <= chart.width + 0.5, (box, chart.width)
        assert box[1] >= -0.5 and box[3] <= chart.height + DESCENT, (box, chart.height)
        for other_owner, other in boxes[index + 1 :]:
            assert not _intersect(box, other), (owner, box, other_owner, other)


def _demo_chart_rows():
    """The rows of every chart of the demo factsheet, French and English, as blocks read them."""
    from factsheet import demo as demo_package

    folder = Path(demo_package.__file__).parent if demo_package.__file__ else None
    folder = folder or Path(__file__).resolve().parents[2] / "factsheet" / "demo"
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "chart" and isinstance(node.get("value"), dict):
                value = node["value"]
                rows = [
                    (row["label"], Decimal(str(row["value"])), f"{row['value']} %")
                    for row in value["rows"]
                ]
                found.append((value["chart_type"], rows))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for name in ("fr.json", "en.json"):
        walk(json.loads((folder / name).read_text()))
    return found


LONG_ROWS = [
    (f"Secteur d'activité numéro {n} au libellé vraiment très long", Decimal(v), f"{v} %")
    for n, v in enumerate([40, 18, 12, 9, 6, 4, 3, 2, 2, 1, 1, 1, 0.5, 0.5], start=1)
]


@pytest.mark.parametrize(("size", "width"), charts.SIZES)
def test_the_demo_charts_labels_never_overlap(size, width):
    demo_charts = _demo_chart_rows()
    assert demo_charts
    for chart_type, rows in demo_charts:
        assert_labels_apart_and_inside(charts.LAYOUTS[chart_type](rows, width))


@pytest.mark.parametrize("chart_type", sorted(charts.LAYOUTS))
@pytest.mark.parametrize(("size", "width"), charts.SIZES)
def test_long_labels_and_many_small_rows_never_overlap(chart_type, size, width):
    assert_labels_apart_and_inside(charts.LAYOUTS[chart_type](LONG_ROWS, width))


def test_series_labels_never_overlap_however_many_years():
    rows = [(str(year), Decimal(1000 + year), f"{1000 + year:,}") for year in range(2010, 2026)]
    assert_labels_apart_and_inside(charts.columns(rows))


@pytest.mark.parametrize(("size", "width"), charts.SIZES)
def test_labels_are_set_at_the_body_text_size_and_drawn_at_one_unit_per_pixel(size, width):
    chart = charts.donut(STATUS, width)
    assert chart.font_size == 16  # 1rem, the body text (static/css/site.css)
    assert chart.width == width  # fits its column: shown unscaled, its labels at 16 px


def test_a_donut_too_wide_for_a_phone_lists_its_labels_below_in_the_table_order():
    chart = charts.donut(STATUS, charts.NARROW_WIDTH)
    assert [item.label for item in chart.items] == [label for label, _, _ in STATUS]
    baselines = [item.label_y for item in chart.items]
    assert baselines == sorted(baselines)  # top to bottom, the rows' order
    assert all(item.swatch and not item.leader for item in chart.items)
