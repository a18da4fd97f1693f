"""The footer's partner links move from the (untranslatable) site settings to the translatable
PartnerLinks snippet, in the language of the site's home page; back again when reversed."""

import django.db.models.deletion
import uuid
import wagtail.fields
from django.db import migrations, models


def move_to_snippet(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    PartnerLinks = apps.get_model("home", "PartnerLinks")
    for site_settings in SiteSettings.objects.select_related("site__root_page"):
        links = list(site_settings.partner_links.raw_data)
        if links:
            PartnerLinks.objects.create(
                locale_id=site_settings.site.root_page.locale_id, links=links
            )


def move_back(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    PartnerLinks = apps.get_model("home", "PartnerLinks")
    for site_settings in SiteSettings.objects.select_related("site__root_page"):
        links = (
            PartnerLinks.objects.filter(locale_id=site_settings.site.root_page.locale_id)
            .order_by("pk")
            .first()
        )
        if links:
            site_settings.partner_links = list(links.links.raw_data)
            site_settings.save()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_synchronised_identifiers"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnerLinks",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "links",
                    wagtail.fields.StreamField(
                        [("link", 2)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Libellé", "max_length": 255},
                            ),
                            1: ("wagtail.blocks.URLBlock", (), {"label": "Adresse"}),
                            2: ("wagtail.blocks.StructBlock", [[("label", 0), ("url", 1)]], {}),
                        },
                        verbose_name="Liens",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "Liens partenaires du pied de page",
                "verbose_name_plural": "Liens partenaires du pied de page",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(move_to_snippet, move_back),
        migrations.RemoveField(
            model_name="sitesettings",
            name="partner_links",
        ),
    ]
