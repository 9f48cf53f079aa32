"""Page-shaped reads for consultations, each in a fixed, small number of queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from django.db import connection
from django.db.models.query import RawQuerySet

from groups_site.timezones import PACIFIC, pacific_today

from .models import AvailabilityException, Consultation, Coordinator, WorkingHours
from .slots import Availability, Day, SlotWeek, TimeRange, slot_week, slots_compute

# Exceptions are loaded this far ahead whatever the horizon, so a coordinator known only
# through extra hours (no weekly hours) is still found in the same query.
_EXCEPTION_LOOKAHEAD = timedelta(days=400)


# The three reads below are plain SQL through `raw()`: Django took four times longer to
# build and compile each as an ORM query than the database took to run it, and the picker,
# the booking check and the staff pages all start here. raw() still converts each model
# column as the ORM would (SQLite's dates and times included); only the datetimes passed
# in are adapted by hand (`_at`), as the ORM adapts a lookup's value.
def _at(value: datetime):
    return connection.ops.adapt_datetimefield_value(value)


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _availability_from(c: Coordinator) -> Availability:
    return Availability(
        coordinator_id=c.pk,
        name=c.display_name,
        buffer=timedelta(minutes=c.buffer_minutes),
        min_notice=timedelta(hours=c.min_notice_hours),
        no_same_day=c.no_same_day,
        horizon_days=c.horizon_days,
    )


def _coordinators_with_hours(coordinator_ids: list[int] | None) -> RawQuerySet:
    """The active coordinators (of `coordinator_ids`, when given), each once per weekly
    hours range, or once with empty `weekday`/`start`/`end` without any."""
    hours = WorkingHours._meta.db_table
    sql = (
        "SELECT c.id, c.display_name, c.buffer_minutes, c.min_notice_hours, c.no_same_day, "  # noqa: S608 (names from the models)
        "c.horizon_days, h.weekday, h.start_time AS start, h.end_time AS end_ "
        f"FROM {Coordinator._meta.db_table} c LEFT JOIN {hours} h ON h.coordinator_id = c.id "
        "WHERE c.is_active = %s"
    )
    params: list = [True]
    if coordinator_ids is not None:
        sql += f" AND c.id IN ({_marks(coordinator_ids)})"
        params += coordinator_ids
    return Coordinator.objects.raw(sql, params)  # noqa: S611 (names from the models)


def availability_load(
    *,
    now: datetime,
    coordinator_ids: Iterable[int] | None = None,
    exclude_consultation_id: int | None = None,
) -> list[Availability]:
    """Hours, exceptions and live bookings of the active coordinators: three queries.

    The coordinators come with their weekly hours (one row per range, or one empty row);
    one with neither hours nor exceptions, who could offer nothing, is left out.
    """
    today = pacific_today(now)
    # Unordered: the rows are sorted where it matters (merged hours, bookings). Exceptions
    # and bookings are asked for by coordinator id, without a join: the first query has
    # the ids.
    ids = list(coordinator_ids) if coordinator_ids is not None else None
    if ids == []:
        return []
    by_id: dict[int, Availability] = {}
    offering: set[int] = set()
    for row in _coordinators_with_hours(ids):
        avail = by_id.get(row.pk) or by_id.setdefault(row.pk, _availability_from(row))
        if row.weekday is not None:
            avail.weekly.setdefault(row.weekday, []).append((row.start, row.end_))
            offering.add(row.pk)
    if not by_id:
        return []
    keys = list(by_id)
    exceptions = AvailabilityException.objects.raw(
        "SELECT id, coordinator_id, kind, date, until, start_time, end_time "  # noqa: S608 (names from the models)
        f"FROM {AvailabilityException._meta.db_table} "
        "WHERE (until >= %s OR (until IS NULL AND date >= %s)) "
        f"AND coordinator_id IN ({_marks(keys)}) AND date <= %s",
        [today, today, *keys, today + _EXCEPTION_LOOKAHEAD],
    )
    for exception in exceptions:
        avail = by_id[exception.coordinator_id]
        offering.add(exception.coordinator_id)
        kind, first, until = exception.kind, exception.date, exception.until
        start = exception.start_time
        # Both times or neither, and extra hours always have them (the model's constraints).
        times = cast(TimeRange, (start, exception.end_time))
        day, last = max(first, today), min(until or first, today + timedelta(avail.horizon_days))
        while day <= last:
            if kind == AvailabilityException.Kind.EXTRA:
                avail.extra.setdefault(day, []).append(times)
            elif start is None:
                avail.off_days.add(day)
            else:
                avail.off_ranges.setdefault(day, []).append(times)
            day += timedelta(days=1)
    by_id = {pk: avail for pk, avail in by_id.items() if pk in offering}
    if not by_id:
        return []

    horizon = max(a.horizon_days for a in by_id.values())
    window_end = datetime.combine(today + timedelta(days=horizon + 1), time.min, tzinfo=PACIFIC)
    keys = list(by_id)
    sql = (
        "SELECT id, coordinator_id, starts_at, blocked_until "  # noqa: S608 (names from the models)
        f"FROM {Consultation._meta.db_table} "
        f"WHERE coordinator_id IN ({_marks(keys)}) AND status IN ({_marks(Consultation.LIVE)}) "
        "AND blocked_until > %s AND starts_at < %s"
    )
    params = [*keys, *Consultation.LIVE, _at(now - timedelta(days=1)), _at(window_end)]
    if exclude_consultation_id is not None:
        sql += " AND id <> %s"
        params.append(exclude_consultation_id)
    for booking in Consultation.objects.raw(sql, params):
        avail = by_id[booking.coordinator_id]
        starts_at = booking.starts_at
        avail.busy.append((starts_at.astimezone(UTC), booking.blocked_until.astimezone(UTC)))
        if starts_at >= now:
            avail.upcoming_count += 1
    availabilities = sorted(by_id.values(), key=lambda a: a.coordinator_id)
    for avail in availabilities:
        avail.__post_init__()  # re-sorts the bookings just added
    return availabilities


def slot_days(
    *,
    now: datetime,
    first_day: date | None = None,
    last_day: date | None = None,
    for_staff: bool = False,
    exclude_consultation_id: int | None = None,
) -> list[Day]:
    """Days with free slots for the picker (the union of all coordinators)."""
    return slots_compute(
        availability_load(now=now, exclude_consultation_id=exclude_consultation_id),
        now=now,
        first_day=first_day,
        last_day=last_day,
        for_staff=for_staff,
    )


def picker_week(
    *, now: datetime, start: date | None = None, exclude_consultation_id: int | None = None
) -> SlotWeek:
    """The public picker's screen: the first open day on or after `start` and its week."""
    return slot_week(
        availability_load(now=now, exclude_consultation_id=exclude_consultation_id),
        now=now,
        start=start,
    )


