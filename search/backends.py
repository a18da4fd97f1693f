"""The site's search backend: Wagtail's database backend, tuned per language on PostgreSQL.

On PostgreSQL each object is indexed with the full-text configuration of its language
(LANGUAGE_CONFIGS: `french_unaccent`, `english_unaccent`, both unaccent then stemming,
created by directory migrations), objects without a language (communes, images) with
SEARCH_CONFIG; `for_language` gives the backend that queries in a language's configuration.
A search that knows no language (the admin's) queries in every language's configuration, so
that each page is matched in its own. The autocomplete configuration is made
accent-insensitive too (`simple_unaccent`). SQLite gets search/sqlite_backend.py, which stems
like these configurations; other databases the stock backend.
"""

import copy
from collections import defaultdict

from django.db import connection, connections
from django.db.models import AutoField, Case, Count, F, IntegerField, Q, Value, When, Window
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend


class IndexedSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Index-friendly matching.

    Full text: `title @@ query OR body @@ query` rather than `(title || body) @@ query`.

    Both mean the same, but only the first can use the GIN indexes on the index entries:
    the stock form computes and scans every entry's concatenated vector (tens of
    milliseconds per query at 50 000 actors). Ranking is unchanged.

    Each result of such a search also carries the number of matches (`search_total`, a window
    count), which the ranking reads anyway: the site search's pages need no count query reading
    them again. Other searches (fuzzy, all or none, on given fields) go the stock way, without.
    """

    query_configs = ()  # the configurations a query is built in: `config` alone when empty

    def build_tsquery(self, query, config=None):
        built = [
            super(IndexedSearchQueryCompiler, self).build_tsquery(query, config=each)
            for each in self.query_configs or [config]
        ]
        built = [each for each in built if each is not None]
        combined = built[0] if built else None
        for each in built[1:]:
            combined |= each
        return combined

    ranked_ids = True  # False: the stock query (counting)

    def search(self, config, start, stop, score_field=None, backend=None):
        self.query_configs = getattr(backend, "query_configs", ())
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_index_vectors(search_query)
        if self.ranked_ids and self.order_by_relevance and score_field is None:
            return self._ranked(search_query, config, start, stop)
        matches = Q()
        for vector, _boost in vectors:
            matches |= Q(**{vector.name: search_query})
        return self._apply_ordering_and_scoring(
            self.queryset.filter(matches).annotate(search_total=Window(Count("pk"))),
            self._build_rank_expression(vectors, config),
            start,
            stop,
            score_field,
        )

    def _ranked(self, search_query, config, start, stop):
        """The objects of `start:stop` in the stock order (rank, then primary key, descending),
        ranked by one query on the index entries alone, then read by primary key.

        The stock query joins the objects to their index entries, then ranks the joined rows,
        carrying every matching entry's vectors through the join, the sort and a window count
        (spilled to disk), in parallel workers that double the machine time. Here the entries
        that match are ranked as they are read (a materialized CTE: the planner would
        otherwise compute the ranks after the join), the objects' filter is joined on
        narrow (id, rank) rows, and the count is a window over those. The planner runs this in
        one process (measured at 50 000 actors), where it ran the stock query in two, each
        costing the machine as much as the other saved on the clock. The rank expression is
        the stock one, on the same vectors.
        """
        entries_field = self.queryset.model._meta.get_field("index_entries")
        entry_model = entries_field.related_model
        matches = Q(title=search_query) | Q(body=search_query)
        rank = self._build_rank_expression(
            [(F("title"), F("title_norm")), (F("body"), 1.0)], config
        )
        entries = (
            entry_model._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(entries_field.model)
            )
            .filter(matches)
            .annotate(search_rank=rank)
            .values_list("object_id", "search_rank")
        )
        objects = self.queryset.order_by().values_list("pk", flat=True)
        entries_sql, entries_params = entries.query.sql_with_params()
        objects_sql, objects_params = objects.query.sql_with_params()
        limit = "" if stop is None else f" LIMIT {int(stop) - int(start)}"
        # The join on integers where the primary key is one (the ranked entries are those of
        # the model's content types: their object_id is its primary key as text), which the
        # planner hashes; on text it sorts both sides to merge them.
        if isinstance(self.queryset.model._meta.pk, AutoField | IntegerField):
            join = "CAST(ranked.object_id AS bigint) = objects.pk"
        else:
            width = entry_model._meta.get_field("object_id").max_length
            join = f"ranked.object_id = CAST(objects.pk AS varchar({int(width)}))"
        # Only SQL compiled by Django and integers are put in the text; values are parameters.
        sql = (
            f"WITH ranked (object_id, search_rank) AS MATERIALIZED ({entries_sql}) "  # noqa: S608
            "SELECT objects.pk, COUNT(*) OVER () FROM ranked "
            f"INNER JOIN ({objects_sql}) AS objects (pk) "
            f"ON {join} "
            f"ORDER BY ranked.search_rank DESC, objects.pk DESC{limit} OFFSET {int(start)}"
        )
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, entries_params + objects_params)
            rows = cursor.fetchall()
        if not rows:
            return self.queryset.none()
        ids = [row[0] for row in rows]
        position = Case(
            *(When(pk=each, then=Value(index)) for index, each in enumerate(ids)),
            output_field=IntegerField(),
        )
        return (
            self.queryset.filter(pk__in=ids)
            .annotate(search_total=Value(rows[0][1], output_field=IntegerField()))
            .order_by(position)
        )


class IndexedSearchResults(PostgresSearchResults):
    def _do_count(self):
        # Counting with the stock query (COUNT over the join): the ranked path reads a slice.
        self.query_compiler.ranked_ids = False
        try:
            return super()._do_count()
        finally:
            self.query_compiler.ranked_ids = True


class LanguageIndex(PostgresIndex):
    """Index entries whose vectors are built with the configuration of each object's language:
    a tsquery only matches vectors stemmed the same way."""

    def add_items(self, model, objs):
        locale_ids = {obj.locale_id for obj in objs if getattr(obj, "locale_id", None)}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
        )
        by_language = defaultdict(list)
        for obj in objs:
            by_language[languages.get(getattr(obj, "locale_id", None))].append(obj)
        for language, group in by_language.items():
            PostgresIndex(self.backend.for_language(language)).add_items(model, group)


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedSearchQueryCompiler
    results_class = IndexedSearchResults
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})
        # Without a language, every language's configuration.
        self.query_configs = sorted(set(self.language_configs.values()) | {self.config})

    def for_language(self, language_code):
        """This backend, indexing and querying with `language_code`'s configuration (the
        default one for a language without its own, or no language)."""
        variant = copy.copy(self)
        variant.config = self.language_configs.get(language_code, self.config)
        variant.query_configs = [variant.config]
        return variant


def backend_for_language(language_code):
    """The default search backend, querying in `language_code`'s configuration where it has
    one (PostgreSQL); other backends treat every language alike."""
    backend = get_search_backend()
    if hasattr(backend, "for_language"):  # this module's backends
        return backend.for_language(language_code)
    return backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: the SQLite backend's module needs SQLite's search tables.
        from .sqlite_backend import StemmedSQLiteSearchBackend

        return StemmedSQLiteSearchBackend(params)
    return database_backend(params)
