"""Defects of the first wave: the directory's search table after taxonomy deletions, live
copies and aliases."""

import pytest
from wagtail.models import Locale

from directory.models import ActorSearchEntry

from .test_search import get, titles

pytestmark = pytest.mark.django_db


def test_a_deleted_sector_name_no_longer_finds_its_actors(client, make_actor, make_sector):
    maraichage = make_sector("Maraîchage")
    make_actor("Les Jardins d'insertion de l'Artois", sectors=[maraichage])
    assert titles(get(client, q="maraichage")) == ["Les Jardins d'insertion de l'Artois"]
    maraichage.delete()
    assert titles(get(client, q="maraichage")) == []


def test_a_live_copy_is_listed(client, make_actor):
    actor = make_actor("Les Jardins d'insertion de l'Artois")
    actor.copy(
        update_attrs={"title": "Jardins de Carvin", "slug": "jardins-carvin"}, keep_live=True
    )
    assert titles(get(client, q="carvin")) == ["Jardins de Carvin"]


def test_an_alias_is_listed_with_its_sectors(
    client, make_actor, make_sector, directory, django_capture_on_commit_callbacks
):
    maraichage = make_sector("Maraîchage")
    actor = make_actor("Les Jardins d'insertion de l'Artois", sectors=[maraichage])
    with django_capture_on_commit_callbacks(execute=True):
        alias = actor.create_alias(update_slug="jardins-alias")
    assert alias.live
    entry = ActorSearchEntry.objects.get(page_id=alias.pk)
    assert entry.sector_ids == f" {maraichage.pk} "
    assert len(titles(get(client, q="maraichage"))) == 2


def test_a_synchronised_translation_alias_is_listed(
    client, make_actor, directory, django_capture_on_commit_callbacks
):
    actor = make_actor("Les Jardins d'insertion de l'Artois", summary="Des paniers de légumes.")
    english, _ = Locale.objects.get_or_create(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        alias = actor.copy_for_translation(english, copy_parents=True, alias=True)
    assert ActorSearchEntry.objects.filter(page_id=alias.pk).exists()
