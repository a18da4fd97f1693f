"""The site's search backend on SQLite: Wagtail's FTS5 backend, stemming like PostgreSQL.

FTS5 folds accents but does not stem, so the index entries hold lexemes rather than words:
each object's title and body are replaced by their stems in the object's language
(core/text_search.py, the Snowball stemmers and stop words of PostgreSQL's configurations), and
a query is stemmed the same way: in the language being read (`for_language`), or, for a search
that knows no language (the admin's), in every language, a page matching the query in its own.
Autocomplete (name prefixes) keeps the plain words.
"""

import copy
from collections import defaultdict

from django.conf import settings
from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend
from modelsearch.query import Or, PlainText
from modelsearch.utils import get_content_type_pk
from wagtail.models import Locale

from core.text_search import DEFAULT_LANGUAGE, stems


def _lexemes(text, language):
    return " ".join(stems(text, language))


class StemmedSQLiteIndex(SQLiteIndex):
    """Index entries whose title and body are the lexemes of the object's language."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
        )
        language_of = defaultdict(lambda: DEFAULT_LANGUAGE)
        for obj in objs:
            language_of[str(obj.pk)] = languages.get(getattr(obj, "locale_id", None))
        entries = self.entries.filter(
            content_type_id=get_content_type_pk(model), object_id__in=list(language_of)
        )
        stemmed = list(entries.only("pk", "object_id", "title", "body"))
        for entry in stemmed:
            language = language_of[entry.object_id] or DEFAULT_LANGUAGE
            entry.title = _lexemes(entry.title, language)
            entry.body = _lexemes(entry.body, language)
        self.entries.bulk_update(stemmed, ["title", "body"], batch_size=500)


class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmedSQLiteIndex
    language = None  # None: the query is stemmed in every language

    def for_language(self, language_code):
        """This backend, stemming queries in `language_code` (the default language when the
        site has no configuration for it)."""
        variant = copy.copy(self)
        variant.language = (
            language_code if language_code in settings.TEXT_SEARCH_CONFIGS else DEFAULT_LANGUAGE
        )
        return variant

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if not isinstance(query, str):
            return super().search(query, model_or_queryset, fields, operator, **kwargs)
        languages = [self.language] if self.language else list(settings.TEXT_SEARCH_CONFIGS)
        operator = operator or "and"
        queries = {_lexemes(query, language) for language in languages} - {""}
        if not queries:
            # Stop words only: PostgreSQL's query is empty and matches nothing.
            queryset = getattr(model_or_queryset, "objects", model_or_queryset).none()
            return super().search("", queryset, fields, **kwargs)
        alternatives = [PlainText(lexemes, operator=operator) for lexemes in sorted(queries)]
        stemmed = alternatives[0] if len(alternatives) == 1 else Or(alternatives)
        return super().search(stemmed, model_or_queryset, fields, **kwargs)


SearchBackend = StemmedSQLiteSearchBackend
