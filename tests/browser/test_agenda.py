"""The agenda in a browser. A moderator creates an event and a call for projects in the French
admin and publishes them; a visitor then finds them upcoming on the agenda and the home page,
in the agenda's calendar (parsed back) and, for the call, in the Atom feed; after their dates
(the agenda's clock moved) they are in the archive without anyone touching them. axe-core
checks the agenda and both page types, French and English, at 375 and 1280 px."""

import datetime

import pytest
from defusedxml import ElementTree as ET
from icalendar import Calendar
from playwright.sync_api import expect

from agenda import clock
from agenda.models import AgendaIndexPage, CallForProjectsPage, EventPage
from tests.accounts import create_moderator

from .conftest import WIDTHS
from .test_accessibility import axe_violations
from .test_editor_flow import choose_more_action, log_in

pytestmark = pytest.mark.browser

NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=clock.PARIS)
EVENT = "Afterwork fictif"
CALL = "Appel fictif"


def publish_from_admin(page, base, agenda, type_name, fields):
    """Create a child of the agenda of type `type_name` in the French admin, filling
    {selector: value} (dates as a French editor types them, DD/MM/YYYY), and
    publish it."""
    page.goto(f"{base}/admin/pages/{agenda.pk}/add_subpage/")
    page.get_by_role("link", name=type_name, exact=True).click()
    for selector, value in fields.items():
        page.locator(selector).fill(value)
        page.keyboard.press("Escape")  # closes the date and time pickers
    choose_more_action(page, "Publier")
    expect(page.locator(".messages")).to_contain_text("publiée")


@pytest.fixture
def published_in_admin(demo_site, live_server, browser_page, monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    agenda = AgendaIndexPage.objects.get(locale__language_code="fr")
    create_moderator("moderateur")
    log_in(browser_page, live_server.url, "moderateur")
    publish_from_admin(
        browser_page,
        live_server.url,
        agenda,
        "Événement",
        {
            "#id_title": EVENT,
            "#id_summary": "Un événement fictif pour les tests.",
            "#id_start_date": "20/06/2026",
            "#id_start_time": "18:30",
            "#id_end_time": "20:00",
            "#id_venue": "Salle fictive",
        },
    )
    publish_from_admin(
        browser_page,
        live_server.url,
        agenda,
        "Appel à projets",
        {
            "#id_title": CALL,
            "#id_opening_date": "01/06/2026",
            "#id_deadline": "30/06/2026",
            "#id_summary": "Un appel fictif pour les tests.",
        },
    )
    browser_page.context.clear_cookies()
    return moment, EventPage.objects.get(title=EVENT), CallForProjectsPage.objects.get(title=CALL)


def test_agenda_pages_have_no_axe_violation(published_in_admin, live_server, injectable_page):
    _moment, event, call = published_in_admin
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


def test_items_published_in_the_admin_reach_every_public_place_then_the_archive(
    published_in_admin, live_server, browser_page
):
    moment, event, call = published_in_admin
    assert event.live and call.live
    assert (event.start_date, event.start_time) == (
        datetime.date(2026, 6, 20),
        datetime.time(18, 30),
    )
    assert (call.opening_date, call.deadline) == (
        datetime.date(2026, 6, 1),
        datetime.date(2026, 6, 30),
    )
    base = live_server.url
    browser_page.goto(base + "/fr/agenda/")
    upcoming = browser_page.locator("section[aria-labelledby='upcoming-heading']")
    expect(upcoming.get_by_role("link", name=EVENT, exact=True)).to_have_count(1)
    expect(upcoming.get_by_role("link", name=CALL, exact=True)).to_have_count(1)
    browser_page.goto(base + "/fr/")
    expect(browser_page.get_by_role("link", name=EVENT, exact=True)).to_have_count(1)
    expect(browser_page.get_by_role("link", name=CALL, exact=True)).to_have_count(1)

    (vevent,) = Calendar.from_ical(
        browser_page.request.get(base + event.url + "calendrier/").body()
    ).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == EVENT
    assert vevent.start == datetime.datetime(2026, 6, 20, 18, 30, tzinfo=clock.PARIS)
    agenda_ics = Calendar.from_ical(
        browser_page.request.get(base + "/fr/agenda/calendrier/").body()
    )
    summaries = {str(v["SUMMARY"]) for v in agenda_ics.walk("VEVENT")}
    assert {EVENT, f"Date limite de candidature : {CALL}"} <= summaries
    feed = ET.fromstring(browser_page.request.get(base + "/fr/agenda/appels/flux/").body())
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert CALL in titles

    moment["now"] = clock.start_of_day(datetime.date(2026, 7, 1))
    browser_page.goto(base + "/fr/agenda/?archives")
    archive = browser_page.locator("section[aria-labelledby='archive-heading']")
    expect(archive.get_by_role("link", name=EVENT, exact=True)).to_have_count(1)
    expect(archive.get_by_role("link", name=CALL, exact=True)).to_have_count(1)
