"""An indicator through the editions of the factsheet: its observations, series and citation.

An observation is one published value of an indicator: the figure card (or chart row) of an
edition that chose it. Observations are read from the editions' raw StreamField data, comparing
primary keys, so a series costs no query per edition nor per indicator. Values are kept as the
card stores them (a Decimal and how the card writes it) and in the indicator's own unit
(`amount`: 91,3 millions → 91 300 000) for the open data.

`edition_pages(page)` gives the editions a series runs through; until editions exist it is
the page alone. Plugging the editions in is that function's job (see docs/indicators.md).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import formatting
from core.figures import figure_text

from .charts import columns


@dataclass(frozen=True)
class Observation:
    indicator_id: int
    year: int | None
    value: Decimal  # as the card stores it (91.3)
    amount: Decimal  # in the indicator's unit (91300000)
    text: str  # as the card writes it, in the active language ("91,3 M €")
    unit_text: str  # the words the card writes after the number
    card_kind: str  # core.formatting kind: number, percent, euro, per_thousand
    decimals: int
    scale: str  # the card's scale: units, thousands, millions
    source: str
    edition: object  # the FactsheetPage the value was published in


def _decimal(raw):
    try:
        return Decimal(str(raw))
    except (InvalidOperation, TypeError, ValueError):
        return None


def _items(body):
    """(card-like dict) of each figure card and chart row of raw StreamField data."""
    for block in body or []:
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "figure":
            yield value
        elif kind == "figure_group":
            for figure in value.get("figures") or []:
                yield _unwrap(figure)
        elif kind == "chart":
            for row in value.get("rows") or []:
                row = _unwrap(row)
                yield {
                    "indicator": row.get("indicator"),
                    "value": row.get("value"),
                    "kind": value.get("kind") or formatting.NUMBER,
                    "decimals": value.get("decimals") or 0,
                    "scale": "units",
                    "unit": "",
                    "source": value.get("source") or "",
                }


def _unwrap(item):
    return item.get("value") if isinstance(item, dict) and "type" in item else item or {}


def observation(item, edition) -> Observation | None:
    """The observation a card-like dict (raw data, with its indicator's id) gives on `edition`;
    None without an indicator or a number."""
    indicator_id, number = item.get("indicator"), _decimal(item.get("value"))
    if not isinstance(indicator_id, int) or number is None:
        return None
    card = {**item, "value": number, "kind": item.get("kind") or formatting.NUMBER}
    text, unit_text = figure_text(card)
    scale = card.get("scale") or "units"
    return Observation(
        indicator_id=indicator_id,
        year=item.get("year") or edition.reference_year,
        value=number,
        amount=number * formatting.SCALES.get(scale, 1),
        text=text,
        unit_text=unit_text,
        card_kind=card["kind"],
        decimals=card.get("decimals") or 0,
        scale=scale,
        source=item.get("source") or edition.data_source or "",
        edition=edition,
    )


def observations(edition, indicator_ids=None) -> dict[int, Observation]:
    """{indicator id: its first observation} on one edition (a FactsheetPage)."""
    found = {}
    for item in _items(edition.body.raw_data):
        point = observation(item, edition)
        if point is None or point.indicator_id in found:
            continue
        if indicator_ids is not None and point.indicator_id not in indicator_ids:
            continue
        found[point.indicator_id] = point
    return found


def earlier_observations(series, edition) -> dict[int, Observation]:
    """{indicator id: its observation in the last edition before `edition` that published it}:
    what a card of `edition` is compared with. `series` is the edition's series, oldest first,
    as ``FactsheetPage.edition_series`` gives it (published editions, and `edition` itself)."""
    found = {}
    for earlier in series:
        if earlier.pk == edition.pk:
            return found
        found.update(observations(earlier))
    return {}  # `edition` is not in this series: nothing is known to come before it


def edition_pages(page) -> list:
    """The published editions of `page`'s series, oldest first."""
    series = getattr(page, "edition_pages_for_series", None)
    return list(series()) if series else [page]


def series(editions, indicator) -> list[Observation]:
    """The indicator's observations through `editions`, oldest first (undated last)."""
    points = []
    for edition in editions:
        observation = observations(edition, {indicator.pk}).get(indicator.pk)
        if observation is not None:
            points.append(observation)
    return sorted(points, key=lambda o: (o.year is None, o.year or 0))


def display(point: Observation, indicator) -> str:
    """The value as the page writes it: "3 761 emplois", "9,5 %", "91,3 M €"."""
    unit = point.unit_text
    if not unit and point.card_kind == formatting.NUMBER:
        unit = indicator.unit
    return f"{point.text} {unit}".strip()


@dataclass(frozen=True)
class SeriesRow:
    observation: Observation
    text: str  # the value with its unit
    change: str  # "+110 (+10,0 %) depuis 2022", "+0,3 point depuis 2022", "" for the first point


def comparable(first: Observation, second: Observation) -> bool:
    """Two values measure the same thing: same nature, same words after the number."""
    return first.card_kind == second.card_kind and (
        first.unit_text.strip().casefold() == second.unit_text.strip().casefold()
    )


# Why a value is not compared with an earlier one (``obstacle``).
NO_YEAR, OTHER_KIND, OTHER_UNIT = "no_year", "other_kind", "other_unit"


def obstacle(previous: Observation, current: Observation) -> str:
    """Why `current` must not be compared with `previous`: the earlier value has no year
    (NO_YEAR), or is of another nature (OTHER_KIND) or unit (OTHER_UNIT); "" when it may."""
    if previous.year is None:
        return NO_YEAR
    if not comparable(previous, current):
        return OTHER_KIND if previous.card_kind != current.card_kind else OTHER_UNIT
    return ""


def change_text(previous: Observation, current: Observation) -> str:
    """The change since the previous point, in words a screen reader reads well: absolute and
    relative for counts and amounts ("+110 (+10,0 %) depuis 2022"), in percentage points for
    percentages ("+0,3 point depuis 2022"), "stable depuis 2022" when the values read the same.
    "" when the previous point has no year or measures something else (another nature or
    unit): such values are never compared."""
    if obstacle(previous, current):
        return ""
    since = {"year": previous.year}
    difference = current.amount - previous.amount
    percent = current.card_kind == formatting.PERCENT
    decimals = max(current.decimals, 1) if percent else current.decimals
    shown = difference if percent else difference / formatting.SCALES.get(current.scale, 1)
    if not shown.quantize(Decimal(1).scaleb(-decimals)):  # as the cards write them, equal
        return _("stable depuis %(year)s") % since
    sign = "+" if difference > 0 else "−"
    if percent:
        points = formatting.format_number(abs(shown), decimals)
        words = _("%(sign)s%(points)s point") % {"sign": sign, "points": points}
        if abs(shown) >= 2:
            words = _("%(sign)s%(points)s points") % {"sign": sign, "points": points}
    else:
        words = sign + formatting.format_figure(
            abs(shown), current.card_kind, decimals, current.scale
        )
        if previous.amount:
            relative = abs(difference / previous.amount * 100)
            words += f" ({sign}{formatting.format_figure(relative, formatting.PERCENT, 1)})"
    return f"{words} {_('depuis %(year)s') % since}"


def series_rows(points, indicator) -> list[SeriesRow]:
    rows = []
    for index, point in enumerate(points):
        change = change_text(points[index - 1], point) if index else ""
        rows.append(SeriesRow(point, display(point, indicator), change))
    return rows


def series_chart(points):
    """Columns by year, from two points on; None below."""
    dated = [p for p in points if p.year is not None]
    if len(dated) < 2 or not all(comparable(dated[0], p) for p in dated):
        return None
    return columns([(str(p.year), p.amount, p.text) for p in dated])


def series_summary(indicator, points) -> str:
    """The chart's text alternative: first and last values of the series."""
    dated = [p for p in points if p.year is not None]
    if len(dated) < 2:
        return ""
    first, last = dated[0], dated[-1]
    return _(
        "%(name)s : %(first)s en %(first_year)s, %(last)s en %(last_year)s (%(count)s éditions)."
    ) % {
        "name": indicator.name,
        "first": display(first, indicator),
        "first_year": first.year,
        "last": display(last, indicator),
        "last_year": last.year,
        "count": len(dated),
    }


def plain_definition(indicator) -> str:
    return " ".join(strip_tags(indicator.definition or "").split())


@dataclass(frozen=True)
class Citation:
    text: str  # the whole reference, for copying
    consulted: str  # the date of consultation, in the reader's language


def citation(indicator, page, latest, url, producer) -> Citation:
    """A reference in the common author–title–year–URL–consultation form:
    "Communauté d'agglomération Hénin-Carvin, « Emplois de l'ESS », Les chiffres clés de l'ESS
    – CA Hénin-Carvin, 2023. https://…/indicateurs/emplois/ (consulté le 5 décembre 2026)."
    """
    from babel.dates import format_date
    from django.utils import timezone

    consulted = format_date(timezone.localdate(), format="long", locale=formatting.current_locale())
    edition = latest.edition if latest else page
    year = latest.year if latest and latest.year else None
    parts = [producer, _("« %(name)s »") % {"name": indicator.name}, edition.title]
    if year:
        parts.append(str(year))
    text = ", ".join(part for part in parts if part) + f". {url} "
    text += _("(consulté le %(date)s).") % {"date": consulted}
    return Citation(text=text, consulted=consulted)
