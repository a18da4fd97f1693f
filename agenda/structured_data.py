"""schema.org JSON-LD of events and calls for projects, built from the fields the page shows."""

import json

from django.utils.safestring import mark_safe

from . import clock
from .choices import Attendance

# Characters that could end the <script> element or open an HTML comment are written as
# JSON escapes, which parse to the same text (as directory/structured_data.py does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

ATTENDANCE_MODES = {
    Attendance.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def script_json(data):
    """The JSON text, safe to place inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


def _iso(page, instant):
    paris = instant.astimezone(clock.PARIS)
    return paris.date().isoformat() if page.all_day else paris.isoformat()


def _place(page):
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if page.street_address:
        address["streetAddress"] = page.street_address
    if page.commune_id:
        address["addressLocality"] = page.commune.name
        address["postalCode"] = page.commune.postcode
    place = {"@type": "Place", "address": address}
    if page.venue:
        place["name"] = page.venue
    return place


def event_json_ld(page, request=None, organiser=None):
    """An Event, or None for an event whose date is not known (schema.org needs startDate)."""
    if not page.starts_at:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": page.get_full_url(request),
        "startDate": _iso(page, page.starts_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[page.attendance],
    }
    if page.ends_at:
        end = page.ends_at
        if page.all_day:
            data["endDate"] = page.last_day().isoformat()
        else:
            data["endDate"] = _iso(page, end)
    if page.summary:
        data["description"] = page.summary
    locations = []
    if page.attendance != Attendance.ONLINE:
        locations.append(_place(page))
    if page.attendance != Attendance.OFFLINE and page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organiser is not None:
        data["organizer"] = {
            "@type": "Organization",
            "name": page.organiser_name or organiser.title,
            "url": organiser.get_full_url(request),
        }
    elif page.organiser_name:
        data["organizer"] = {"@type": "Organization", "name": page.organiser_name}
    if page.free or page.price:
        offer = {"@type": "Offer", "price": str(page.price or 0), "priceCurrency": "EUR"}
        if page.registration_url:
            offer["url"] = page.registration_url
        data["offers"] = offer
    return data


def call_json_ld(page, request=None, service=None):
    """A Grant, its application window (opening, deadline) as an ApplyAction."""
    data = {
        "@context": "https://schema.org",
        "@type": "Grant",
        "name": page.title,
        "url": page.get_full_url(request),
    }
    if page.summary:
        data["description"] = page.summary
    funder = page.operator_name or (service.title if service else "")
    if funder:
        data["funder"] = {"@type": "Organization", "name": funder}
        if service is not None:
            data["funder"]["url"] = service.get_full_url(request)
    action = {"@type": "ApplyAction"}
    if page.starts_at:
        action["startTime"] = page.starts_at.astimezone(clock.PARIS).date().isoformat()
    if page.ends_at:
        action["endTime"] = page.last_day().isoformat()
    if page.application_url:
        action["target"] = page.application_url
    if len(action) > 1:
        data["potentialAction"] = action
    return data
