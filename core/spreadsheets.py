"""CSV cells that a spreadsheet opens as text, never as a formula it would run.

Editors' and imported text goes into the open-data CSV files; a cell starting with "=", "+",
"-" or "@" (or a tab or carriage return) is a formula to Excel or LibreOffice, which can fetch
URLs or run commands. Such a cell gets a leading apostrophe, as OWASP advises; a cell that
reads as a plain number ("-5", "+33 3 21 00 00 00") stays as it is, since no formula hides in it.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,]*")


def spreadsheet_text(value):
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def spreadsheet_row(values):
    return [spreadsheet_text(value) for value in values]
