"""Seed the 14 member communes of the CAHC (copied from communes-cahc.csv)."""

from django.db import migrations

COMMUNES = [
    ("62148", "Bois-Bernard", "62320"),
    ("62215", "Carvin", "62220"),
    ("62249", "Courcelles-lès-Lens", "62970"),
    ("62250", "Courrières", "62710"),
    ("62274", "Dourges", "62119"),
    ("62277", "Drocourt", "62320"),
    ("62321", "Évin-Malmaison", "62141"),
    ("62427", "Hénin-Beaumont", "62110"),
    ("62497", "Leforest", "62790"),
    ("62907", "Libercourt", "62820"),
    ("62587", "Montigny-en-Gohelle", "62640"),
    ("62624", "Noyelles-Godault", "62950"),
    ("62637", "Oignies", "62590"),
    ("62724", "Rouvroy", "62320"),
]


def seed(apps, schema_editor):
    Commune = apps.get_model("directory", "Commune")
    for insee_code, name, postcode in COMMUNES:
        Commune.objects.update_or_create(
            insee_code=insee_code, defaults={"name": name, "postcode": postcode}
        )


def unseed(apps, schema_editor):
    apps.get_model("directory", "Commune").objects.filter(
        insee_code__in=[row[0] for row in COMMUNES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
