"""The agenda's index: upcoming first, then the archive; filters with counts; bad input."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from agenda import clock
from agenda.models import AgendaIndexPage, AgendaItemPage
from directory.models import Commune

D = datetime.date
T = datetime.time

pytestmark = pytest.mark.django_db


def sections(html):
    """(upcoming titles, archive titles) in page order."""
    upcoming, _, archive = html.partition('id="archive-heading"')
    titles = re.compile(r'class="actor-card__title"><a href="[^"]*">([^<]*)</a>')
    return titles.findall(upcoming), titles.findall(archive)


def test_upcoming_items_first_then_the_archive(client, make_event, make_call, frozen_now):
    make_event("Petit déjeuner fictif", start_date=D(2026, 6, 20), start_time=T(8, 30))
    make_event("Afterwork passé fictif", start_date=D(2026, 5, 5), start_time=T(18, 0))
    make_call("Appel ouvert fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 6, 30))
    make_call("Appel clos fictif", opening_date=D(2026, 3, 1), deadline=D(2026, 4, 30))
    make_call("Appel à annoncer fictif", date_note="Dates à venir")
    response = client.get("/fr/agenda/")
    upcoming, archive = sections(response.text)
    assert upcoming == ["Appel ouvert fictif", "Petit déjeuner fictif", "Appel à annoncer fictif"]
    assert archive == ["Afterwork passé fictif", "Appel clos fictif"]
    assert "Ouvert" in response.text and "Clos" in response.text


def test_after_their_date_items_move_to_the_archive(client, make_event, frozen_now):
    make_event("Forum fictif", start_date=D(2026, 6, 20))
    assert sections(client.get("/fr/agenda/").text) == (["Forum fictif"], [])
    frozen_now(clock.start_of_day(D(2026, 6, 21)))
    assert sections(client.get("/fr/agenda/").text) == ([], ["Forum fictif"])


def test_drafts_and_private_items_are_not_listed(client, agenda, make_event, frozen_now):
    make_event("Brouillon fictif", start_date=D(2026, 6, 20), publish=False)
    private = make_event("Privé fictif", start_date=D(2026, 6, 20))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert sections(client.get("/fr/agenda/").text) == ([], [])


def test_filters_with_counts(client, make_event, make_call, frozen_now):
    henin = Commune.objects.get(name="Hénin-Beaumont")
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), commune=henin, axis="animation")
    make_event("Forum fictif", start_date=D(2026, 7, 2), axis="sensibilisation")
    make_call("Appel fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 7, 15), axis="parcours")
    response = client.get("/fr/agenda/?type=evenement")
    assert sections(response.text)[0] == ["Afterwork fictif", "Forum fictif"]
    # Each filter's options are counted under the other filters.
    assert "Événement (2)" in response.text and "Appel à projets (1)" in response.text
    assert "juin 2026 (1)" in response.text and "juillet 2026 (1)" in response.text
    assert "Hénin-Beaumont (1)" in response.text

    response = client.get(f"/fr/agenda/?commune={henin.insee_code}")
    assert sections(response.text)[0] == ["Afterwork fictif"]
    assert "Événement (1)" in response.text and "Appel à projets (0)" in response.text

    response = client.get("/fr/agenda/?mois=2026-07")
    # The call is open from June to mid-July: it belongs to both months.
    assert sections(response.text)[0] == ["Appel fictif", "Forum fictif"]

    response = client.get("/fr/agenda/?axe=parcours")
    assert sections(response.text)[0] == ["Appel fictif"]


@pytest.mark.parametrize(
    "query",
    [
        "type=concert",
        "commune=99999",
        "axe=inconnu",
        "mois=2026-13",
        "mois=juin",
        "mois=2031-01",
        "page=0",
        "page=-3",
        "page=99999999999999999999",
        "page=abc",
        "type=%00",
        "commune=" + "9" * 5000,
    ],
)
def test_bad_filter_values_get_a_message_never_an_error(client, make_event, frozen_now, query):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20))
    make_event("Ancien forum fictif", start_date=D(2026, 1, 20))
    response = client.get(f"/fr/agenda/?{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert "Certains critères n’ont pas pu être pris en compte" in response.text
        # The bad value is left out of the filter: everything is listed.
        assert sections(response.text) == (["Afterwork fictif"], ["Ancien forum fictif"])


def test_the_archive_is_paginated(client, make_event, frozen_now, monkeypatch):
    monkeypatch.setattr(AgendaIndexPage, "paginate_by", 2)
    for day in range(1, 6):
        make_event(f"Atelier fictif {day}", start_date=D(2026, 5, day))
    response = client.get("/fr/agenda/?page=2")
    assert response.status_code == 200
    assert "Page 2 sur 3" in response.text
    assert sections(response.text)[1] == ["Atelier fictif 3", "Atelier fictif 2"]


def _queries(client, django_assert_max_num_queries, url):
    client.get(url)  # fills the per-process caches, as on a running server
    with django_assert_max_num_queries(10) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_index_costs_the_same_queries_whatever_the_number_of_items(
    client, make_event, make_call, frozen_now, django_assert_max_num_queries
):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20))
    make_call("Appel fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 7, 15))
    few = _queries(client, django_assert_max_num_queries, "/fr/agenda/?type=evenement")
    henin = Commune.objects.get(name="Hénin-Beaumont")
    for number in range(12):
        make_event(f"Atelier fictif {number}", start_date=D(2026, 5 + number % 3, 3), commune=henin)
        make_call(f"Appel fictif {number}", deadline=D(2026, 8, 1 + number))
    many = _queries(client, django_assert_max_num_queries, "/fr/agenda/?type=evenement")
    assert many == few


def test_a_long_archive_is_read_one_page_at_a_time(
    client, make_event, make_call, frozen_now, monkeypatch, django_assert_max_num_queries
):
    """The database filters, counts and pages: the queries do not grow with the items, and
    every page of the archive holds the next items, latest first."""
    monkeypatch.setattr(AgendaIndexPage, "paginate_by", 5)
    henin = Commune.objects.get(name="Hénin-Beaumont")
    first_day = D(2026, 1, 1)

    def add_past_events(numbers):
        for number in numbers:
            make_event(
                f"Atelier fictif {number:02}",
                start_date=first_day + datetime.timedelta(days=number),
                commune=henin,
                axis="animation",
            )

    make_call("Appel ouvert fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 6, 30))
    add_past_events(range(12))
    url = f"/fr/agenda/?type=evenement&commune={henin.insee_code}&page=2"
    some = _queries(client, django_assert_max_num_queries, url)
    add_past_events(range(12, 40))
    many = _queries(client, django_assert_max_num_queries, url)
    assert many == some
    # A full page costs no count of the archive (the counts' query gives its length): as
    # many queries as a page that is not full (February's nine events, page 2 holds four).
    not_full = url.replace("page=2", "mois=2026-02&page=2")
    assert _queries(client, django_assert_max_num_queries, not_full) == many

    read = []
    from_db = AgendaItemPage.from_db.__func__
    monkeypatch.setattr(
        AgendaItemPage,
        "from_db",
        classmethod(lambda cls, *args: read.append(cls) or from_db(cls, *args)),
    )
    response = client.get(url)
    assert len(read) == 5  # one page of the archive, no upcoming event
    assert "Page 2 sur 8" in response.text
    assert sections(response.text)[1] == [f"Atelier fictif {n:02}" for n in range(34, 29, -1)]
    assert "Événement (40)" in response.text and "Appel à projets (0)" in response.text
    assert "janvier 2026 (31)" in response.text and "février 2026 (9)" in response.text
    # Past the end: the last page, never an error.
    response = client.get("/fr/agenda/?type=evenement&page=9999")
    assert response.status_code == 200 and "Page 8 sur 8" in response.text
    assert sections(response.text)[1] == [f"Atelier fictif {n:02}" for n in range(4, -1, -1)]


def test_a_month_without_items_is_reported_and_left_out(client, make_event, frozen_now):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20))
    response = client.get("/fr/agenda/?mois=2026-05")
    assert "Certains critères n’ont pas pu être pris en compte" in response.text
    assert sections(response.text) == (["Afterwork fictif"], [])
    assert '<option value="2026-05"' not in response.text
    assert "juin 2026 (1)" in response.text
