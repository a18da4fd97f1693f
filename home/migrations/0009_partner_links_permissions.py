"""Let the editorial roles maintain and translate the footer's partner links (0008 made them a
snippet; as site settings only administrators could change them). Only Modérateurs delete."""

from django.db import migrations

from core.roles import grant_snippet_permissions


def grant(apps, schema_editor):
    grant_snippet_permissions(apps, ["home.partnerlinks"])


class Migration(migrations.Migration):
    dependencies = [("home", "0008_partner_links_snippet")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
