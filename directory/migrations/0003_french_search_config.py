"""PostgreSQL only: the text search configurations used by search/backends.py.

french_unaccent strips accents then stems in French ("Hénin" and "henin" meet, "jardins"
finds "jardin"); simple_unaccent does the same without stemming, for name prefixes.
pg_trgm, f_unaccent() and trigram indexes on the index entries' plain text serve the
typo-tolerant fallback. Nothing to do on other databases.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $func$ SELECT public.unaccent('public.unaccent', $1) $func$;
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;
CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION simple_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE INDEX IF NOT EXISTS modelsearch_title_text_unaccent_trgm
    ON wagtailsearch_indexentry USING gin (f_unaccent(title_text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS modelsearch_body_text_unaccent_trgm
    ON wagtailsearch_indexentry USING gin (f_unaccent(body_text) gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS modelsearch_body_text_unaccent_trgm;
DROP INDEX IF EXISTS modelsearch_title_text_unaccent_trgm;
DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_communes"), ("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(forward, backward)]
