"""Editors keep the directory's taxonomies and find actors in the admin through filters."""

import pytest
from django.urls import reverse

from directory.models import Commune, Sector, SupportServiceCategory
from tests.accounts import create_editor, create_moderator

pytestmark = pytest.mark.django_db

SECTOR_URLS = "wagtailsnippets_directory_sector"
ACTORS_URL = "/admin/acteurs/"


def listed_titles(response):
    """The titles the admin listing shows, read from its rows."""
    return {page.title for page in response.context["pages"]}


@pytest.fixture
def editor_client(client):
    client.force_login(create_editor())
    return client


def test_an_editor_adds_and_renames_a_sector(editor_client, home_page):
    response = editor_client.post(
        reverse(f"{SECTOR_URLS}:add"), {"name": "Recyclage", "locale": "fr"}
    )
    assert response.status_code == 302
    sector = Sector.objects.get(name="Recyclage")
    response = editor_client.post(
        reverse(f"{SECTOR_URLS}:edit", args=[sector.pk]), {"name": "Recyclage et réemploi"}
    )
    assert response.status_code == 302
    sector.refresh_from_db()
    assert sector.name == "Recyclage et réemploi"


def test_an_editor_cannot_delete_a_sector_but_a_moderator_can(editor_client, make_sector):
    sector = make_sector("Recyclage")
    delete_url = reverse(f"{SECTOR_URLS}:delete", args=[sector.pk])
    editor_client.post(delete_url)
    assert Sector.objects.filter(pk=sector.pk).exists()

    editor_client.force_login(create_moderator())
    assert editor_client.post(delete_url).status_code == 302
    assert not Sector.objects.filter(pk=sector.pk).exists()


def test_an_editor_adds_a_service_category(editor_client, home_page):
    url = reverse("wagtailsnippets_directory_supportservicecategory:add")
    assert editor_client.post(url, {"name": "Locaux", "locale": "fr"}).status_code == 302
    assert SupportServiceCategory.objects.filter(name="Locaux").exists()


def test_sector_listing_is_searched_and_filtered_by_use(editor_client, make_sector, make_actor):
    used = make_sector("Insertion par l'activité économique")
    make_sector("Recyclage")
    make_actor("ADDS", sectors=[used])
    listing = reverse(f"{SECTOR_URLS}:list")

    def names(query):
        return {str(sector) for sector in editor_client.get(listing, query).context["object_list"]}

    assert names({}) >= {"Insertion par l'activité économique", "Recyclage"}
    assert names({"q": "recycl"}) == {"Recyclage"}
    assert names({"used": "true"}) == {"Insertion par l'activité économique"}
    assert "Recyclage" in names({"used": "false"})
    assert "Insertion par l'activité économique" not in names({"used": "false"})


def test_actor_listing_filters_by_family_sector_commune_and_band(
    editor_client, make_actor, make_sector
):
    insertion = make_sector("Insertion")
    make_actor(
        "ADDS", family="association", sectors=[insertion], commune="62587", headcount_band="21"
    )
    make_actor("Identités Mutuelle", family="mutuelle", headcount_band="12")
    make_actor("Coopérative de Carvin", family="cooperative", commune="62215")

    def titles(query):
        response = editor_client.get(ACTORS_URL, query)
        assert response.status_code == 200
        return listed_titles(response)

    everyone = {"ADDS", "Identités Mutuelle", "Coopérative de Carvin"}
    assert titles({}) == everyone
    assert titles({"family": "mutuelle"}) == {"Identités Mutuelle"}
    assert titles({"sectors": insertion.pk}) == {"ADDS"}
    carvin = Commune.objects.get(insee_code="62215")
    assert titles({"commune": carvin.pk}) == {"Coopérative de Carvin"}
    assert titles({"headcount_band": "21"}) == {"ADDS"}
    assert titles({"family": "association", "headcount_band": "12"}) == set()


def test_anonymous_visitors_cannot_reach_the_actor_listing(client):
    response = client.get(ACTORS_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
