"""The directory's search table follows what visitors may see, and can be rebuilt."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from directory.models import ActorPage, ActorSearchEntry, Commune
from directory.search_index import rebuild
from directory.signals import fill_after_migrate
from tests.home.builders import english_home

from .test_search import get, titles

pytestmark = pytest.mark.django_db


def listed():
    return sorted(ActorSearchEntry.objects.values_list("title", flat=True))


def test_published_actors_are_listed_drafts_are_not(make_actor):
    make_actor("Les Jardins d'insertion de l'Artois", commune="62427")
    make_actor("Brouillon caché", publish=False)
    assert listed() == ["Les Jardins d'insertion de l'Artois"]


def test_unpublished_and_deleted_actors_leave_the_results(client, make_actor):
    jardins = make_actor("Les Jardins d'insertion de l'Artois")
    mutuelle = make_actor("Identités Mutuelle")
    jardins.unpublish()
    assert titles(get(client)) == ["Identités Mutuelle"]
    jardins.save_revision().publish()
    mutuelle.delete()
    assert titles(get(client)) == ["Les Jardins d'insertion de l'Artois"]


def test_actors_under_a_view_restriction_are_not_listed(client, directory, make_actor):
    actor = make_actor("Les Jardins d'insertion de l'Artois")
    make_actor("Identités Mutuelle")
    restriction = PageViewRestriction.objects.create(
        page=actor, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert titles(get(client)) == ["Identités Mutuelle"]
    restriction.delete()
    assert len(titles(get(client))) == 2
    PageViewRestriction.objects.create(
        page=directory, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert listed() == []


def test_a_change_of_commune_or_family_is_seen_once_published(client, make_actor):
    actor = make_actor("Les Jardins d'insertion de l'Artois", family="association")
    actor.family = "cooperative"
    actor.save_revision()  # a draft: visitors still see the association
    assert titles(get(client, family="association")) == ["Les Jardins d'insertion de l'Artois"]
    actor.get_latest_revision().publish()
    assert titles(get(client, family="cooperative")) == ["Les Jardins d'insertion de l'Artois"]
    assert titles(get(client, family="association")) == []


def test_renamed_sectors_and_communes_are_searched_under_their_new_name(
    client, make_actor, make_sector
):
    sector = make_sector("Espaces verts")
    make_actor("Les Jardins d'insertion de l'Artois", commune="62427", sectors=[sector])
    sector.name = "Maraîchage"
    sector.save()
    assert titles(get(client, q="maraichage")) == ["Les Jardins d'insertion de l'Artois"]
    commune = Commune.objects.get(insee_code="62427")
    commune.name = "Hénin-Beaumont-Ville"
    commune.save()
    assert titles(get(client, q="ville")) == ["Les Jardins d'insertion de l'Artois"]


def test_english_actors_are_searched_with_english_stemming(client, directory):
    english = english_home(directory.get_parent())
    english_directory = directory.copy_for_translation(english.locale)
    english_directory.slug = "directory"
    english_directory.save_revision().publish()
    actor = english_directory.add_child(
        instance=ActorPage(title="Artois Market Gardens", summary="Organic vegetables and jobs.")
    )
    actor.save_revision().publish()
    found = client.get("/en/directory/", {"q": "vegetable"}).content.decode()
    assert "Artois Market Gardens" in found
    assert "Artois Market Gardens" in client.get("/en/directory/", {"q": "garden"}).content.decode()


def test_rebuild_command_restores_the_table_and_can_run_again(make_actor):
    make_actor("Les Jardins d'insertion de l'Artois")
    make_actor("Identités Mutuelle")
    ActorSearchEntry.objects.all().delete()
    for _ in range(2):
        out = StringIO()
        call_command("rebuild_directory_search", stdout=out, stderr=StringIO())
        assert "2 acteurs" in out.getvalue()
        assert listed() == ["Identités Mutuelle", "Les Jardins d'insertion de l'Artois"]


def test_migrating_fills_an_empty_table(make_actor):
    make_actor("Les Jardins d'insertion de l'Artois")
    ActorSearchEntry.objects.all().delete()
    fill_after_migrate(sender=None, apps=apps)
    assert listed() == ["Les Jardins d'insertion de l'Artois"]
    assert rebuild() == 1


def test_an_actor_in_several_sectors_is_counted_and_filtered_in_each_until_one_is_removed(
    client, make_actor, make_sector
):
    """The row's sector list (`sector_ids`): the filter and the counts, with and without text,
    follow an edit that removes one of the actor's sectors."""
    from .test_search import option

    verts = make_sector("Espaces verts")
    bati = make_sector("Second œuvre du bâtiment")
    jardins = make_actor("Les Jardins d'insertion de l'Artois", sectors=[verts, bati])
    make_actor("Jardin des bâtisseurs", sectors=[bati])
    make_actor("Identités Mutuelle")
    for text in ({}, {"q": "jardin"}):
        html = get(client, **text).content.decode()
        assert option(html, "sector", verts.pk) == "Espaces verts (1)"
        assert option(html, "sector", bati.pk) == "Second œuvre du bâtiment (2)"
        both = titles(get(client, sector=bati.pk, **text))
        assert both == ["Jardin des bâtisseurs", "Les Jardins d'insertion de l'Artois"]
        assert titles(get(client, sector=verts.pk, **text)) == [jardins.title]
    jardins.sectors.set([verts])
    jardins.save_revision().publish()
    for text in ({}, {"q": "jardin"}):
        html = get(client, **text).content.decode()
        assert option(html, "sector", verts.pk) == "Espaces verts (1)"
        assert option(html, "sector", bati.pk) == "Second œuvre du bâtiment (1)"
        assert titles(get(client, sector=bati.pk, **text)) == ["Jardin des bâtisseurs"]
        assert titles(get(client, sector=verts.pk, **text)) == [jardins.title]
