"""When a new lead has waited too long: one business day, Pacific time.

A lead is due for a first call once one whole business day has gone by since it arrived,
counting only the hours of business days (Monday to Friday, minus the practice's closed
days). So a lead from Friday 3 pm is due Monday 3 pm, and one from Saturday morning is due
at the end of Monday.

Instead of computing a due time per lead (which would need the closed days in SQL), we turn
it around: `overdue_cutoff(now)` is the arrival time before which every new lead is overdue,
so one indexed `created_at < cutoff` filter finds them all.
- Today is a business day: the same wall-clock time on the previous business day.
- Today is not: the start of the most recent business day (leads from that day are due on
  the next business day, which has not come yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from groups_site.timezones import PACIFIC, pacific_today

from .models import ClosedDay

# Far enough back to pass any realistic run of holidays; a longer run means a bad row.
_MAX_LOOKBACK_DAYS = 60


def closed_days_near(now: datetime) -> set[date]:
    """The closed days that can matter for `now` (one small query)."""
    today = pacific_today(now)
    return set(
        ClosedDay.objects.filter(
            date__gte=today - timedelta(days=_MAX_LOOKBACK_DAYS), date__lte=today
        ).values_list("date", flat=True)
    )


def is_business_day(day: date, closed: Iterable[date]) -> bool:
    return day.weekday() < 5 and day not in closed


def _previous_business_day(day: date, closed: set[date]) -> date:
    for back in range(1, _MAX_LOOKBACK_DAYS):
        candidate = day - timedelta(days=back)
        if is_business_day(candidate, closed):
            return candidate
    return day - timedelta(days=_MAX_LOOKBACK_DAYS)


def overdue_cutoff(now: datetime, closed: set[date] | None = None) -> datetime:
    """New leads that arrived before this moment have waited over one business day."""
    closed = closed_days_near(now) if closed is None else closed
    local = now.astimezone(PACIFIC)
    today = local.date()
    if is_business_day(today, closed):
        previous = _previous_business_day(today, closed)
        return datetime.combine(previous, local.time().replace(tzinfo=None), tzinfo=PACIFIC)
    last_open = _previous_business_day(today, closed)
    return datetime.combine(last_open, time.min, tzinfo=PACIFIC)
