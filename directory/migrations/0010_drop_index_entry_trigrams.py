"""PostgreSQL only: drop the trigram indexes 0003 put on Wagtail's search index entries.

They served the typo-tolerant search of the index entries, which the directory no longer
runs: its typos are matched on its own search table (0009's trigram index on plain names).
Every page save paid for them. Nothing to do on other databases.
"""

from django.db import migrations

FORWARD = """
DROP INDEX IF EXISTS modelsearch_title_text_unaccent_trgm;
DROP INDEX IF EXISTS modelsearch_body_text_unaccent_trgm;
"""

BACKWARD = """
CREATE INDEX IF NOT EXISTS modelsearch_title_text_unaccent_trgm
    ON wagtailsearch_indexentry USING gin (f_unaccent(title_text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS modelsearch_body_text_unaccent_trgm
    ON wagtailsearch_indexentry USING gin (f_unaccent(body_text) gin_trgm_ops);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_actor_search_entry")]
    operations = [migrations.RunPython(forward, backward)]
