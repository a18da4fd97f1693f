"""Translating directory pages with wagtail-localize: their sectors and categories follow."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from core.localization import translate
from directory.models import (
    ActorPage,
    SupportServiceCategory,
    SupportServiceIndexPage,
    SupportServicePage,
)
from tests.home.builders import english_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(home_page, directory):
    english_home(home_page)
    return Locale.objects.get(language_code="en")


def translated_sector(sector, english, name):
    translate(sector, english, {sector.name: name})
    return sector.get_translation(english)


def create_translation(page, english, admin_user):
    TranslationCreator(admin_user, [english]).create_translations(page)
    return page.get_translation(english)


def sync(page, english):
    source, _created = TranslationSource.update_or_create_from_instance(page)
    Translation.objects.get(source=source, target_locale=english).save_target(publish=True)
    return page.get_translation(english)


def test_a_new_translation_lists_the_english_sectors(
    make_actor, make_sector, english, admin_user, django_capture_on_commit_callbacks
):
    green = make_sector("Espaces verts")
    actor = make_actor("Jardins", sectors=[green])
    green_en = translated_sector(green, english, "Green spaces")
    with django_capture_on_commit_callbacks(execute=True):
        translation = create_translation(actor, english, admin_user)
    assert list(translation.sectors.all()) == [green_en]
    live = ActorPage.objects.get(pk=translation.pk).get_latest_revision_as_object()
    assert list(live.sectors.all()) == [green_en]


def test_every_sync_carries_the_french_sectors_over_as_english_ones(
    make_actor, make_sector, english, admin_user, django_capture_on_commit_callbacks
):
    green = make_sector("Espaces verts")
    roads = make_sector("Voirie")
    cleaning = make_sector("Propreté urbaine")
    actor = make_actor("Jardins", sectors=[green])
    green_en = translated_sector(green, english, "Green spaces")
    roads_en = translated_sector(roads, english, "Roadworks")
    with django_capture_on_commit_callbacks(execute=True):
        create_translation(actor, english, admin_user)
    actor.sectors.set([green, roads, cleaning])
    actor.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translation = sync(actor, english)
    # A sector not translated yet stays French until a translator translates it.
    assert set(translation.sectors.all()) == {green_en, roads_en, cleaning}


def test_an_editor_cannot_leave_a_french_sector_on_an_english_actor(
    make_actor, make_sector, english, admin_user, django_capture_on_commit_callbacks
):
    green = make_sector("Espaces verts")
    actor = make_actor("Jardins")
    green_en = translated_sector(green, english, "Green spaces")
    with django_capture_on_commit_callbacks(execute=True):
        translation = create_translation(actor, english, admin_user)
    translation.sectors.set([green])
    translation.save_revision().publish()
    assert list(ActorPage.objects.get(pk=translation.pk).sectors.all()) == [green_en]


def test_a_translated_service_points_at_the_english_category(
    home_page, english, admin_user, django_capture_on_commit_callbacks
):
    funding = SupportServiceCategory.objects.create(name="Financement", locale=home_page.locale)
    funding_en = translated_sector(funding, english, "Funding")
    services = home_page.add_child(
        instance=SupportServiceIndexPage(title="Services", slug="services")
    )
    service = services.add_child(
        instance=SupportServicePage(
            title="France Active", slug="france-active", provider="France Active", category=funding
        )
    )
    service.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translation = create_translation(service, english, admin_user)
    assert translation.category == funding_en