def consultation_current(consultation_id: int) -> Consultation | None:
    """Follow reschedules to the consultation that stands now (an old link shows the new time)."""
    consultation = (
        Consultation.objects.select_related("client", "coordinator", "lead")
        .filter(pk=consultation_id)
        .first()
    )
    hops = 0
    while consultation is not None and consultation.rescheduled_to_id and hops < 50:
        consultation = Consultation.objects.select_related("client", "coordinator", "lead").get(
            pk=consultation.rescheduled_to_id
        )
        hops += 1
    return consultation


def consultation_root(consultation: Consultation) -> tuple[int, int]:
    """The first booking of a chain of reschedules, and how many moves led here: one
    calendar event (UID) across moves, with a growing SEQUENCE."""
    root, moves = consultation, 0
    while moves < 50:
        previous = Consultation.objects.filter(rescheduled_to=root).only("pk").first()
        if previous is None:
            break
        root, moves = previous, moves + 1
    return root.pk, moves


def consultations_for_day(day: date):
    """The coordinator's day view: every call that day, with what the call needs."""
    return (
        Consultation.objects.on_pacific_day(day)
        .exclude(status=Consultation.Status.RESCHEDULED)
        .select_related("client", "coordinator", "lead", "lead__interested_group")
        .order_by("starts_at", "coordinator__display_name")
    )


def upcoming_for_email(email: str, *, now: datetime) -> Consultation | None:
    """The next booked call of whoever uses this email (matched like clients are)."""
    return (
        Consultation.objects.upcoming(now)
        .filter(client__email__iexact=email.strip())
        .select_related("client")
        .order_by("starts_at")
        .first()
    )
