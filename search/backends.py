"""The site's search backend: Wagtail's database backend, tuned for French on PostgreSQL.

On PostgreSQL the full-text configuration comes from SEARCH_CONFIG (`french_unaccent`:
unaccent then French stemming, created by a directory migration); the autocomplete
configuration is made accent-insensitive too (`simple_unaccent`), and a typo-tolerant
trigram query is offered to callers as `fuzzy_query`. Other databases get the stock backend.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, TextField, Value
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.postgres import (
    FUnaccent,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not


class WordSimilar(Func):
    """`query <% text`: a word of `text` is close to `query` (pg_trgm, GIN-indexable)."""

    template = "%(expressions)s"
    arg_joiner = " <%% "
    output_field = BooleanField()


class IndexedSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Index-friendly matching.

    Full text: `title @@ query OR body @@ query` rather than `(title || body) @@ query`.

    Both mean the same, but only the first can use the GIN indexes on the index entries:
    the stock form computes and scans every entry's concatenated vector (tens of
    milliseconds per query at 50 000 actors). Ranking is unchanged.
    """

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_index_vectors(search_query)
        matches = Q()
        for vector, _boost in vectors:
            matches |= Q(**{vector.name: search_query})
        return self._apply_ordering_and_scoring(
            self.queryset.filter(matches),
            self._build_rank_expression(vectors, config),
            start,
            stop,
            score_field,
        )

    def _build_fuzzy_queryset(self, config, backend):
        """Typo tolerance on names, through the trigram index on unaccented titles.

        The stock version compares the query with every entry's title and body (seconds at
        50 000 actors); the `<%` operator (word similarity above pg_trgm's threshold, 0.5 in
        the settings) lets PostgreSQL use the GIN index the directory migration creates."""
        query = FUnaccent(Value(self.query.query_string, output_field=TextField()))
        title = FUnaccent(F("index_entries__title_text"))
        queryset = self.queryset.filter(WordSimilar(query, title)).annotate(
            _fuzzy_similarity=TrigramWordSimilarity(query, title)
        )
        return queryset, F("_fuzzy_similarity")


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedSearchQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)

    @staticmethod
    def fuzzy_query(query_string):
        # Needs pg_trgm and f_unaccent(), both created by directory's search migration.
        return Fuzzy(query_string, unaccent=True)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return FrenchPostgresSearchBackend(params)
    return database_backend(params)
