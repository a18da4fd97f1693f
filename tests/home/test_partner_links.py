"""The footer's partner links: a translatable snippet shown in the reader's language."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Locale, Site
from wagtail_localize.models import TranslationSource

from core.localization import translate
from home.models import PartnerLinks

from .builders import english_home

pytestmark = pytest.mark.django_db

ESSHDF = {
    "type": "link",
    "value": {"label": "ESSHDF – Une économie d'avance", "url": "http://www.esshdf.org"},
}


def footer(html):
    return html[html.index("<footer") : html.index("</footer>")]


@pytest.fixture
def french_links(home_page):
    return PartnerLinks.objects.create(locale=home_page.locale, links=[ESSHDF])


def test_each_language_shows_its_own_labels_with_the_same_address(client, home_page, french_links):
    english_home(home_page)
    english = Locale.objects.get(language_code="en")
    translate(
        french_links, english, {"ESSHDF – Une économie d'avance": "ESSHDF – An economy ahead"}
    )
    french_footer = footer(client.get("/fr/").content.decode())
    english_footer = footer(client.get("/en/").content.decode())
    assert (
        '<a href="http://www.esshdf.org">ESSHDF – Une économie d&#x27;avance</a>' in french_footer
    )
    assert '<a href="http://www.esshdf.org">ESSHDF – An economy ahead</a>' in english_footer
    assert "Une économie" not in english_footer


def test_english_footer_shows_the_french_links_until_they_are_translated(
    client, home_page, french_links
):
    english_home(home_page)
    assert "ESSHDF – Une économie" in footer(client.get("/en/").content.decode())


def test_only_the_label_is_offered_to_translators_and_the_address_follows_the_french(
    client, home_page, french_links
):
    english_home(home_page)
    english = Locale.objects.get(language_code="en")
    translate(
        french_links, english, {"ESSHDF – Une économie d'avance": "ESSHDF – An economy ahead"}
    )
    source, _created = TranslationSource.update_or_create_from_instance(french_links)
    assert list(source.stringsegment_set.values_list("string__data", flat=True)) == [
        "ESSHDF – Une économie d'avance"
    ]
    french_links.links = [{**ESSHDF, "value": {**ESSHDF["value"], "url": "https://esshdf.org/"}}]
    french_links.save()
    translate(french_links, english, {})  # a sync
    assert 'href="https://esshdf.org/">ESSHDF – An economy ahead' in footer(
        client.get("/en/").content.decode()
    )


def test_an_editor_translates_the_links_from_the_snippets_menu(client, home_page, french_links):
    english_home(home_page)
    english = Locale.objects.get(language_code="en")
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "pw"))
    listing = client.get(reverse("wagtailsnippets_home_partnerlinks:list")).content.decode()
    assert "Liens partenaires du pied de page" in listing
    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=("home", "partnerlinks", french_links.pk),
    )
    assert client.post(translate_url, {"locales": [english.pk]}).status_code == 302
    translation = french_links.get_translation(english)
    assert translation.links[0].value["url"] == "http://www.esshdf.org"


def test_demo_creates_the_english_links_once(db):
    for _run in range(2):
        call_command("load_demo", stdout=StringIO())
    english = PartnerLinks.objects.get(locale__language_code="en")
    assert PartnerLinks.objects.count() == 2
    assert (
        english.get_translation(Locale.objects.get(language_code="fr")).links[0].value["url"]
        == english.links[0].value["url"]
    )
    assert "Une économie" not in english.links[0].value["label"]


# Rolling the migrations back and forth empties the database: restore it for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_moves_the_settings_links_to_the_snippet_without_loss():
    executor = MigrationExecutor(connection)
    executor.migrate([("home", "0007_synchronised_identifiers")])
    apps = executor.loader.project_state([("home", "0007_synchronised_identifiers")]).apps
    root = apps.get_model("wagtailcore", "Page").objects.get(depth=1)
    site = apps.get_model("wagtailcore", "Site").objects.create(
        hostname="ess.test", root_page_id=root.pk, is_default_site=False
    )
    apps.get_model("home", "SiteSettings").objects.create(
        site_id=site.pk, partner_links=[ESSHDF, ESSHDF]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved = PartnerLinks.objects.get()
    assert moved.locale_id == root.locale_id
    assert [block.value["label"] for block in moved.links] == [ESSHDF["value"]["label"]] * 2
    assert Site.objects.filter(hostname="ess.test").exists()
