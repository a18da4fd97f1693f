"""The site's search backend: Wagtail's database backend, tuned for French on PostgreSQL.

On PostgreSQL the full-text configuration comes from SEARCH_CONFIG (`french_unaccent`:
unaccent then French stemming, created by a directory migration); the autocomplete
configuration is made accent-insensitive too (`simple_unaccent`), and a typo-tolerant
trigram query is offered to callers as `fuzzy_query`. Other databases get the stock backend.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from modelsearch.query import Fuzzy


class FrenchPostgresSearchBackend(PostgresSearchBackend):
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
