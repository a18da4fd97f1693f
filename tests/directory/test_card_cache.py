"""The directory's actor cards, kept until the next publication (directory/cards.py)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.cards import actor_cards
from tests.home.builders import make_private

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cards_cached(settings, empty_cache):
    settings.CHROME_CACHE_SECONDS = 600


def listing(client, **params):
    return client.get("/fr/annuaire/", params).content.decode()


def test_a_second_visit_reads_no_actor_from_the_page_table(client, make_actor):
    make_actor("Coop A", family="cooperative", summary="Des paniers.")
    # The first visit creates the site settings, which is a publication for the cache.
    listing(client)
    listing(client)
    with CaptureQueriesContext(connection) as queries:
        html = listing(client)
    assert "Coop A" in html and "Coopérative" in html
    assert not any('"directory_actorpage"' in query["sql"] for query in queries)


def test_a_published_change_shows_on_the_next_visit(client, make_actor):
    actor = make_actor("Coop A", summary="Ancien résumé.")
    assert "Ancien résumé." in listing(client)
    actor.title = "Coop B"
    actor.summary = "Nouveau résumé."
    actor.save_revision().publish()
    html = listing(client)
    assert "Coop B" in html and "Nouveau résumé." in html and "Ancien" not in html


def test_a_draft_never_reaches_the_cached_card(client, make_actor):
    actor = make_actor("Coop A")
    listing(client)
    actor.title = "Titre en brouillon"
    actor.save_revision()
    assert "Titre en brouillon" not in listing(client)


def test_unpublished_and_private_actors_leave_the_listing(client, make_actor):
    gone = make_actor("Coop partie")
    hidden = make_actor("Coop privée")
    make_actor("Coop restée")
    html = listing(client)
    assert "Coop partie" in html and "Coop privée" in html
    gone.unpublish()
    make_private(hidden)
    html = listing(client)
    assert "Coop restée" in html
    assert "Coop partie" not in html and "Coop privée" not in html


def test_each_language_has_its_own_card(make_actor):
    actor = make_actor("Coop A", family="cooperative")
    request = RequestFactory().get("/")
    with translation.override("fr"):
        assert "Coopérative" in actor_cards(request, [actor.pk])[0]
    with translation.override("en"):
        english = actor_cards(request, [actor.pk])[0]
    assert "Cooperative" in english and "Coopérative" not in english


def test_a_card_links_from_the_site_the_request_is_for(make_actor):
    actor = make_actor("Coop A")
    (relative,) = actor_cards(RequestFactory().get("/"), [actor.pk])
    assert 'href="/fr/annuaire/coop-a/"' in relative


def test_a_deleted_actor_has_no_card(make_actor):
    kept, deleted = make_actor("Coop A"), make_actor("Coop B")
    request = RequestFactory().get("/")
    pk = deleted.pk
    deleted.delete()
    assert len(actor_cards(request, [kept.pk, pk])) == 1
