"""Excerpts of search results with the query's terms wrapped in <mark>, matched regardless of
accents and case ("economie" finds "Économie"); everything else is escaped."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

EXCERPT_LENGTH = 240


@functools.cache
def _fold_char(char):
    """One character without its accents, case-folded (none, one or more characters)."""
    return "".join(
        piece
        for piece in unicodedata.normalize("NFD", char).casefold()
        if not unicodedata.combining(piece)
    )


def _fold(text):
    """Accent- and case-folded copy of `text` and, for each of its characters, the index of the
    original character it came from, so that matches map back onto the original text.
    Character by character, each folded once per process (the Unicode work cost ~1 ms a
    result on the site search's summaries)."""
    pieces = [_fold_char(char) for char in text]
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), origin


def query_terms(query):
    """The words of the query, folded, longest first, without duplicates or one-letter words."""
    words = {_fold(word)[0] for word in re.findall(r"\w+", query)}
    return sorted((w for w in words if len(w) > 1), key=len, reverse=True)


def match_spans(text, terms):
    """Sorted, non-overlapping (start, end) spans of `text` where a term begins a word."""
    if not terms:
        return []
    folded, origin = _fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + ")")
    spans = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A window of about `length` characters around the first match (or the start of the text),
    cut at word boundaries, returned as (window, matched)."""
    text = " ".join(text.split())
    spans = match_spans(text, terms)
    if len(text) <= length:
        return text, bool(spans)
    start = max(0, spans[0][0] - length // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    return ("… " if start else "") + window + (" …" if end < len(text) else ""), bool(spans)


def highlight(text, terms):
    """`text` escaped, with each match of `terms` wrapped in <mark>."""
    parts, position = [], 0
    for start, end in match_spans(text, terms):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
