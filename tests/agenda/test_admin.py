"""Editors create events and calls in the admin, with French messages for impossible dates."""

import datetime

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from agenda import clock
from agenda.models import CallForProjectsPage, EventPage
from tests.accounts import create_member

pytestmark = pytest.mark.django_db


def event_form(**fields):
    data = {
        "title": "Afterwork fictif",
        "slug": "afterwork-fictif",
        "summary": "",
        "start_date": "2026-06-20",
        "start_time": "18:30",
        "end_date": "",
        "end_time": "20:00",
        "date_note": "",
        "attendance": "sur-place",
        "venue": "",
        "street_address": "",
        "commune": "",
        "online_url": "",
        "organiser_name": "",
        "organiser": "",
        "audience": "",
        "registration_url": "",
        "price": "",
        "axis": "animation",
        "image": "",
        "image_alt": "",
        "body": streamfield([]),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data({key: value for key, value in data.items() if value is not None})


def call_form(**fields):
    data = {
        "title": "Appel fictif",
        "slug": "appel-fictif",
        "summary": "",
        "opening_date": "2026-06-01",
        "deadline": "2026-07-15",
        "date_note": "",
        "eligibility": rich_text("<p>Porteurs de projet fictifs.</p>"),
        "offer": rich_text("<p>Un accompagnement fictif.</p>"),
        "operator_name": "",
        "support_service": "",
        "amount_min": "",
        "amount_max": "",
        "application_url": "",
        "commune": "",
        "axis": "parcours",
        "documents": streamfield([]),
        "body": streamfield([]),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(agenda, model):
    return f"/admin/pages/add/agenda/{model}/{agenda.pk}/"


def test_editor_publishes_an_event_and_a_call(admin_client, agenda, frozen_now):
    assert admin_client.get(add_url(agenda, "eventpage")).status_code == 200
    response = admin_client.post(add_url(agenda, "eventpage"), event_form())
    assert response.status_code == 302
    event = EventPage.objects.get(slug="afterwork-fictif")
    assert event.live and event.kind == "evenement" and not event.all_day
    response = admin_client.post(add_url(agenda, "callforprojectspage"), call_form())
    assert response.status_code == 302
    assert CallForProjectsPage.objects.get(slug="appel-fictif").live


def test_impossible_dates_are_field_errors_in_french(admin_client, agenda, frozen_now):
    response = admin_client.post(
        add_url(agenda, "eventpage"),
        event_form(end_date="2026-06-19", attendance="en-ligne"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La date de fin (19/06/2026) est avant la date de début (20/06/2026)." in html
    assert "Un événement en ligne a besoin de son lien" in html
    response = admin_client.post(
        add_url(agenda, "callforprojectspage"), call_form(deadline="2026-05-01")
    )
    assert "La date limite (01/05/2026) est avant la date d&#x27;ouverture (01/06/2026)." in (
        response.content.decode()
    )
    assert not EventPage.objects.exists() and not CallForProjectsPage.objects.exists()


def test_a_past_event_cannot_be_published_as_upcoming(admin_client, agenda, frozen_now):
    response = admin_client.post(add_url(agenda, "eventpage"), event_form(start_date="2025-06-20"))
    assert response.status_code == 200
    assert "Cet événement est déjà passé" in response.content.decode()
    assert not EventPage.objects.exists()
    # Ticked, it goes straight to the archive.
    response = admin_client.post(
        add_url(agenda, "eventpage"), event_form(start_date="2025-06-20", archive_past="on")
    )
    assert response.status_code == 302
    assert EventPage.objects.get().is_past()


def test_a_past_event_may_be_saved_as_a_draft(admin_client, agenda, frozen_now):
    data = event_form(start_date="2025-06-20")
    del data["action-publish"]
    assert admin_client.post(add_url(agenda, "eventpage"), data).status_code == 302
    assert not EventPage.objects.get().live


def test_dates_are_typed_the_french_way_and_a_garbled_one_is_a_french_field_error(
    admin_client, agenda, frozen_now
):
    response = admin_client.post(add_url(agenda, "eventpage"), event_form(start_date="20/06/2026"))
    assert response.status_code == 302
    assert EventPage.objects.get().start_date == datetime.date(2026, 6, 20)
    # Neither a 500 nor today's date: the editor's text comes back with the reason.
    response = admin_client.post(
        add_url(agenda, "eventpage"), event_form(slug="garbled", start_date="20/O6/2026")
    )
    assert response.status_code == 200
    assert "Saisissez une date valide." in response.content.decode()
    assert 'value="20/O6/2026"' in response.content.decode()
    assert EventPage.objects.count() == 1


def test_the_page_settings_schedule_is_typed_the_french_way(admin_client, agenda, frozen_now):
    # Wagtail checks expiry against the real clock, hence a year ahead.
    data = event_form(go_live_at="20/06/2027 09:00", expire_at="21/06/2027 00:00")
    del data["action-publish"]
    assert admin_client.post(add_url(agenda, "eventpage"), data).status_code == 302
    event = EventPage.objects.get()
    assert (event.go_live_at, event.expire_at) == (
        datetime.datetime(2027, 6, 20, 9, 0, tzinfo=clock.PARIS),
        datetime.datetime(2027, 6, 21, 0, 0, tzinfo=clock.PARIS),
    )


def test_an_editor_with_the_admin_in_english_types_the_same_dates(client, agenda, frozen_now):
    # The date picker writes day first whatever the admin's language: 01/06 must stay June 1st,
    # never January 6th (Django's English input formats read month first).
    editor = create_member("editor-en", superuser=True)
    editor.wagtail_userprofile.preferred_language = "en"
    editor.wagtail_userprofile.save()
    client.force_login(editor)
    data = event_form(start_date="01/06/2026", go_live_at="01/06/2026 09:00")
    del data["action-publish"]
    assert client.post(add_url(agenda, "eventpage"), data).status_code == 302
    event = EventPage.objects.get()
    assert event.start_date == datetime.date(2026, 6, 1)
    assert event.go_live_at == datetime.datetime(2026, 6, 1, 9, 0, tzinfo=clock.PARIS)
