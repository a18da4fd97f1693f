"""Dates and times of the agenda written the way the reader's language writes them (Babel),
always on the clocks of Paris, whatever the server's time zone."""

import datetime

from babel.dates import format_date, format_skeleton, format_time
from django.utils.translation import gettext as _

from core.formatting import current_locale

from . import clock
from .choices import Kind


def format_month(year, month, locale=None):
    """ "novembre 2026" / "November 2026"."""
    return format_skeleton(
        "yMMMM", datetime.date(year, month, 1), locale=locale or current_locale()
    )


def format_day(day, locale=None):
    """ "samedi 14 mars 2026" / "Saturday, March 14, 2026"."""
    return format_date(day, format="full", locale=locale or current_locale())


def _paris(instant):
    return instant.astimezone(clock.PARIS)


def when(item, locale=None):
    """The item's dates as one phrase: "14–16 mars 2026", "samedi 14 mars 2026, 18:30–20:00",
    "du 1 mars au 30 juin 2026"…; its date note (or "Dates à venir") when not known yet."""
    locale = locale or current_locale()
    if item.kind == Kind.CALL:
        return call_dates(item, locale)
    if not item.starts_at:
        return item.date_note or _("Dates à venir")
    starts = _paris(item.starts_at)
    if item.all_day:
        last = item.last_day()
        if last == starts.date():
            return format_day(starts.date(), locale)
        return _("du %(start)s au %(end)s") % {
            "start": format_day(starts.date(), locale),
            "end": format_day(last, locale),
        }
    start_time = format_time(starts, "short", tzinfo=clock.PARIS, locale=locale)
    if not item.ends_at:
        return _("%(day)s à %(time)s") % {
            "day": format_day(starts.date(), locale),
            "time": start_time,
        }
    ends = _paris(item.ends_at)
    end_time = format_time(ends, "short", tzinfo=clock.PARIS, locale=locale)
    if ends.date() == starts.date():
        return _("%(day)s, de %(start)s à %(end)s") % {
            "day": format_day(starts.date(), locale),
            "start": start_time,
            "end": end_time,
        }
    return _("du %(start_day)s à %(start)s au %(end_day)s à %(end)s") % {
        "start_day": format_day(starts.date(), locale),
        "start": start_time,
        "end_day": format_day(ends.date(), locale),
        "end": end_time,
    }


def call_dates(item, locale):
    opening = _paris(item.starts_at).date() if item.starts_at else None
    deadline = item.last_day()
    if opening and deadline:
        return _("Candidatures du %(opening)s au %(deadline)s") % {
            "opening": format_date(opening, "long", locale=locale),
            "deadline": format_date(deadline, "long", locale=locale),
        }
    if deadline:
        return _("Candidatures jusqu’au %(deadline)s") % {
            "deadline": format_date(deadline, "long", locale=locale)
        }
    if opening:
        return _("Candidatures à partir du %(opening)s") % {
            "opening": format_date(opening, "long", locale=locale)
        }
    return item.date_note or _("Dates à venir")


def iso_date(instant):
    """The Paris date of an instant, ISO 8601 (for <time datetime>)."""
    return _paris(instant).date().isoformat()


def iso_datetime(instant):
    return _paris(instant).isoformat()
