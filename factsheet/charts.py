"""Geometry of the factsheet's charts, computed in Python and drawn by thin SVG templates.

Every function takes rows as ``(label, value, value_text)`` — ``value_text`` being the value
already written for the reader's language — and returns plain coordinates in the SVG's own
user units. No Django, no rendering: this module is unit-tested on its own.

Text cannot be measured without a font, so widths are estimated generously from the number of
characters; labels are then placed so that they never overlap each other nor cross a leader line.

A chart is drawn at one user unit per CSS pixel, its labels at the body text's size, in two
widths: one for a phone's column, one for the text column of a wider screen (the stylesheet
shows one), rather than one drawing scaled down to tiny labels on a phone or up beyond the
text around it on a desktop.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

# The text column from 48em (44rem less its margins), and a 375 px phone's (less its padding).
WIDTH = 640
NARROW_WIDTH = 336
SIZES = (("narrow", NARROW_WIDTH), ("wide", WIDTH))
# The body text's size (1rem) and a line height for labels set in it.
FONT_SIZE = 16
LINE_HEIGHT = 21
# A conservative average advance for a sans-serif face: wider than most real glyphs.
CHAR_WIDTH = 0.6 * FONT_SIZE
PADDING = 8

# Okabe–Ito hues, darkened where needed so that each reaches 3:1 against white
# (WCAG 1.4.11 non-text contrast); they stay distinguishable with the common colour-vision
# deficiencies, and labels and leader lines carry the meaning anyway.
PALETTE = ("#0072B2", "#C25400", "#00795B", "#A8447E", "#7A5C00", "#4D4D4D")
BACKGROUND = "#FFFFFF"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def wrap(text: str, max_chars: int) -> tuple[str, ...]:
    """Greedy word wrap; a word longer than a line stays whole (the canvas widens for it)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _r(number: float) -> float | int:
    """Coordinates rounded to 0.1 unit: exact enough on screen, compact in the HTML."""
    rounded = round(number, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour written "#RRGGBB"."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Bar:
    label: str
    lines: tuple[str, ...]  # the label wrapped to the chart's width
    value_text: str
    colour: str
    label_y: float
    bar_y: float
    bar_height: float
    length: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Segment:
    """A share of a stacked bar or a donut, with its label and the leader line joining them."""

    label: str
    lines: tuple[str, ...]  # the label wrapped for a donut; the whole label for a stacked bar
    value_text: str
    colour: str
    path: str  # SVG path data of the shape; empty for a share of zero
    leader: tuple[tuple[float, float], ...]
    label_x: float
    label_y: float  # baseline of the label's first line
    anchor: str  # SVG text-anchor: "start" or "end"
    swatch: tuple[float, float] | None = None  # top left of its colour square, in a legend


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    items: tuple
    font_size: float = FONT_SIZE
    line_height: float = LINE_HEIGHT


def horizontal_bars(rows, width: float = WIDTH) -> Chart:
    """One band per row: its label on a line of its own, then the bar and its value at its end.

    Bars share one scale (the largest value spans the room left by the longest value text).
    """
    labels = [wrap(label, int(width // CHAR_WIDTH)) for label, _, _ in rows]
    width = max(width, *(text_width(line) for lines in labels for line in lines))
    room = width - max(text_width(text) for _, _, text in rows) - 2 * PADDING
    largest = max((Decimal(value) for _, value, _ in rows), default=Decimal(0))
    bar_height = 22
    bars, top = [], 0.0
    for index, ((label, value, value_text), lines) in enumerate(zip(rows, labels, strict=True)):
        length = float(Decimal(value) / largest) * room if largest > 0 else 0.0
        bar_y = top + len(lines) * LINE_HEIGHT + 4
        bars.append(
            Bar(
                label=label,
                lines=lines,
                value_text=value_text,
                colour=colour(index),
                label_y=_r(top + FONT_SIZE),
                bar_y=_r(bar_y),
                bar_height=bar_height,
                length=_r(length),
                value_x=_r(length + PADDING),
                value_y=_r(bar_y + bar_height / 2 + FONT_SIZE * 0.35),
            )
        )
        top = bar_y + bar_height + 14
    return Chart(width=_r(width), height=_r(top), items=tuple(bars))


def _shares(rows) -> list[float]:
    total = sum(Decimal(value) for _, value, _ in rows)
    if total <= 0:
        return [0.0 for _ in rows]
    return [float(Decimal(value) / total) for _, value, _ in rows]


def _label_text(label: str, value_text: str) -> str:
    return f"{label} {value_text}"


def stacked_bar(rows, width: float = WIDTH) -> Chart:
    """A single bar split into shares, each labelled below it on its own line.

    Lines are listed from the last share to the first and every label starts just right of its
    share's middle, so a leader line (straight down from the share) never crosses another
    label. The bar is shortened when needed so that the last labels fit in the width.
    """
    shares = _shares(rows)
    centres, start = [], 0.0
    for share in shares:
        centres.append(start + share / 2)
        start += share
    gap = 7
    widths = [text_width(_label_text(label, text)) for label, _, text in rows]
    fits = [(width - gap - w) / c for w, c in zip(widths, centres, strict=True) if c > 0]
    length = max(width * 0.4, min([width, *fits]))
    canvas = max(width, *(c * length + gap + w for c, w in zip(centres, widths, strict=True)))

    bar_top, bar_height = 0.0, 36.0
    bar_bottom = bar_top + bar_height
    segments, start = [], 0.0
    count = len(rows)
    for index, ((label, _, value_text), share) in enumerate(zip(rows, shares, strict=True)):
        x, w = start * length, share * length
        start += share
        middle = x + w / 2
        line = count - 1 - index
        baseline = bar_bottom + 14 + line * LINE_HEIGHT + FONT_SIZE
        text_middle = baseline - FONT_SIZE * 0.35
        path = f"M{_r(x)} {bar_top}h{_r(w)}v{bar_height}h{_r(-w)}Z" if w > 0 else ""
        segments.append(
            Segment(
                label=label,
                lines=(label,),
                value_text=value_text,
                colour=colour(index),
                path=path,
                leader=(
                    (_r(middle), bar_bottom),
                    (_r(middle), _r(text_middle)),
                    (_r(middle + gap - 3), _r(text_middle)),
                ),
                label_x=_r(middle + gap),
                label_y=_r(baseline),
                anchor="start",
            )
        )
    height = bar_bottom + 14 + count * LINE_HEIGHT + PADDING
    return Chart(width=_r(canvas), height=_r(height), items=tuple(segments))


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    """A point of a circle; angles in radians, clockwise from twelve o'clock."""
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def donut_path(cx, cy, outer, inner, start, end) -> str:
    """SVG path data of a ring sector from angle ``start`` to ``end`` (radians, clockwise)."""
    if end - start <= 1e-9:
        return ""
    if end - start >= 2 * math.pi - 1e-9:
        # A full ring: an arc cannot start and end at the same point, so draw two halves.
        half = start + math.pi
        return donut_path(cx, cy, outer, inner, start, half) + donut_path(
            cx, cy, outer, inner, half, start + 2 * math.pi
        )
    large = 1 if end - start > math.pi else 0
    x0, y0 = _point(cx, cy, outer, start)
    x1, y1 = _point(cx, cy, outer, end)
    x2, y2 = _point(cx, cy, inner, end)
    x3, y3 = _point(cx, cy, inner, start)
    return (
        f"M{_r(x0)} {_r(y0)}A{outer} {outer} 0 {large} 1 {_r(x1)} {_r(y1)}"
        f"L{_r(x2)} {_r(y2)}A{inner} {inner} 0 {large} 0 {_r(x3)} {_r(y3)}Z"
    )


def _spread(wanted: list[float], heights: list[float]) -> list[float]:
    """Positions in the same order, each below the previous one's height."""
    placed: list[float] = []
    for index, y in enumerate(wanted):
        placed.append(max(y, placed[-1] + heights[index - 1]) if placed else y)
    return placed


SWATCH = 14


def _donut_with_legend(rows, width, outer, inner) -> Chart:
    """The ring alone at the top, then a legend in the rows' order (the table's): a colour
    square, the label wrapped, its value below; for a column too narrow for labels beside it."""
    cx, cy = width / 2, outer + PADDING
    text_x = PADDING + SWATCH + 8
    max_chars = int((width - text_x - PADDING) // CHAR_WIDTH)
    shares = _shares(rows)
    segments, start, top = [], 0.0, 2 * (outer + PADDING) + 8
    for index, ((label, _, value_text), share) in enumerate(zip(rows, shares, strict=True)):
        lines = wrap(label, max_chars)
        a0, a1 = start * 2 * math.pi, (start + share) * 2 * math.pi
        start += share
        segments.append(
            Segment(
                label=label,
                lines=lines,
                value_text=value_text,
                colour=colour(index),
                path=donut_path(_r(cx), _r(cy), outer, inner, a0, a1),
                leader=(),
                label_x=_r(text_x),
                label_y=_r(top + FONT_SIZE),
                anchor="start",
                swatch=(PADDING, _r(top + 3)),
            )
        )
        top += (len(lines) + 1) * LINE_HEIGHT + 8
    widest = max(text_x + text_width(t) for s in segments for t in (*s.lines, s.value_text))
    return Chart(width=_r(max(width, widest + PADDING)), height=_r(top), items=tuple(segments))


def donut(rows, width: float = WIDTH) -> Chart:
    """A ring of shares from twelve o'clock, clockwise, each labelled outside on its side
    (the label wrapped, then the value) with a leader line to the ring; when the labels
    cannot fit beside the ring (a phone's column), a legend below it."""
    outer, inner = 70, 42
    gap = 18
    max_chars = int((width / 2 - outer - gap - PADDING) // CHAR_WIDTH)
    labels = [wrap(label, max_chars) for label, _, _ in rows]
    label_room = max(
        text_width(text)
        for lines, (_, _, value_text) in zip(labels, rows, strict=True)
        for text in (*lines, value_text)
    )
    if 2 * (outer + gap + label_room + PADDING) > width:
        return _donut_with_legend(rows, width, outer, inner)
    cx = width / 2
    # The lines of the label, the value's line and a little air.
    heights = [(len(lines) + 1) * LINE_HEIGHT + 4 for lines in labels]

    shares = _shares(rows)
    angles, start = [], 0.0
    for share in shares:
        angles.append((start * 2 * math.pi, (start + share) * 2 * math.pi))
        start += share

    # Place the labels with the centre at y = 0, then shift everything into the canvas.
    sides: dict[str, list[int]] = {"start": [], "end": []}
    for index, (a0, a1) in enumerate(angles):
        middle = (a0 + a1) / 2
        sides["start" if math.sin(middle) >= -1e-9 else "end"].append(index)
    label_top = {}
    for indexes in sides.values():
        indexes.sort(key=lambda i: -math.cos((angles[i][0] + angles[i][1]) / 2))
        wanted = [
            -(outer + 12) * math.cos((angles[i][0] + angles[i][1]) / 2) - LINE_HEIGHT
            for i in indexes
        ]
        spread = _spread(wanted, [heights[i] for i in indexes])
        for i, y in zip(indexes, spread, strict=True):
            label_top[i] = y
    top = min([-outer, *label_top.values()]) - PADDING
    bottom = max([outer, *(y + heights[i] for i, y in label_top.items())]) + PADDING
    cy = -top

    segments = []
    for index, ((label, _, value_text), (a0, a1)) in enumerate(zip(rows, angles, strict=True)):
        middle = (a0 + a1) / 2
        anchor = "start" if index in sides["start"] else "end"
        direction = 1 if anchor == "start" else -1
        label_x = cx + direction * (outer + gap)
        baseline = label_top[index] + cy + FONT_SIZE
        on_ring = _point(cx, cy, outer + 2, middle)
        elbow = _point(cx, cy, outer + 9, middle)
        leader_end = (label_x - direction * 4, baseline - FONT_SIZE * 0.35)
        segments.append(
            Segment(
                label=label,
                lines=labels[index],
                value_text=value_text,
                colour=colour(index),
                path=donut_path(_r(cx), _r(cy), outer, inner, a0, a1),
                leader=tuple((_r(x), _r(y)) for x, y in (on_ring, elbow, leader_end)),
                label_x=_r(label_x),
                label_y=_r(baseline),
                anchor=anchor,
            )
        )
    return Chart(width=_r(width), height=_r(bottom - top), items=tuple(segments))


@dataclass(frozen=True)
class Column:
    """One year of a series: a column standing on the baseline, its value above, its year
    below."""

    label: str
    value_text: str
    x: float
    width: float
    y: float  # top of the column
    height: float
    centre: float
    value_y: float
    label_y: float
    baseline: float


def columns(rows, width: float = WIDTH) -> Chart:
    """Vertical columns on one scale from zero, in the order given (a series, oldest first).

    Each column is wide enough for its value text and its label, so the texts never overlap;
    the canvas widens when many points need it.
    """
    room_per_column = max(
        max(text_width(text), text_width(label)) + 2 * PADDING for label, _, text in rows
    )
    width = max(width, room_per_column * len(rows))
    slot = width / len(rows) if rows else width
    plot_top, plot_height = LINE_HEIGHT + 6, 160
    baseline = plot_top + plot_height
    largest = max((Decimal(value) for _, value, _ in rows), default=Decimal(0))
    items = []
    for index, (label, value, value_text) in enumerate(rows):
        height = float(Decimal(value) / largest) * plot_height if largest > 0 else 0.0
        height = max(height, 0.0)
        column_width = min(slot * 0.6, 64)
        centre = slot * index + slot / 2
        items.append(
            Column(
                label=label,
                value_text=value_text,
                x=_r(centre - column_width / 2),
                width=_r(column_width),
                y=_r(baseline - height),
                height=_r(height),
                centre=_r(centre),
                value_y=_r(baseline - height - 6),
                label_y=_r(baseline + LINE_HEIGHT),
                baseline=_r(baseline),
            )
        )
    return Chart(width=_r(width), height=_r(baseline + LINE_HEIGHT + 6), items=tuple(items))


LAYOUTS = {"bars": horizontal_bars, "stacked": stacked_bar, "donut": donut}
