"""The agenda on other pages: the home page's next items, each roadmap axis's own items, and
the site search."""

import datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from agenda import clock
from agenda.listing import upcoming_items
from home.models import PolicyPage

D = datetime.date
T = datetime.time

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_next_events_and_open_calls(
    client, make_event, make_call, frozen_now
):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20))
    make_event("Forum passé fictif", start_date=D(2026, 5, 2))
    make_call("Appel ouvert fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 6, 30))
    html = client.get("/fr/").content.decode()
    assert "À venir dans l’agenda" in html
    assert html.index("Appel ouvert fictif") < html.index("Afterwork fictif")
    assert "Forum passé fictif" not in html
    frozen_now(clock.start_of_day(D(2026, 7, 1)))
    cache.clear()
    html = client.get("/fr/").content.decode()
    assert "Afterwork fictif" not in html and "Appel ouvert fictif" not in html


def test_the_next_items_are_read_once_per_publication_and_leave_with_time(
    client, settings, home_page, make_event, make_call, frozen_now, django_assert_num_queries
):
    """The home page's items are kept until the next publication: an item whose date passes
    leaves at once, without a query; a new item appears as soon as it is published."""
    settings.CHROME_CACHE_SECONDS = 600
    cache.clear()
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), start_time=T(18, 0))
    make_event("Forum fictif", start_date=D(2026, 9, 12))

    def titles():  # a request each time: a request reads the generation once
        request = RequestFactory().get("/fr/")
        return [item.title for item in upcoming_items(request, home_page, limit=5)]

    assert titles() == ["Afterwork fictif", "Forum fictif"]
    frozen_now(clock.at(D(2026, 6, 20), T(23, 59)))
    with django_assert_num_queries(0):
        assert titles() == ["Afterwork fictif", "Forum fictif"]
    frozen_now(clock.start_of_day(D(2026, 6, 21)))
    with django_assert_num_queries(0):
        assert titles() == ["Forum fictif"]
    make_call("Appel fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 6, 30))
    assert titles() == ["Appel fictif", "Forum fictif"]
    assert "Appel fictif" in client.get("/fr/").content.decode()


def roadmap(axes):
    return [
        (
            "roadmap",
            {
                "heading": "Feuille de route",
                "intro": "",
                "axes": [{"title": title, "text": "", "agenda_axis": code} for title, code in axes],
            },
        )
    ]


@pytest.fixture
def policy(home_page):
    page = home_page.add_child(
        instance=PolicyPage(
            title="Politique",
            slug="politique",
            intro="<p>Intro</p>",
            body=roadmap(
                [
                    ("Sensibilisation", "sensibilisation"),
                    ("Parcours", "parcours"),
                    ("Animation", "animation"),
                    ("Sans agenda", ""),
                ]
            ),
        )
    )
    page.save_revision().publish()
    return page


def axis_html(html, title):
    start = html.index(f'<p class="roadmap__title">{title}</p>')
    end = html.find('<li class="roadmap__axis">', start)
    return html[start : end if end > 0 else None]


def test_each_roadmap_axis_lists_its_own_items(client, policy, make_event, make_call, frozen_now):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), axis="animation")
    make_event("Afterwork passé fictif", start_date=D(2026, 5, 20), axis="animation")
    make_call("Parcours fictif", date_note="Dates à venir", axis="parcours")
    html = client.get(policy.url).content.decode()
    assert "Afterwork fictif" in axis_html(html, "Animation")
    assert "Afterwork passé fictif" not in html
    assert "Parcours fictif" in axis_html(html, "Parcours")
    assert "Parcours fictif" not in axis_html(html, "Animation")
    assert "Dans l’agenda" not in axis_html(html, "Sensibilisation")


def test_the_roadmap_costs_one_query_whatever_the_number_of_axes_and_items(
    client, policy, make_event, frozen_now, django_assert_max_num_queries
):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), axis="animation")
    client.get(policy.url)
    with django_assert_max_num_queries(10) as few:
        client.get(policy.url)
    for number in range(8):
        axis = ["animation", "sensibilisation", "parcours"][number % 3]
        make_event(f"Atelier fictif {number}", start_date=D(2026, 7, 1 + number), axis=axis)
    client.get(policy.url)
    with django_assert_max_num_queries(10) as many:
        html = client.get(policy.url).content.decode()
    assert "Atelier fictif 7" in html
    assert len(many) == len(few)


def test_site_search_finds_events_and_calls(client, make_event, make_call, frozen_now):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), summary="Rencontre maraîchage")
    make_call("Appel fictif", summary="Financement maraîchage")
    html = client.get("/fr/recherche/?q=maraîchage").content.decode()
    assert "Afterwork fictif" in html and "Appel fictif" in html


def test_an_organisers_profile_lists_its_upcoming_events(
    client, home_page, make_event, frozen_now, django_assert_max_num_queries
):
    from directory.models import ActorPage, DirectoryIndexPage

    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    directory.save_revision().publish()
    actor = directory.add_child(instance=ActorPage(title="Association fictive", slug="fictive"))
    actor.save_revision().publish()
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), organiser=actor)
    make_event("Forum passé fictif", start_date=D(2026, 5, 20), organiser=actor)
    make_event("Brouillon fictif", start_date=D(2026, 6, 21), organiser=actor, publish=False)
    html = client.get(actor.url).content.decode()
    assert "Ses prochains événements" in html and "Afterwork fictif" in html
    assert "Forum passé fictif" not in html and "Brouillon fictif" not in html
    with django_assert_max_num_queries(10):
        client.get(actor.url)


def test_an_organisers_events_are_read_once_per_publication_and_leave_with_time(
    client, settings, home_page, make_event, frozen_now, django_assert_num_queries
):
    """Every organiser's upcoming events are kept until the next publication: a profile reads
    none, an event whose date passes leaves at once, a new one appears when published."""
    from agenda.listing import organiser_events
    from directory.models import ActorPage, DirectoryIndexPage

    settings.CHROME_CACHE_SECONDS = 600
    cache.clear()
    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    actor = directory.add_child(instance=ActorPage(title="Association fictive", slug="fictive"))
    other = directory.add_child(instance=ActorPage(title="Autre association", slug="autre"))
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), organiser=actor)
    make_event("Forum fictif", start_date=D(2026, 9, 12), organiser=actor)
    make_event("Atelier fictif", start_date=D(2026, 7, 1), organiser=other)

    def titles(organiser):  # a request each time: a request reads the generation once
        request = RequestFactory().get(organiser.url)
        return [item.title for item in organiser_events(request, organiser)["organiser_events"]]

    assert titles(actor) == ["Afterwork fictif", "Forum fictif"]
    with django_assert_num_queries(0):
        assert titles(other) == ["Atelier fictif"]
    frozen_now(clock.start_of_day(D(2026, 6, 21)))
    with django_assert_num_queries(0):
        assert titles(actor) == ["Forum fictif"]
    make_event("Rencontre fictive", start_date=D(2026, 8, 1), organiser=actor)
    assert titles(actor) == ["Rencontre fictive", "Forum fictif"]
    assert "Rencontre fictive" in client.get(actor.url).content.decode()
