"""Page-shaped reads for consultations, each in a fixed, small number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from django.db.models import Q

from groups_site.timezones import PACIFIC, pacific_today

from .models import AvailabilityException, Consultation, Coordinator
from .slots import Availability, Day, SlotWeek, TimeRange, slot_week, slots_compute

# Exceptions are loaded this far ahead whatever the horizon, so a coordinator known only
# through extra hours (no weekly hours) is still found in the same query.
_EXCEPTION_LOOKAHEAD = timedelta(days=400)


# Coordinator columns read with each of their weekly hours rows (plain tuples: building
# model instances cost more than the queries themselves).
_COORDINATOR_COLUMNS = (
    "pk",
    "display_name",
    "buffer_minutes",
    "min_notice_hours",
    "no_same_day",
    "horizon_days",
)


def _availability_from(row: tuple) -> Availability:
    coordinator_id, name, buffer_minutes, notice_hours, no_same_day, horizon_days = row[:6]
    return Availability(
        coordinator_id=coordinator_id,
        name=name,
        buffer=timedelta(minutes=buffer_minutes),
        min_notice=timedelta(hours=notice_hours),
        no_same_day=no_same_day,
        horizon_days=horizon_days,
    )


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
    # Unordered (order_by()): the rows are sorted where it matters (merged hours, bookings),
    # and the models' default orders cost a join and a sort each. Exceptions and bookings
    # are asked for by coordinator id, without a join: the first query has the ids.
    coordinators = Coordinator.objects.filter(is_active=True).order_by()
    if coordinator_ids is not None:
        coordinators = coordinators.filter(pk__in=list(coordinator_ids))
    by_id: dict[int, Availability] = {}
    offering: set[int] = set()
    for row in coordinators.values_list(
        *_COORDINATOR_COLUMNS,
        "working_hours__weekday",
        "working_hours__start_time",
        "working_hours__end_time",
    ):
        avail = by_id.get(row[0]) or by_id.setdefault(row[0], _availability_from(row))
        weekday, start, end = row[6:]
        if weekday is not None:
            avail.weekly.setdefault(weekday, []).append((start, end))
            offering.add(row[0])
    if not by_id:
        return []
    exceptions = AvailabilityException.objects.filter(
        Q(until__gte=today) | Q(until__isnull=True, date__gte=today),
        coordinator_id__in=list(by_id),
        date__lte=today + _EXCEPTION_LOOKAHEAD,
    ).order_by()
    for coordinator_id, kind, first, until, start, end in exceptions.values_list(
        "coordinator_id", "kind", "date", "until", "start_time", "end_time"
    ):
        avail = by_id[coordinator_id]
        offering.add(coordinator_id)
        # Both times or neither, and extra hours always have them (the model's constraints).
        times = cast(TimeRange, (start, end))
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
    bookings = Consultation.objects.filter(
        coordinator_id__in=list(by_id),
        status__in=Consultation.LIVE,
        blocked_until__gt=now - timedelta(days=1),
        starts_at__lt=window_end,
    ).order_by()
    if exclude_consultation_id is not None:
        bookings = bookings.exclude(pk=exclude_consultation_id)
    for coordinator_id, starts_at, blocked_until in bookings.values_list(
        "coordinator_id", "starts_at", "blocked_until"
    ):
        avail = by_id[coordinator_id]
        avail.busy.append((starts_at.astimezone(UTC), blocked_until.astimezone(UTC)))
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
