"""Which 15-minute consultation slots are free: pure functions over loaded availability.

Working hours are Pacific wall-clock ranges, but slots are real instants. We walk the UTC
quarter-hours around each range and keep those whose wall-clock time falls inside it, so a
day when clocks change needs no special case: on 8 March 2026 no instant reads 2:00-2:59,
and on 1 November 2026 two different instants read 1:00 (PDT, then PST) and both are
offered, each labelled with its zone. Pacific offsets are whole hours, so a quarter-hour slot
never straddles a change.

`selectors.availability_load` builds the `Availability` objects in three queries.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property

from groups_site.dates import pacific_clock
from groups_site.timezones import PACIFIC, pacific_today

from .models import DURATION

STEP = timedelta(minutes=15)
_LAST_MOMENT = DURATION - timedelta(microseconds=1)
_PAD = timedelta(hours=1)  # covers the one-hour shift of a DST day around each range

TimeRange = tuple[time, time]


@dataclass
class Availability:
    """One coordinator's rules, hours and existing bookings over the window being shown."""

    coordinator_id: int
    name: str = ""
    buffer: timedelta = timedelta(minutes=5)
    min_notice: timedelta = timedelta(hours=4)
    no_same_day: bool = False
    horizon_days: int = 21
    weekly: dict[int, list[TimeRange]] = field(default_factory=dict)
    extra: dict[date, list[TimeRange]] = field(default_factory=dict)
    off_days: set[date] = field(default_factory=set)
    off_ranges: dict[date, list[TimeRange]] = field(default_factory=dict)
    # (starts_at, blocked_until) of live bookings, sorted by start.
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)
    upcoming_count: int = 0

    def __post_init__(self) -> None:
        self.busy.sort()
        self._busy_starts = [b[0] for b in self.busy]
        self._longest = max((b[1] - b[0] for b in self.busy), default=timedelta(0))

    def is_busy(self, start: datetime) -> bool:
        """Would a call at `start` (plus our buffer) overlap a booking (plus its buffer)?"""
        until = start + DURATION + self.buffer
        # Only bookings starting before `until` and ending after `start` can overlap; the
        # longest booking bounds how far back we must look.
        i = bisect_left(self._busy_starts, start - self._longest)
        while i < len(self.busy) and self.busy[i][0] < until:
            if self.busy[i][1] > start:
                return True
            i += 1
        return False


@dataclass(frozen=True)
class Slot:
    start: datetime  # UTC
    coordinator_ids: tuple[int, ...]
    # Each is read for every time on the picker; worked out once per slot (the instance is
    # frozen, but a cached_property writes to its __dict__ directly).

    @cached_property
    def local(self) -> datetime:
        return self.start.astimezone(PACIFIC)

    @cached_property
    def value(self) -> str:
        return slot_value(self.start)

    @cached_property
    def iso(self) -> str:
        """A machine-readable UTC instant for <time datetime>, short: a page holds dozens."""
        return self.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")

    @cached_property
    def label(self) -> str:
        """'9:00 AM PDT': the zone is written out, which also tells repeated hours apart.
        In the active language: the picker is a client's page."""
        return pacific_clock(self.start)


@dataclass
class Day:
    date: date
    slots: list[Slot]


def slot_value(start: datetime) -> str:
    """The form value of a slot: its UTC instant, compact and free of personal data."""
    return start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


# Years a slot value may name. Anything near datetime's ends (year 1 or 9999) overflows as
# soon as it is moved to Pacific time or a call length is added; no real slot is there.
SLOT_YEARS = range(2000, 3000)


