"""Calendar files (RFC 5545) of the agenda, written by the `icalendar` library.

One VEVENT per event with a date, and one all-day VEVENT on the deadline day of each call
for projects with a deadline. Timed events carry TZID=Europe/Paris and the calendar its
VTIMEZONE; all-day events are DATE values (DTEND the day after the last, as RFC 5545 wants).
UIDs are stable (the page's translation key, the same in every language and every feed),
DTSTAMP is the page's last publication: the same file for the same content.
"""

import datetime
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from . import clock
from .choices import Attendance, Kind

UID_DOMAIN = "ess-henin-carvin"
# Calendar applications show a description, not a book: long summaries are cut.
MAX_DESCRIPTION = 2000


def _paris(instant):
    return instant.astimezone(clock.PARIS)


def _stamp(page):
    return (page.last_published_at or timezone.now()).astimezone(datetime.UTC)


def location(page):
    """The event's place as one line: venue, address, commune; or its online link."""
    parts = []
    if page.kind == Kind.EVENT and page.attendance != Attendance.ONLINE:
        parts += [page.venue, page.street_address]
    commune = getattr(page, "commune_shown", None) or (page.commune if page.commune_id else None)
    if commune:
        parts.append(f"{commune.postcode} {commune.name}")
    if page.kind == Kind.EVENT and page.attendance != Attendance.OFFLINE:
        parts.append(page.online_url)
    return ", ".join(part for part in parts if part)


def event_component(page, url):
    """The VEVENT of one event or call (specific page), or None when it has no date."""
    description = Truncator(page.summary or "").chars(MAX_DESCRIPTION)
    description = f"{description}\n\n{url}".strip()
    if page.kind == Kind.CALL:
        if not page.ends_at:
            return None
        day = page.last_day()
        event = Event.new(
            uid=f"appel-{page.translation_key}@{UID_DOMAIN}",
            summary=_("Date limite de candidature : %(title)s") % {"title": page.title},
            start=day,
            end=day + datetime.timedelta(days=1),
            stamp=_stamp(page),
            description=description,
            url=url,
        )
        return event
    if not page.starts_at:
        return None
    if page.all_day:
        start = _paris(page.starts_at).date()
        end = page.last_day() + datetime.timedelta(days=1)
    else:
        start = _paris(page.starts_at)
        end = _paris(page.ends_at) if page.ends_at else None
    event = Event.new(
        uid=f"evenement-{page.translation_key}@{UID_DOMAIN}",
        summary=page.title,
        start=start,
        end=end,
        stamp=_stamp(page),
        description=description,
        location=location(page) or None,
        url=url,
    )
    return event


def google_calendar_url(page, url):
    """Google Calendar's "new event" form filled with this event (a link: nothing is sent to
    Google unless the visitor follows it)."""
    if page.all_day:
        start = _paris(page.starts_at).date()
        end = page.last_day() + datetime.timedelta(days=1)
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        start = _paris(page.starts_at)
        end = _paris(page.ends_at) if page.ends_at else start + datetime.timedelta(hours=1)
        dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    params = {
        "action": "TEMPLATE",
        "text": page.title,
        "dates": dates,
        "ctz": "Europe/Paris",
        "details": f"{Truncator(page.summary or '').chars(500)}\n\n{url}".strip(),
        "location": location(page),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def calendar(pages, request, name, uid):
    """A VCALENDAR of `pages` (specific pages), its time zones included; `uid` names the
    calendar (stable: a subscribed feed stays the same calendar)."""
    cal = Calendar.new(prodid="-//CAHC//Agenda de l'ESS//FR", name=name, uid=f"{uid}@{UID_DOMAIN}")
    for page in pages:
        component = event_component(page, page.get_full_url(request))
        if component is not None:
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal


def ics_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
