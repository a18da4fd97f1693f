"""Let the editorial roles maintain the directory's taxonomies (sectors, service categories).

Éditeurs add and rename them; only Modérateurs delete one, since actors and services refer to it.
"""

from django.db import migrations

from core.roles import grant_snippet_permissions

TAXONOMY_SNIPPETS = ["directory.sector", "directory.supportservicecategory"]


def grant(apps, schema_editor):
    grant_snippet_permissions(apps, TAXONOMY_SNIPPETS)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_synchronised_identifiers"),
        ("home", "0005_editor_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
