"""The practice's one time zone and the helpers every app uses with it.

Sessions, consultation calls and business days are all Pacific wall-clock time, whatever
zone the server or the visitor is in. Any app may import this module; it imports no app.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

PACIFIC = ZoneInfo("America/Los_Angeles")
ADMIN_FORMAT = "%a, %b %-d, %Y, %-I:%M %p"


class Weekday(models.IntegerChoices):
    """Monday is 0, as `date.weekday()` counts."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# "Mondays at 6:30 PM": the day as a weekly habit, on pages and in emails. In Spanish with
# its article ("los lunes"), as the sentences around it expect.
WEEKDAY_PLURALS = {
    Weekday.MONDAY: _("Mondays"),
    Weekday.TUESDAY: _("Tuesdays"),
    Weekday.WEDNESDAY: _("Wednesdays"),
    Weekday.THURSDAY: _("Thursdays"),
    Weekday.FRIDAY: _("Fridays"),
    Weekday.SATURDAY: _("Saturdays"),
    Weekday.SUNDAY: _("Sundays"),
}


def pacific_today(now: datetime) -> date:
    """The Pacific calendar day `now` falls on (late evening in California is already
    tomorrow in UTC)."""
    return now.astimezone(PACIFIC).date()


def pacific_display(value: datetime | None, fmt: str = ADMIN_FORMAT) -> str:
    """'Tue, Mar 3, 2026, 6:30 PM' in Pacific time for admin columns; '-' when unset."""
    return value.astimezone(PACIFIC).strftime(fmt) if value else "-"


def on_or_after(day: date, weekday: int) -> date:
    """The first `weekday` (Monday is 0) on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)
