"""The search table's text for databases other than PostgreSQL (search_text), and names split
into words (plain_title). The table is emptied: directory/signals.py fills it again after
migrate, with the new columns."""

from django.db import migrations, models


def empty_search_table(apps, schema_editor):
    apps.get_model("directory", "ActorSearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_drop_index_entry_trigrams")]

    operations = [
        migrations.AddField(
            model_name="actorsearchentry",
            name="search_text",
            field=models.TextField(blank=True, default="", verbose_name="texte de recherche"),
        ),
        migrations.RunPython(empty_search_table, migrations.RunPython.noop),
    ]
