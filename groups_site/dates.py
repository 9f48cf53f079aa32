"""Dates and times as a client reads them, in the active language.

strftime only speaks English; these use Django's date formatting, whose day and month names
follow the active language, with a format each language words its own way ("Tuesday,
March 3" / "martes 3 de marzo"). Any app may import this module; it imports no app.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import dateformat
from django.utils.translation import pgettext


def clock(value: datetime | time) -> str:
    """'6:30 PM' in English, '6:30 p.m.' in Spanish (the value's own wall-clock time)."""
    return dateformat.time_format(value, pgettext("time format", "g:i A"))


def day_long(value: date | datetime) -> str:
    """'Tuesday, March 3' in English, 'martes 3 de marzo' in Spanish."""
    return dateformat.format(value, pgettext("date format", "l, F j"))


def hour12(value: datetime | time) -> int:
    """The hour on a 12-hour clock, to choose between Spanish "a la 1" and "a las 2"."""
    return value.hour % 12 or 12
