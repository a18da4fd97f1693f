"""Text-search helpers shared by the site search (search/) and the directory's own search.

PostgreSQL searches with its text search configurations (`french_unaccent`, `english_unaccent`:
accents stripped, stop words left out, Snowball stemming) and pg_trgm's word similarity for
typos. The functions here do the same in Python, so that a site on SQLite finds what the same
site on PostgreSQL finds: `fold` strips accents, `stems` gives the lexemes a configuration
would keep, `word_similarity` is pg_trgm's measure.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import snowballstemmer
from django.db.models import BooleanField, Func

STOPWORDS_DIR = Path(__file__).resolve().parent / "data" / "stopwords"
# The Snowball stemmer and stop word list of each language PostgreSQL is configured for.
LANGUAGES = {"fr": "french", "en": "english"}
DEFAULT_LANGUAGE = "fr"
# pg_trgm's threshold for `<%`, set on the connection in settings (base.py).
WORD_SIMILARITY_THRESHOLD = 0.5
WORD = re.compile(r"[^\W_]+")


class WordSimilar(Func):
    """`query <% text`: a word of `text` is close to `query` (pg_trgm, GIN-indexable)."""

    template = "%(expressions)s"
    arg_joiner = " <%% "
    output_field = BooleanField()


def fold(text):
    """Lower case without accents: "Économie" → "economie" (PostgreSQL's unaccent)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of `text`, folded, as PostgreSQL's parser splits them ("d'insertion" → d,
    insertion)."""
    return WORD.findall(fold(text))


@cache
def _stemmer(language):
    return snowballstemmer.stemmer(LANGUAGES[language])


@cache
def _stopwords(language):
    path = STOPWORDS_DIR / f"{LANGUAGES[language]}.stop"
    return frozenset(path.read_text(encoding="utf-8").split())


def stems(text, language):
    """The lexemes `language`'s configuration keeps of `text`: folded words, stop words left
    out (checked after folding, as unaccent runs before the stemmer), stemmed."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    stopwords = _stopwords(language)
    return _stemmer(language).stemWords([word for word in words(text) if word not in stopwords])


def _trigrams(word):
    """pg_trgm's trigrams of one word, in order: padded with two spaces before, one after."""
    padded = f"  {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def word_similarity(query, text):
    """pg_trgm's word_similarity(query, text): the best share of the query's trigrams found in
    one continuous extent of the text's ordered trigrams (1 when a word of the text starts
    with the query, about 0.5 for one wrong letter in a short word)."""
    wanted = {trigram for word in words(query) for trigram in _trigrams(word)}
    if not wanted:
        return 0.0
    ordered = [trigram for word in words(text) for trigram in _trigrams(word)]
    # An extent worth measuring starts and ends on a shared trigram.
    shared_at = [index for index, trigram in enumerate(ordered) if trigram in wanted]
    best = 0.0
    for start_at, start in enumerate(shared_at):
        extent, common, reached = set(), 0, start
        for end in shared_at[start_at:]:
            for trigram in ordered[reached : end + 1]:
                if trigram not in extent:
                    extent.add(trigram)
                    common += trigram in wanted
            reached = end + 1
            best = max(best, common / (len(wanted) + len(extent) - common))
    return best


def trigram_substrings(query):
    """The query's trigrams as substrings of " " + text + " " (a word's first trigram, "  m",
    is " m" there): a text holding fewer of them than WORD_SIMILARITY_THRESHOLD of the query's
    trigrams cannot be similar enough, which SQL can tell without pg_trgm."""
    wanted = {trigram for word in words(query) for trigram in _trigrams(word)}
    return sorted(trigram[1:] if trigram.startswith("  ") else trigram for trigram in wanted)


def similar_words(query, texts, threshold=WORD_SIMILARITY_THRESHOLD):
    """The keys of `texts` ({key: text}) whose word_similarity to `query` reaches `threshold`
    (pg_trgm's `query <% text`). A text sharing too few of the query's trigrams cannot reach
    it and is not measured."""
    wanted = {trigram for word in words(query) for trigram in _trigrams(word)}
    needed = threshold * len(wanted)
    return [
        key
        for key, text in texts.items()
        if wanted
        and len(wanted.intersection(trigram for word in words(text) for trigram in _trigrams(word)))
        >= needed
        and word_similarity(query, text) >= threshold
    ]
