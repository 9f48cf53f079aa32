"""Dates and times as a client reads them, in the active language.

strftime only speaks English; these use Django's date formatting, whose day and month names
follow the active language, with a format each language words its own way ("Tuesday,
March 3" / "martes 3 de marzo"). Any app may import this module; it imports no app.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import dateformat
from django.utils.text import capfirst
from django.utils.translation import ngettext, pgettext

from .timezones import PACIFIC


def clock(value: datetime | time) -> str:
    """'6:30 PM' in English, '6:30 p.m.' in Spanish (the value's own wall-clock time)."""
    return dateformat.time_format(value, pgettext("time format", "g:i A"))


def day_long(value: date | datetime) -> str:
    """'Tuesday, March 3' in English, 'martes 3 de marzo' in Spanish."""
    return dateformat.format(value, pgettext("date format", "l, F j"))


def meeting_span(starts_at: datetime, ends_at: datetime) -> tuple[str, str]:
    """('Tue, Mar 3, 6:30 PM', '8:00 PM') in Pacific time: a meeting in a list of dates, as
    the template's `date` filter would write it, without a filter call per value."""
    start = dateformat.format(
        starts_at.astimezone(PACIFIC), pgettext("date format", "D, M j, g:i A")
    )
    return capfirst(start), clock(ends_at.astimezone(PACIFIC))


def hour12(value: datetime | time) -> int:
    """The hour on a 12-hour clock, to choose between Spanish "a la 1" and "a las 2"."""
    return value.hour % 12 or 12


def pacific_clock(value: datetime) -> str:
    """'6:30 PM PST' ('6:30 p.m. PST'): Pacific wall-clock time with its zone, which follows
    daylight saving."""
    local = value.astimezone(PACIFIC)
    return f"{clock(local)} {local.tzname()}"


def pacific_when(value: datetime) -> str:
    """'Tuesday, March 3 at 6:30 PM PST' ('martes 3 de marzo a las 6:30 p.m. PST')."""
    local = value.astimezone(PACIFIC)
    return ngettext(
        "%(day)s at %(time)s %(zone)s", "%(day)s at %(time)s %(zone)s", hour12(local)
    ) % {"day": day_long(local), "time": clock(local), "zone": local.tzname()}
