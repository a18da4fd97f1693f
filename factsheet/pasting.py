"""A two-column table pasted from a spreadsheet, read into a chart's rows.

What a spreadsheet puts on the clipboard: one line per row, cells separated by tabs (or by
semicolons, as a French CSV export writes them), numbers written the French way ("3 761",
"9,5", "89 %") or the English way ("3,761.5"). An optional first line of headings
("Statut;Part") is skipped. Every line that cannot be read gets its own message, in the
editor's language, naming the line and repeating what was written.
"""

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Spaces a spreadsheet or a word processor writes between thousands.
THOUSANDS_SPACES = " \u00a0\u202f\u2009'"
MAX_LABEL_LENGTH = 80
MAX_DECIMALS = 3
MAX_DIGITS = 15


@dataclass(frozen=True)
class PastedRow:
    label: str
    value: Decimal


def parse_number(text: str) -> Decimal | None:
    """The number `text` writes, or None: "3 761" → 3761, "9,5" → 9.5, "1.234,5" → 1234.5,
    "3,761.5" → 3761.5, "89 %" → 89, "−5" → -5 (the minus sign of typesetting)."""
    cleaned = text.strip().replace("\u2212", "-").removesuffix("%").strip()
    for space in THOUSANDS_SPACES:
        cleaned = cleaned.replace(space, "")
    if "," in cleaned and "." in cleaned:
        # Both: the last one is the decimal mark, the other groups thousands.
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")  # "1.234.567": dots group thousands
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return None


def _cells(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ";"
    cells = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]
    while cells and not cells[-1]:  # a spreadsheet's trailing empty cells
        cells.pop()
    return cells


def _too_precise(number: Decimal) -> bool:
    sign, digits, exponent = number.as_tuple()
    decimals = max(0, -exponent)
    return decimals > MAX_DECIMALS or len(digits) - decimals > MAX_DIGITS - MAX_DECIMALS


def parse_table(text: str) -> tuple[list[PastedRow], list[str]]:
    """The rows of a pasted two-column table (label, value) and a message per unreadable line.

    Lines are numbered as the editor sees them in the box (blank lines count). The first
    non-blank line is taken for a line of headings, and skipped, when its value is no number.
    """
    rows, errors = [], []
    first = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = _cells(line)
        is_first, first = first, False
        if len(cells) != 2:
            if is_first and len(cells) > 2 and parse_number(cells[-1]) is None:
                continue  # a heading line of more columns: it says nothing yet
            errors.append(
                ngettext(
                    "ligne %(line)s : deux colonnes attendues (libellé, valeur), %(count)s "
                    "trouvée dans « %(text)s ».",
                    "ligne %(line)s : deux colonnes attendues (libellé, valeur), %(count)s "
                    "trouvées dans « %(text)s ».",
                    len(cells),
                )
                % {"line": number, "count": len(cells), "text": line.strip()}
            )
            continue
        label, written = cells
        value = parse_number(written)
        if value is None:
            if is_first:
                continue  # headings ("Statut", "Part")
            errors.append(
                _("ligne %(line)s : « %(text)s » n'est pas un nombre.")
                % {"line": number, "text": written}
            )
            continue
        if not label:
            errors.append(
                _("ligne %(line)s : le libellé de la valeur « %(text)s » est vide.")
                % {"line": number, "text": written}
            )
        elif len(label) > MAX_LABEL_LENGTH:
            errors.append(
                _("ligne %(line)s : le libellé « %(label)s » dépasse %(max)s caractères.")
                % {"line": number, "label": label, "max": MAX_LABEL_LENGTH}
            )
        elif _too_precise(value):
            errors.append(
                _(
                    "ligne %(line)s : « %(text)s » a trop de chiffres (au plus %(max)s après la "
                    "virgule)."
                )
                % {"line": number, "text": written, "max": MAX_DECIMALS}
            )
        else:
            rows.append(PastedRow(label, value))
    return rows, errors
