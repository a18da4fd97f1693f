"""Numbers written the way the reader's language writes them (CLDR data through Babel).

Figures are stored as Decimals; this module is the only place that turns them into text
for people. Machine-readable exports never go through it.
"""

from decimal import Decimal

from babel import Locale
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NUMBER, PERCENT, EURO, PER_THOUSAND = "number", "percent", "euro", "per_thousand"
KIND_CHOICES = [
    (NUMBER, "Nombre"),
    (PERCENT, "Pourcentage"),
    (EURO, "Montant en euros"),
    (PER_THOUSAND, "Ratio pour 1 000 habitants"),
]
SCALES = {"units": 1, "thousands": 1_000, "millions": 1_000_000}
SCALE_CHOICES = [("units", "Unités"), ("thousands", "Milliers"), ("millions", "Millions")]


def current_locale() -> str:
    """The Babel locale of the active Django language ("fr" when none is active)."""
    return (get_language() or "fr").split("-")[0]


def _decimal_pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def format_number(value: Decimal, decimals: int = 0, locale: str | None = None) -> str:
    """3761 → "3 761" (fr, narrow no-break space) / "3,761" (en)."""
    return format_decimal(
        value, format=_decimal_pattern(decimals), locale=locale or current_locale()
    )


def format_figure(
    value: Decimal,
    kind: str = NUMBER,
    decimals: int = 0,
    scale: str = "units",
    locale: str | None = None,
) -> str:
    """The figure as a reader sees it: "1,7 %", "91,3 M €", "€91.3M", "1,5 pour 1 000 habitants"."""
    locale = locale or current_locale()
    value = Decimal(value)
    multiplier = SCALES[scale]
    if kind == PERCENT:
        pattern = Locale.parse(locale).percent_formats[None].pattern
        pattern = pattern.replace("#,##0", _decimal_pattern(decimals), 1)
        return format_percent(value / 100, format=pattern, locale=locale)
    if kind == EURO:
        if multiplier == 1:
            pattern = Locale.parse(locale).currency_formats["standard"].pattern
            pattern = pattern.replace("#,##0.00", _decimal_pattern(decimals), 1)
            return format_currency(
                value, "EUR", format=pattern, locale=locale, currency_digits=False
            )
        return format_compact_currency(
            value * multiplier, "EUR", locale=locale, fraction_digits=decimals
        )
    if kind == PER_THOUSAND:
        return f"{format_number(value, decimals, locale)} {per_thousand_suffix('', locale)}"
    if multiplier == 1:
        return format_number(value, decimals, locale)
    return format_compact_decimal(value * multiplier, locale=locale, fraction_digits=decimals)


def per_thousand_suffix(unit: str = "", locale: str | None = None) -> str:
    """What follows a ratio: "établissement pour 1 000 habitants" (or without the unit)."""
    thousand = format_number(Decimal(1000), 0, locale)
    if unit:
        return _("%(unit)s pour %(thousand)s habitants") % {"unit": unit, "thousand": thousand}
    return _("pour %(thousand)s habitants") % {"thousand": thousand}
