"""Events and calls for projects: dates as instants in Paris, computed status, editors' errors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from agenda import clock
from agenda.choices import Attendance, Status
from agenda.models import AgendaIndexPage, AgendaItemPage, CallForProjectsPage, EventPage
from home.models import HomePage

from .conftest import NOW

D = datetime.date
T = datetime.time


class TestTree(WagtailPageTestCase):
    def test_the_agenda_holds_events_and_calls_only(self):
        self.assertAllowedSubpageTypes(AgendaIndexPage, {EventPage, CallForProjectsPage})
        self.assertAllowedParentPageTypes(AgendaIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventPage, {AgendaIndexPage})
        self.assertAllowedParentPageTypes(CallForProjectsPage, {AgendaIndexPage})

    def test_the_shared_base_cannot_be_created(self):
        assert not AgendaItemPage.is_creatable
        assert EventPage.is_creatable and CallForProjectsPage.is_creatable


def test_an_evening_event_is_stored_as_its_instants_in_paris():
    event = EventPage(start_date=D(2026, 6, 20), start_time=T(18, 30), end_time=T(20, 0))
    starts, ends, all_day = event.instants()
    assert not all_day
    assert starts.astimezone(datetime.UTC).time() == T(16, 30)  # summer time: UTC+2
    assert ends.astimezone(datetime.UTC).time() == T(18, 0)


def test_an_event_spanning_the_daylight_saving_change_keeps_paris_time():
    # Clocks go back at 03:00 on Sunday 25 October 2026 (UTC+2 → UTC+1).
    event = EventPage(
        start_date=D(2026, 10, 24), start_time=T(20, 0), end_date=D(2026, 10, 25), end_time=T(10, 0)
    )
    starts, ends, _all_day = event.instants()
    assert starts.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 24, 18, 0, tzinfo=datetime.UTC
    )
    assert ends.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 25, 9, 0, tzinfo=datetime.UTC
    )
    elapsed = ends.astimezone(datetime.UTC) - starts.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=15)  # one hour more than the clocks show


def test_an_all_day_event_ends_at_midnight_after_its_last_day():
    event = EventPage(start_date=D(2026, 11, 2), end_date=D(2026, 11, 3))
    starts, ends, all_day = event.instants()
    assert all_day
    assert starts == clock.start_of_day(D(2026, 11, 2))
    assert ends == clock.start_of_day(D(2026, 11, 4))


def _errors(page):
    with pytest.raises(ValidationError) as raised:
        page.clean()
    return raised.value.message_dict


@pytest.mark.django_db
def test_an_end_before_the_start_is_a_field_error_in_french():
    errors = _errors(
        EventPage(title="x", slug="x", start_date=D(2026, 6, 20), end_date=D(2026, 6, 19))
    )
    assert errors["end_date"] == [
        "La date de fin (19/06/2026) est avant la date de début (20/06/2026)."
    ]
    errors = _errors(
        EventPage(title="x", slug="x", start_date=D(2026, 6, 20), start_time=T(20), end_time=T(18))
    )
    assert "finit avant de commencer" in errors["end_time"][0]


@pytest.mark.django_db
def test_an_online_event_needs_its_link():
    errors = _errors(
        EventPage(title="x", slug="x", start_date=D(2026, 6, 20), attendance=Attendance.ONLINE)
    )
    assert errors["online_url"] == [
        "Un événement en ligne a besoin de son lien : saisissez l'adresse où le suivre."
    ]


@pytest.mark.django_db
def test_a_deadline_before_the_opening_is_a_field_error():
    errors = _errors(
        CallForProjectsPage(title="x", slug="x", opening_date=D(2026, 6, 1), deadline=D(2026, 5, 1))
    )
    assert errors["deadline"] == [
        "La date limite (01/05/2026) est avant la date d'ouverture (01/06/2026)."
    ]


@pytest.mark.django_db
def test_a_calls_status_follows_the_clock(make_call, frozen_now):
    call = make_call(opening_date=D(2026, 7, 1), deadline=D(2026, 7, 31))
    assert call.status() == Status.UPCOMING
    frozen_now(clock.start_of_day(D(2026, 7, 1)))
    assert call.status() == Status.OPEN
    frozen_now(clock.end_of_day(D(2026, 7, 31)) - datetime.timedelta(seconds=1))
    assert call.status() == Status.OPEN  # the deadline day is included
    frozen_now(clock.end_of_day(D(2026, 7, 31)))
    assert call.status() == Status.CLOSED


@pytest.mark.django_db
def test_dates_to_be_announced_stay_upcoming(make_call, make_event, frozen_now):
    call = make_call(date_note="Dates à venir")
    event = make_event(date_note="Dates à venir")
    frozen_now(NOW + datetime.timedelta(days=3650))
    assert call.status() == Status.UPCOMING
    assert event.status() == Status.UPCOMING


@pytest.mark.django_db
def test_a_timed_event_without_end_is_past_at_the_end_of_its_day(make_event, frozen_now):
    event = make_event(start_date=D(2026, 6, 10), start_time=T(9, 0))
    assert not event.is_past()  # 12:00 the same day
    frozen_now(clock.start_of_day(D(2026, 6, 11)))
    assert event.is_past()
