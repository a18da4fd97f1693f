"""Machine-readable data of a factsheet: every figure, and each chart's rows.

Numbers are written with a plain decimal point and no thousands separator whatever the
reader's language, so that spreadsheets and scripts read them alike. The columns are
documented in docs/data.md.
"""

from decimal import Decimal

FIGURE_COLUMNS = ("section", "value", "kind", "scale", "unit", "label", "year", "source")
CHART_COLUMNS = ("label", "value", "kind")


def plain_number(value: Decimal) -> str:
    """Decimal("3761.000") → "3761", Decimal("1.50") → "1.5": no exponent, no separator."""
    return format(Decimal(value).normalize(), "f")


def _sections(body):
    """(section title, figure) pairs in reading order; chart rows are figures too."""
    for block in body:
        if block.block_type == "figure":
            yield "", block.value
        elif block.block_type == "figure_group":
            for figure in block.value["figures"]:
                yield block.value["heading"], figure
        elif block.block_type == "chart":
            chart = block.value
            for row in chart["rows"]:
                yield (
                    chart["title"],
                    {
                        "value": row["value"],
                        "kind": chart["kind"],
                        "scale": "units",
                        "unit": "",
                        "label": row["label"],
                        "year": None,
                        "source": chart["source"],
                    },
                )


def figure_records(page) -> list[dict]:
    """All figures of the page; a figure without its own year or source takes the page's."""
    records = []
    for section, figure in _sections(page.body):
        records.append(
            {
                "section": section,
                "value": figure["value"],
                "kind": figure["kind"],
                "scale": figure.get("scale") or "units",
                "unit": figure.get("unit") or "",
                "label": figure["label"],
                "year": figure.get("year") or page.reference_year,
                "source": figure.get("source") or page.data_source,
            }
        )
    return records


def figure_rows(page):
    for record in figure_records(page):
        yield [
            plain_number(record[c]) if c == "value" else ("" if record[c] is None else record[c])
            for c in FIGURE_COLUMNS
        ]


def figures_document(page) -> dict:
    figures = []
    for record in figure_records(page):
        value = Decimal(record["value"])
        number = int(value) if value == value.to_integral_value() else float(value)
        figures.append({**record, "value": number})
    return {
        "title": page.title,
        "territory": page.territory,
        "reference_year": page.reference_year,
        "source": page.data_source,
        "columns": list(FIGURE_COLUMNS),
        "figures": figures,
    }


def chart_rows(chart):
    for row in chart["rows"]:
        yield [row["label"], plain_number(row["value"]), chart["kind"]]


# The catalogue in long format: one row per indicator and edition (docs/indicators.md).
CATALOGUE_COLUMNS = (
    "indicator_code",
    "indicator_name",
    "territory_code",
    "territory_name",
    "reference_year",
    "value",
    "unit",
    "source",
    "edition_url",
)


def catalogue_records(indicator, points, edition_url) -> list[dict]:
    """One record per observation of `indicator`; `edition_url(edition)` gives the address
    of the edition it was published in. The value is in the indicator's unit (91,3 millions
    of euros → 91300000)."""
    return [
        {
            "indicator_code": indicator.code,
            "indicator_name": indicator.name,
            "territory_code": indicator.territory_code,
            "territory_name": indicator.territory,
            "reference_year": point.year,
            "value": point.amount,
            "unit": indicator.unit,
            "source": point.source or indicator.source,
            "edition_url": edition_url(point.edition),
        }
        for point in points
    ]


def catalogue_row(record) -> list:
    return [
        plain_number(record[c]) if c == "value" else ("" if record[c] is None else record[c])
        for c in CATALOGUE_COLUMNS
    ]


def json_number(value: Decimal):
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def catalogue_json_records(records) -> list[dict]:
    return [{**record, "value": json_number(record["value"])} for record in records]
