"""The directory's search table (directory/search_index.py).

On PostgreSQL: a GIN index on the weighted tsvector (full text and name prefixes) and a trigram
index on the plain name (typo tolerance; pg_trgm comes from 0003). The table is filled after
migrating (directory/signals.py), or by rebuild_directory_search.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


POSTGRES_INDEXES = """
CREATE INDEX directory_actorsearchentry_vector ON directory_actorsearchentry
    USING gin (search_vector);
CREATE INDEX directory_actorsearchentry_title_trgm ON directory_actorsearchentry
    USING gin (plain_title gin_trgm_ops);
"""


def add_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_english_search_config"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActorSearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="directory.actorpage",
                    ),
                ),
                ("title", models.CharField(max_length=255, verbose_name="nom")),
                (
                    "family",
                    models.CharField(blank=True, max_length=20, verbose_name="famille de l'ESS"),
                ),
                (
                    "headcount_band",
                    models.CharField(
                        blank=True, max_length=2, verbose_name="tranche d'effectif salarié"
                    ),
                ),
                ("plain_title", models.CharField(max_length=255, verbose_name="nom sans accents")),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        null=True, verbose_name="vecteur de recherche"
                    ),
                ),
                (
                    "commune",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="directory.commune",
                        verbose_name="commune",
                    ),
                ),
                (
                    "directory",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="annuaire",
                    ),
                ),
                (
                    "sectors",
                    models.ManyToManyField(
                        related_name="+", to="directory.sector", verbose_name="secteurs"
                    ),
                ),
            ],
            options={
                "verbose_name": "entrée de recherche de l'annuaire",
                "verbose_name_plural": "entrées de recherche de l'annuaire",
                "indexes": [
                    models.Index(
                        fields=["directory", "title"], name="directory_a_directo_55e3db_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(add_postgres_indexes, migrations.RunPython.noop),
    ]
