"""Calendar files, the calls' Atom feed, JSON-LD and "add to my calendar" links, parsed back."""

import datetime
import json
import re

import pytest
from defusedxml import ElementTree as ET
from icalendar import Calendar

from directory.models import Commune

D = datetime.date
T = datetime.time
UTC = datetime.UTC

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_an_event_ics_parses_back_with_paris_time_and_its_vtimezone(client, make_event, frozen_now):
    event = make_event(
        "Afterwork fictif",
        start_date=D(2026, 6, 20),
        start_time=T(18, 30),
        end_time=T(20, 0),
        venue="Salle fictive",
        commune=Commune.objects.get(name="Carvin"),
        summary="Un afterwork fictif ; avec, des virgules et des points-virgules. " * 20,
    )
    response = client.get(event.url + "calendrier/")
    cal = parse(response)
    assert b"TZID=Europe/Paris" in response.content
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    (vevent,) = cal.walk("VEVENT")
    assert vevent["UID"] == f"evenement-{event.translation_key}@ess-henin-carvin"
    assert "DTSTAMP" in vevent
    assert vevent.start.astimezone(UTC) == datetime.datetime(2026, 6, 20, 16, 30, tzinfo=UTC)
    assert vevent.end.astimezone(UTC) == datetime.datetime(2026, 6, 20, 18, 0, tzinfo=UTC)
    assert "Salle fictive" in str(vevent["LOCATION"]) and "62220 Carvin" in str(vevent["LOCATION"])
    # Escaped and folded as RFC 5545 says, and read back as typed.
    assert str(vevent["DESCRIPTION"]).startswith("Un afterwork fictif ; avec, des virgules")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    # The same file twice: stable UID and DTSTAMP.
    assert client.get(event.url + "calendrier/").content == response.content


def test_an_event_across_the_daylight_saving_change(client, make_event, frozen_now):
    event = make_event(
        "Nuit fictive",
        start_date=D(2026, 10, 24),
        start_time=T(20, 0),
        end_date=D(2026, 10, 25),
        end_time=T(10, 0),
    )
    (vevent,) = parse(client.get(event.url + "calendrier/")).walk("VEVENT")
    assert vevent.start.astimezone(UTC) == datetime.datetime(2026, 10, 24, 18, 0, tzinfo=UTC)
    assert vevent.end.astimezone(UTC) == datetime.datetime(2026, 10, 25, 9, 0, tzinfo=UTC)
    assert (vevent.start.hour, vevent.end.hour) == (20, 10)  # Paris time as typed


def test_an_all_day_event_is_a_date(client, make_event, frozen_now):
    event = make_event("Forum fictif", start_date=D(2026, 11, 2), end_date=D(2026, 11, 3))
    response = client.get(event.url + "calendrier/")
    (vevent,) = parse(response).walk("VEVENT")
    assert b"DTSTART;VALUE=DATE:20261102" in response.content
    assert vevent.start == D(2026, 11, 2) and vevent.end == D(2026, 11, 4)


def test_no_ics_for_a_draft_nor_an_event_without_date(client, make_event, frozen_now):
    draft = make_event("Brouillon fictif", start_date=D(2026, 6, 20), publish=False)
    undated = make_event("Afterwork à venir fictif", date_note="Dates à venir")
    assert client.get(f"/fr/agenda/{draft.slug}/calendrier/").status_code == 404
    assert client.get(undated.url + "calendrier/").status_code == 404


def test_the_agenda_feed_follows_the_filters(client, make_event, make_call, frozen_now):
    make_event("Afterwork fictif", start_date=D(2026, 6, 20), axis="animation")
    make_event("Forum fictif", start_date=D(2026, 7, 2), axis="sensibilisation")
    call = make_call("Appel fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 7, 15))
    cal = parse(client.get("/fr/agenda/calendrier/"))
    summaries = sorted(str(vevent["SUMMARY"]) for vevent in cal.walk("VEVENT"))
    assert summaries == [
        "Afterwork fictif",
        "Date limite de candidature : Appel fictif",
        "Forum fictif",
    ]
    deadline = next(v for v in cal.walk("VEVENT") if "Appel" in str(v["SUMMARY"]))
    assert deadline.start == D(2026, 7, 15)
    assert deadline["UID"] == f"appel-{call.translation_key}@ess-henin-carvin"
    cal = parse(client.get("/fr/agenda/calendrier/?axe=animation&mois=juin"))
    assert [str(v["SUMMARY"]) for v in cal.walk("VEVENT")] == ["Afterwork fictif"]


def test_the_calls_atom_feed(client, make_call, frozen_now):
    make_call("Appel fictif " + "très long " * 22, deadline=D(2026, 7, 15))
    response = client.get("/fr/agenda/appels/flux/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = root.findall(f"{atom}entry")
    assert entry.find(f"{atom}title").text.startswith("Appel fictif très long")
    assert "15 juillet 2026" in entry.find(f"{atom}summary").text


def json_ld(html):
    (found,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found)


def test_event_json_ld(client, make_event, frozen_now):
    event = make_event(
        "Petit déjeuner </script><script>alert(1)</script> fictif",
        start_date=D(2026, 6, 20),
        start_time=T(8, 30),
        end_time=T(10, 0),
        venue="Salle fictive",
        commune=Commune.objects.get(name="Carvin"),
        free=True,
        attendance="mixte",
        online_url="https://example.org/visio",
    )
    html = client.get(event.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"].startswith("Petit déjeuner </script>")
    assert data["startDate"] == "2026-06-20T08:30:00+02:00"
    assert data["endDate"] == "2026-06-20T10:00:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["address"]["addressLocality"] == "Carvin"
    assert virtual == {"@type": "VirtualLocation", "url": "https://example.org/visio"}
    assert data["offers"]["price"] == "0"
    assert "Ajouter à mon agenda" in html and "calendar.google.com" in html


def test_call_json_ld_carries_its_deadline(client, make_call, frozen_now):
    call = make_call("Appel fictif", opening_date=D(2026, 6, 1), deadline=D(2026, 7, 15))
    html = client.get(call.url).content.decode()
    data = json_ld(html)
    assert data["potentialAction"]["endTime"] == "2026-07-15"
    assert 'datetime="2026-07-15"' in html and "15 juillet 2026" in html


def test_event_pages_cost_the_same_queries(
    client, make_event, frozen_now, django_assert_max_num_queries
):
    event = make_event("Afterwork fictif", start_date=D(2026, 6, 20), start_time=T(18, 0))
    client.get(event.url)
    with django_assert_max_num_queries(10):
        assert client.get(event.url).status_code == 200
