"""The search table's name vector (directory/search_index.py `_name_vector`): name prefixes are
matched on a GIN index of their own (created here on PostgreSQL); its sectors as a list of ids
in the row (`sector_ids`) rather than a table of pairs. The table is emptied, and
directory/signals.py fills it again after migrate, with the new columns."""

import django.contrib.postgres.search
from django.db import migrations, models


def add_postgres_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX directory_actorsearchentry_name_vector ON directory_actorsearchentry "
            "USING gin (name_vector)"
        )


def drop_postgres_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_actorsearchentry_name_vector")


def empty_search_table(apps, schema_editor):
    apps.get_model("directory", "ActorSearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0015_menu_title")]

    operations = [
        migrations.AddField(
            model_name="actorsearchentry",
            name="name_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                null=True, verbose_name="vecteur du nom"
            ),
        ),
        migrations.RunPython(add_postgres_index, drop_postgres_index),
        migrations.RemoveField(model_name="actorsearchentry", name="sectors"),
        migrations.AddField(
            model_name="actorsearchentry",
            name="sector_ids",
            field=models.CharField(blank=True, default="", max_length=255, verbose_name="secteurs"),
        ),
        migrations.RunPython(empty_search_table, migrations.RunPython.noop),
    ]
