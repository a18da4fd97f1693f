"""PostgreSQL only: english_unaccent, the text search configuration of English pages.

Like french_unaccent (0003), it strips accents before stemming, here in English, so that an
English reader typing "henin" or "cooperative" finds "Hénin" and "coopérative" in names the
translation keeps in French. Nothing to do on other databases.
"""

from django.db import migrations

FORWARD = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

BACKWARD = "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_taxonomy_permissions")]
    operations = [migrations.RunPython(forward, backward)]
