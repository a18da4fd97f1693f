"""The agenda's one clock: what time it is in Paris.

Whether an event is upcoming or past and whether a call for projects is open are never stored;
they are computed from the dates against this clock. Tests patch `agenda.clock.now` to move
time forward instead of editing pages.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")


def now() -> datetime.datetime:
    """The current time, aware, in Europe/Paris."""
    return timezone.now().astimezone(PARIS)


def today() -> datetime.date:
    return now().date()


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in Paris (aware), whatever the daylight-saving time."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the end of `day` in Paris: the first instant of the next day."""
    return start_of_day(day + datetime.timedelta(days=1))


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """`day` at `time` on the clocks of Paris (aware)."""
    return datetime.datetime.combine(day, time, tzinfo=PARIS)