def parse_slot_value(value: str) -> datetime | None:
    try:
        parsed = datetime.strptime(value.strip(), "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    except (ValueError, AttributeError):
        return None
    if parsed.year not in SLOT_YEARS:
        return None
    return parsed if parsed.minute % 15 == 0 else None


def local_label(start: datetime) -> str:
    """'9:00 AM PDT' in English whatever the language: for staff and stored notes."""
    local = start.astimezone(PACIFIC)
    return f"{local:%-I:%M %p} {local.tzname()}"


def _merge(ranges: Iterable[TimeRange]) -> list[TimeRange]:
    merged: list[list[time]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _floor_quarter(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def working_ranges(avail: Availability, day: date) -> list[TimeRange]:
    if day in avail.off_days:
        return []
    return _merge([*avail.weekly.get(day.weekday(), ()), *avail.extra.get(day, ())])


def day_starts(avail: Availability, day: date) -> Iterator[datetime]:
    """Start instants (UTC) of 15-minute calls inside the day's working hours, minus time off.

    Ignores notice, horizon and bookings: those are applied by the caller.
    """
    ranges = working_ranges(avail, day)
    if not ranges:
        return
    off = avail.off_ranges.get(day, ())
    day_start = datetime.combine(day, time.min, tzinfo=PACIFIC)
    day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=PACIFIC)
    offset = day_start.utcoffset()
    if offset == day_end.utcoffset():
        # An ordinary day: one offset throughout, so wall time maps to UTC by subtraction.
        yield from _plain_day_starts(day, offset, ranges, off)
        return
    # The day clocks change: walk real instants and keep those whose wall time fits.
    day_start, day_end = day_start.astimezone(UTC), day_end.astimezone(UTC)
    for range_start, range_end in ranges:
        moment = datetime.combine(day, range_start, tzinfo=PACIFIC).astimezone(UTC) - _PAD
        moment = max(_floor_quarter(moment), day_start)
        stop = min(datetime.combine(day, range_end, tzinfo=PACIFIC).astimezone(UTC) + _PAD, day_end)
        while moment < stop:
            wall = moment.astimezone(PACIFIC)
            if wall.date() == day:
                first = wall.time()
                last = (wall + _LAST_MOMENT).time()
                if (
                    range_start <= first
                    and first < last < range_end
                    and not any(first < b and last >= a for a, b in off)
                ):
                    yield moment
            moment += STEP


def _plain_day_starts(day: date, offset, ranges, off) -> Iterator[datetime]:
    def utc(at: time) -> datetime:
        return (datetime.combine(day, at) - offset).replace(tzinfo=UTC)

    off_utc = [(utc(a), utc(b)) for a, b in off]
    for range_start, range_end in ranges:
        moment = utc(range_start)
        if moment.minute % 15 or moment.second or moment.microsecond:
            moment = _floor_quarter(moment) + STEP
        end = utc(range_end)
        while moment + DURATION <= end:
            if not any(moment < b and moment + DURATION > a for a, b in off_utc):
                yield moment
            moment += STEP


def bookable_span(avail: Availability, now: datetime, *, for_staff: bool) -> tuple[datetime, date]:
    """Earliest bookable instant and last bookable Pacific day under the coordinator's rules.

    Staff booking for a caller may skip the notice and same-day rules, never the past.
    """
    # Notice is elapsed time: add it in UTC, or a Pacific `now` would count wall-clock hours
    # and be an hour off across a clock change.
    now = now.astimezone(UTC)
    today = pacific_today(now)
    if for_staff:
        earliest = now
    else:
        earliest = now + avail.min_notice
        if avail.no_same_day:
            tomorrow = datetime.combine(today + timedelta(days=1), time.min, tzinfo=PACIFIC)
            earliest = max(earliest, tomorrow.astimezone(UTC))
    return earliest, today + timedelta(days=avail.horizon_days - 1)


def coordinator_slots(
    avail: Availability,
    *,
    now: datetime,
    first_day: date | None = None,
    last_day: date | None = None,
    for_staff: bool = False,
) -> Iterator[tuple[date, datetime]]:
    earliest, horizon_end = bookable_span(avail, now, for_staff=for_staff)
    day = max(first_day or pacific_today(now), earliest.astimezone(PACIFIC).date())
    end = min(last_day or horizon_end, horizon_end)
    while day <= end:
        for start in day_starts(avail, day):
            if start >= earliest and not avail.is_busy(start):
                yield day, start
        day += timedelta(days=1)


def slots_compute(
    availabilities: Iterable[Availability],
    *,
    now: datetime,
    first_day: date | None = None,
    last_day: date | None = None,
    for_staff: bool = False,
) -> list[Day]:
    """Free slots of all coordinators, merged: a time is offered if anyone is free then.

    Each slot lists its free coordinators, least booked first (then by id, so the choice
    is stable); days without a free slot are left out.
    """
    by_start: dict[datetime, list[Availability]] = {}
    day_of: dict[datetime, date] = {}
    for avail in availabilities:
        for day, start in coordinator_slots(
            avail, now=now, first_day=first_day, last_day=last_day, for_staff=for_staff
        ):
            by_start.setdefault(start, []).append(avail)
            day_of[start] = day
    days: dict[date, list[Slot]] = {}
    for start in sorted(by_start):
        free = sorted(by_start[start], key=lambda a: (a.upcoming_count, a.coordinator_id))
        days.setdefault(day_of[start], []).append(
            Slot(start=start, coordinator_ids=tuple(a.coordinator_id for a in free))
        )
    return [Day(date=d, slots=s) for d, s in sorted(days.items())]


@dataclass
class SlotWeek:
    """One screen of the picker: an open day's times, the open days of its week (Monday to
    Sunday), and the first open day of the weeks before and after it, for "Earlier times"
    and "Later times"."""

    day: Day | None  # None: no open day from the date asked for on
    week: list[Day]
    earlier: date | None
    later: date | None
    has_any_slot: bool


def slot_week(
    availabilities: Iterable[Availability],
    *,
    now: datetime,
    start: date | None = None,
    for_staff: bool = False,
) -> SlotWeek:
    """The picker's screen for the first open day on or after `start` (None: the first one
    of all). Only the days the screen shows are worked out, and those it takes to find the
    open day on either side: a visitor sees one week, and the three weeks of times behind
    it cost more than the rest of the page."""
    availabilities = list(availabilities)
    if not availabilities:
        return SlotWeek(day=None, week=[], earlier=None, later=None, has_any_slot=False)
    today = pacific_today(now)
    last = max(bookable_span(a, now, for_staff=for_staff)[1] for a in availabilities)

    def days(first: date, until: date) -> list[Day]:
        return slots_compute(
            availabilities, now=now, first_day=first, last_day=until, for_staff=for_staff
        )

    def first_open(first: date) -> Day | None:
        while first <= last:
            found = days(first, first)
            if found:
                return found[0]
            first += timedelta(days=1)
        return None

    asked = max(start or today, today)
    monday = asked - timedelta(days=asked.weekday())
    while monday <= last:
        week = days(monday, monday + timedelta(days=6))
        day = next((d for d in week if d.date >= asked), None)
        if day is not None:
            break
        monday += timedelta(days=7)
    else:
        return SlotWeek(
            day=None,
            week=[],
            earlier=None,
            later=None,
            has_any_slot=first_open(today) is not None,
        )
    later = first_open(monday + timedelta(days=7))
    earlier = None
    before = monday - timedelta(days=7)
    while earlier is None and before + timedelta(days=6) >= today:
        found = days(max(before, today), before + timedelta(days=6))
        earlier = found[0].date if found else None
        before -= timedelta(days=7)
    return SlotWeek(
        day=day,
        week=week,
        earlier=earlier,
        later=later.date if later else None,
        has_any_slot=True,
    )


@dataclass(frozen=True)
class SlotCheck:
    offered: tuple[int, ...]  # coordinators whose hours and rules allow this time
    free: tuple[int, ...]  # of those, the ones not booked then, least booked first


def slot_check(
    availabilities: Iterable[Availability], start: datetime, *, now: datetime, for_staff: bool
) -> SlotCheck:
    """Can `start` be booked, and with whom? The same rules as the slot list, for one time."""
    day = start.astimezone(PACIFIC).date()
    offered: list[Availability] = []
    for avail in availabilities:
        earliest, horizon_end = bookable_span(avail, now, for_staff=for_staff)
        if start < earliest or day > horizon_end:
            continue
        if start in set(day_starts(avail, day)):
            offered.append(avail)
    free = sorted(
        (a for a in offered if not a.is_busy(start)),
        key=lambda a: (a.upcoming_count, a.coordinator_id),
    )
    return SlotCheck(
        offered=tuple(a.coordinator_id for a in offered),
        free=tuple(a.coordinator_id for a in free),
    )
