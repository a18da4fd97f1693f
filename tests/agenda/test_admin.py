"""Editors create events and calls in the admin, with French messages for impossible dates."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from agenda.models import CallForProjectsPage, EventPage

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
