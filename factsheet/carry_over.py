"""Values carried over from the previous edition, until the editor updates or confirms them.

Preparing the next edition (``next_edition``) copies the latest one and marks every figure
card and every chart « pas encore mis à jour »: the block keeps, in ``carried_over``, the
value it was copied with (a chart: the values of its rows, in order). The mark holds while
the value is still the copied one and the editor has not ticked ``unchanged`` (« valeur
inchangée »). The figure checks (``checks``) name the marked blocks, and the page form
refuses to publish while one remains; a draft may be saved. Nothing here is ever rendered
to visitors, exported or indexed.
"""

from decimal import Decimal, InvalidOperation


def _number(value) -> str:
    """A value as the mark stores it: "3761" for 3761, "3761.000" or Decimal("3761")."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return format(number.normalize(), "f") if number.is_finite() else ""


def _unwrap(item):
    """A list item's value, whether stored with its id ({"type": "item", ...}) or not."""
    return item.get("value") if isinstance(item, dict) and "type" in item else item or {}


def chart_fingerprint(rows) -> str:
    """The values of a chart's rows, in order: "89;6;5"."""
    return ";".join(_number(_unwrap(row).get("value")) for row in rows or [] if row is not None)


def _mark_card(card) -> dict:
    return {**card, "carried_over": _number(card.get("value")), "unchanged": False}


def mark(raw_body) -> list:
    """The raw StreamField data of a body with each figure card and chart marked as carried
    over (the copy of the next edition is made from it)."""
    marked = []
    for block in raw_body or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "figure":
            value = _mark_card(value)
        elif kind == "figure_group":
            figures = [
                {**item, "value": _mark_card(item["value"])}
                if isinstance(item, dict) and "type" in item
                else _mark_card(item)
                for item in value.get("figures") or []
            ]
            value = {**value, "figures": figures}
        elif kind == "chart":
            value = {
                **value,
                "carried_over": chart_fingerprint(value.get("rows")),
                "unchanged": False,
            }
        marked.append({**block, "value": value})
    return marked


def card_is_marked(card) -> bool:
    """A figure card (its block value) still shows the value copied from the last edition."""
    copied = card.get("carried_over") or ""
    return bool(copied) and not card.get("unchanged") and _number(card.get("value")) == copied


def chart_is_marked(chart) -> bool:
    """A chart (its block value) still has the rows' values copied from the last edition."""
    copied = chart.get("carried_over") or ""
    return (
        bool(copied)
        and not chart.get("unchanged")
        and chart_fingerprint(chart.get("rows")) == copied
    )
