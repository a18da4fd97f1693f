"""Scheduled publishing (Wagtail's go-live and expiry dates, applied by the `publish_scheduled`
command an hourly cron runs): an item scheduled for later is nowhere public before its
go-live date, everywhere after the command has run past it, and gone after its expiry."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from agenda import clock
from agenda.models import CallForProjectsPage, EventPage

D = datetime.date
T = datetime.time

pytestmark = pytest.mark.django_db


@pytest.fixture
def wall_clock(monkeypatch):
    """Sets the time Django, Wagtail's scheduler and the agenda all read; returns a function
    to move it."""
    current = {"now": datetime.datetime(2026, 6, 10, 12, 0, tzinfo=clock.PARIS)}
    monkeypatch.setattr(timezone, "now", lambda: current["now"].astimezone(datetime.UTC))

    def move(instant):
        current["now"] = instant

    return move


def schedule(agenda, page, go_live_at):
    """What an editor's "publish" does on a page whose go-live date is ahead."""
    page.live = False
    page.go_live_at = go_live_at
    agenda.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def public_places(client, event, call):
    """Where each item's title can be read by a visitor."""
    cache.clear()  # the page cache outlives a request; emptied on publication in production
    pages = {
        "agenda": client.get("/fr/agenda/").text,
        "home": client.get("/fr/").text,
        "ics": client.get("/fr/agenda/calendrier/").text,
        "atom": client.get("/fr/agenda/appels/flux/").text,
    }
    return {
        "event": {name for name, text in pages.items() if event.title in text}
        | ({"page"} if client.get(f"/fr/agenda/{event.slug}/").status_code == 200 else set()),
        "call": {name for name, text in pages.items() if call.title in text}
        | ({"page"} if client.get(f"/fr/agenda/{call.slug}/").status_code == 200 else set()),
    }


def test_scheduled_items_go_live_with_publish_scheduled_and_leave_at_expiry(
    client, agenda, wall_clock
):
    go_live = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=clock.PARIS)
    event = schedule(
        agenda,
        EventPage(
            title="Forum programmé fictif", slug="forum-programme", start_date=D(2026, 7, 20)
        ),
        go_live,
    )
    call = schedule(
        agenda,
        CallForProjectsPage(
            title="Appel programmé fictif",
            slug="appel-programme",
            opening_date=D(2026, 6, 15),
            deadline=D(2026, 9, 30),
        ),
        go_live,
    )
    assert not event.live and not call.live
    nowhere = {"event": set(), "call": set()}
    assert public_places(client, event, call) == nowhere

    # The command runs before the date: nothing changes.
    wall_clock(go_live - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert public_places(client, event, call) == nowhere

    wall_clock(go_live + datetime.timedelta(minutes=5))
    assert public_places(client, event, call) == nowhere  # not before the command runs
    call_command("publish_scheduled")
    assert public_places(client, event, call) == {
        "event": {"agenda", "home", "ics", "page"},  # the Atom feed carries calls only
        "call": {"agenda", "home", "ics", "atom", "page"},
    }

    # An expiry date takes the event down at the next run after it.
    event.refresh_from_db()
    event.expire_at = datetime.datetime(2026, 6, 18, 0, 0, tzinfo=clock.PARIS)
    event.save_revision().publish()
    wall_clock(datetime.datetime(2026, 6, 18, 0, 30, tzinfo=clock.PARIS))
    call_command("publish_scheduled")
    assert public_places(client, event, call)["event"] == set()
    assert "page" in public_places(client, event, call)["call"]
