"""Support services: the list filters by category and project stage; the demo adds two."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from directory.models import SupportServiceCategory, SupportServiceIndexPage, SupportServicePage
from directory.service_list import public_services
from home.models import HomePage
from tests.home.builders import make_private

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(home_page):
    index = home_page.add_child(instance=SupportServiceIndexPage(title="Services", slug="services"))
    locale = Locale.get_default()
    money = SupportServiceCategory.objects.create(name="Financement", locale=locale)
    advice = SupportServiceCategory.objects.create(name="Accompagnement", locale=locale)

    def add(title, category, **fields):
        service = index.add_child(
            instance=SupportServicePage(
                title=title, provider="Organisme", category=category, **fields
            )
        )
        service.save_revision().publish()
        return service

    add("Prêt d'honneur", money, stage_creation=True)
    add("Subvention", money, stage_development=True)
    add("Incubateur", advice, stage_idea=True, stage_creation=True)
    return {"money": money, "advice": advice}


def titles(response):
    found = re.findall(
        r'class="actor-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )
    return [html.unescape(title) for title in found]


def test_filters_by_category_and_stage(client, services):
    assert len(titles(client.get("/fr/services/"))) == 3
    assert titles(client.get("/fr/services/", {"category": services["money"].pk})) == [
        "Prêt d'honneur",
        "Subvention",
    ]
    assert titles(client.get("/fr/services/", {"stage": "creation"})) == [
        "Incubateur",
        "Prêt d'honneur",
    ]
    assert titles(
        client.get("/fr/services/", {"stage": "creation", "category": services["advice"].pk})
    ) == ["Incubateur"]


@pytest.mark.parametrize("params", [{"stage": "fin"}, {"category": "abc"}, {"page": "-1"}])
def test_bad_filter_values_are_reported_not_fatal(client, services, params):
    response = client.get("/fr/services/", params)
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_service_page_shows_stages_and_contact(client, services):
    service = SupportServicePage.objects.get(title="Incubateur")
    service.email = "contact@example.org"
    service.save_revision().publish()
    text = client.get(service.url).content.decode()
    assert "Idée, Création" in text
    assert 'href="mailto:contact@example.org"' in text


def test_services_list_query_count_is_constant(client, services, home_page):
    client.get("/fr/services/")
    with CaptureQueriesContext(connection) as few:
        client.get("/fr/services/")
    index = SupportServiceIndexPage.objects.get()
    for number in range(10):
        index.add_child(
            instance=SupportServicePage(
                title=f"Service {number}", provider="O", category=services["advice"]
            )
        ).save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        client.get("/fr/services/")
    assert len(many) == len(few) <= 9
    # The services fit on one page, which tells their number: no count query.
    assert not any('"__count"' in query["sql"] for query in many)


def test_the_chosen_stage_stays_selected_in_the_form(client, services):
    html = client.get("/fr/services/", {"stage": "creation"}).content.decode()
    assert re.findall(r'<option value="([^"]*)" selected>', html) == ["", "creation"]


def test_categories_are_read_once_per_publication(client, services, settings, empty_cache):
    settings.CHROME_CACHE_SECONDS = 600
    # The first visit creates the site settings, which is a publication for the cache.
    client.get("/fr/services/")
    client.get("/fr/services/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/fr/services/")
    assert not any('FROM "directory_supportservicecategory"' in q["sql"] for q in queries)
    # Saving a category is a publication for the cache: the next request shows it.
    SupportServiceCategory.objects.create(name="Locaux", locale=Locale.get_default())
    assert ">Locaux</option>" in client.get("/fr/services/").content.decode()


def test_demo_adds_the_two_services_of_the_brochure():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert SupportServicePage.objects.filter(locale__language_code="fr").count() == 2
    tremplin = SupportServicePage.objects.get(locale__language_code="fr", slug="reseau-tremplin")
    assert tremplin.website == "http://WWW.TREMLIN-HDF.ORG"
    assert tremplin.category.name == "Accompagnement"
    region = SupportServicePage.objects.get(
        locale__language_code="fr", slug="hauts-de-france-entreprises-cellule-ess"
    )
    assert region.email == "ess@hautsdefrance.fr"


class TestServiceTree(WagtailPageTestCase):
    def test_tree(self):
        self.assertAllowedParentPageTypes(SupportServiceIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(SupportServiceIndexPage, {SupportServicePage})
        self.assertAllowedSubpageTypes(SupportServicePage, {})


# The list's entries, kept until the next publication (directory/service_list.py).


@pytest.fixture
def list_cached(settings, empty_cache):
    settings.CHROME_CACHE_SECONDS = 600


def test_a_second_visit_reads_no_service_from_the_page_table(client, services, list_cached):
    # The first visit creates the site settings, which is a publication for the cache.
    client.get("/fr/services/")
    client.get("/fr/services/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/services/", {"stage": "creation"})
    assert titles(response) == ["Incubateur", "Prêt d'honneur"]
    assert not any('"directory_supportservicepage"' in query["sql"] for query in queries)


def test_the_filters_pick_among_the_kept_services(client, services, list_cached):
    client.get("/fr/services/")
    money = services["money"].pk
    assert titles(client.get("/fr/services/", {"category": money})) == [
        "Prêt d'honneur",
        "Subvention",
    ]
    assert titles(client.get("/fr/services/", {"category": money, "stage": "development"})) == [
        "Subvention"
    ]
    assert titles(client.get("/fr/services/", {"stage": "consolidation"})) == []


def test_a_published_service_is_listed_at_once_and_leaves_when_unpublished(
    client, services, list_cached
):
    assert len(titles(client.get("/fr/services/"))) == 3
    index = SupportServiceIndexPage.objects.get()
    new = index.add_child(
        instance=SupportServicePage(
            title="Couveuse", provider="O", category=services["advice"], live=False
        )
    )
    assert "Couveuse" not in titles(client.get("/fr/services/"))  # a draft is not listed
    new.save_revision().publish()
    assert "Couveuse" in titles(client.get("/fr/services/"))
    SupportServicePage.objects.get(pk=new.pk).unpublish()
    assert "Couveuse" not in titles(client.get("/fr/services/"))


def test_a_published_change_shows_and_a_draft_never_does(client, services, list_cached):
    client.get("/fr/services/")
    service = SupportServicePage.objects.get(title="Subvention")
    service.title = "Subvention en brouillon"
    service.save_revision()
    assert "Subvention en brouillon" not in titles(client.get("/fr/services/"))
    service.title = "Subvention régionale"
    service.provider = "La Région"
    service.category = services["advice"]
    service.save_revision().publish()
    response = client.get("/fr/services/", {"category": services["advice"].pk})
    assert "Subvention régionale" in titles(response)
    assert "Accompagnement · La Région" in response.content.decode()


def test_a_renamed_category_shows_at_once(client, services, list_cached):
    client.get("/fr/services/")
    services["money"].name = "Financements"
    services["money"].save()
    assert "Financements · Organisme" in client.get("/fr/services/").content.decode()


def test_private_or_deleted_services_are_never_listed(client, services, list_cached):
    client.get("/fr/services/")
    make_private(SupportServicePage.objects.get(title="Subvention"))
    SupportServicePage.objects.get(title="Incubateur").delete()
    assert titles(client.get("/fr/services/")) == ["Prêt d'honneur"]


def test_a_private_list_lists_no_service(client, services, list_cached):
    index = SupportServiceIndexPage.objects.get()
    client.get("/fr/services/")
    make_private(index)
    request = RequestFactory().get("/")
    assert public_services(request, index) == []
