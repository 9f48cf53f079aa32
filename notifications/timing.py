"""Due times for reminders, right across daylight-saving changes.

Two kinds of "before", and they differ twice a year:

* elapsed time ("24 hours before a consultation"): `before(starts_at, hours=24)` counts real
  hours in UTC. Subtracting a timedelta from a Pacific-aware datetime would count wall-clock
  hours instead, and be an hour off across a change.
* wall-clock time ("the evening before a session, at 6 pm"): `day_before_at(starts_at,
  time(18))` is 6 pm Pacific on the previous local day, whatever the offset that day.

Every function returns an aware datetime in UTC, as Django stores it (a Pacific datetime in
the repeated hour would compare unequal to the same instant in UTC, by Python's rules).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from groups_site.dates import day_long
from groups_site.timezones import PACIFIC


def local_at(day: date, at: time) -> datetime:
    """`at` o'clock Pacific on `day`.

    On the spring-forward day a time in the skipped hour (2:00-2:59) does not exist; it comes
    out an hour later on the clock (2:30 becomes 3:30 PDT). On the fall-back day 1:00-1:59
    happens twice; this is the first one (PDT).
    """
    return datetime.combine(day, at, tzinfo=PACIFIC).astimezone(UTC)


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment, PACIFIC).date()


def before(moment: datetime, **delta: float) -> datetime:
    """`moment` minus real elapsed time, e.g. before(starts_at, hours=24)."""
    return moment.astimezone(UTC) - timedelta(**delta)


def day_before_at(moment: datetime, at: time) -> datetime:
    """`at` o'clock Pacific on the local day before `moment`."""
    return local_at(local_date(moment) - timedelta(days=1), at)


def same_day_at(moment: datetime, at: time) -> datetime:
    """`at` o'clock Pacific on `moment`'s own local day (a morning-of summary)."""
    return local_at(local_date(moment), at)


def days_before_at(moment: datetime, days: int, at: time) -> datetime:
    """`at` o'clock Pacific, `days` local days before `moment` (a week before a cohort)."""
    return local_at(local_date(moment) - timedelta(days=days), at)


def day_word(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow' or 'on Tuesday, March 3', in Pacific days, as seen at `now`.

    Reminders word their day when they are sent, not when they were written: a retried or
    late one never says "tomorrow" on the day itself. In the active language (a client's
    email is rendered in theirs): 'hoy', 'mañana', 'el martes 3 de marzo'.
    """
    days = (local_date(moment) - local_date(now)).days
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    # Translators: a day further off, as in "Your group starts on Tuesday, March 3".
    return gettext("on %(day)s") % {"day": day_long(timezone.localtime(moment, PACIFIC))}
