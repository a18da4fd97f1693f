"""The agenda in a browser: axe-core on the agenda and both page types, French and English, at
375 and 1280 px, with a dated event and call; after their dates (the agenda's clock moved),
they are in the archive."""

import datetime

import pytest

from agenda import clock
from agenda.models import AgendaIndexPage, CallForProjectsPage, EventPage

from .conftest import WIDTHS
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=clock.PARIS)


@pytest.fixture
def dated_items(demo_site, monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    agenda = AgendaIndexPage.objects.get(locale__language_code="fr")
    event = EventPage(
        title="Afterwork fictif",
        start_date=datetime.date(2026, 6, 20),
        start_time=datetime.time(18, 30),
        end_time=datetime.time(20, 0),
        venue="Salle fictive",
        summary="Un événement fictif pour les tests.",
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    call = CallForProjectsPage(
        title="Appel fictif",
        opening_date=datetime.date(2026, 6, 1),
        deadline=datetime.date(2026, 6, 30),
    )
    agenda.add_child(instance=call)
    call.save_revision().publish()
    return moment, event, call


def test_agenda_pages_have_no_axe_violation(dated_items, live_server, injectable_page):
    _moment, event, call = dated_items
    paths = [
        "/fr/agenda/",
        "/en/agenda/",
        "/fr/agenda/?type=concert&mois=13",
        event.url,
        call.url,
        "/en/agenda/sse-month/",
        "/en/agenda/parcours-ess/",
    ]
    failures = []
    for path in paths:
        for width in WIDTHS:
            injectable_page.set_viewport_size({"width": width, "height": 900})
            response = injectable_page.goto(live_server.url + path)
            assert response.status == 200, path
            failures += [
                f"{path} @ {width}px: {v['id']} on {v['targets']}"
                for v in axe_violations(injectable_page)
            ]
    assert failures == [], "\n".join(failures)


def test_items_move_to_the_archive_after_their_date(dated_items, live_server, browser_page):
    moment, event, call = dated_items
    browser_page.goto(live_server.url + "/fr/agenda/")
    upcoming = browser_page.locator("section[aria-labelledby='upcoming-heading']")
    assert upcoming.get_by_text("Afterwork fictif").count() == 1
    assert upcoming.get_by_text("Appel fictif").count() == 1
    browser_page.goto(live_server.url + "/fr/")
    assert browser_page.get_by_text("Afterwork fictif").count() == 1
    response = browser_page.request.get(live_server.url + event.url + "calendrier/")
    assert b"BEGIN:VEVENT" in response.body()
    moment["now"] = clock.start_of_day(datetime.date(2026, 7, 1))
    browser_page.goto(live_server.url + "/fr/agenda/?archives")
    archive = browser_page.locator("section[aria-labelledby='archive-heading']")
    assert archive.get_by_text("Afterwork fictif").count() == 1
    assert archive.get_by_text("Appel fictif").count() == 1
