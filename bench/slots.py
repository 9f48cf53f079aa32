"""`slots`: time and queries to compute 21 days of free slots for 3 coordinators.

The coordinators have split weekday hours, two evenings, a Saturday of extra hours, time off
and about 60 calls already booked, on PostgreSQL. Timed is what the booking page runs: the
selector's queries and the slot computation. Targets: at most 20 ms and 4 queries.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from bench._server import median, setup_django
from groups_site.timezones import pacific_today

RUNS = 20
COORDINATORS = 3


def prepare() -> None:
    """Set up Django on a fresh bench database, even after another bench used it."""
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()
    setup_django()


def populate(*, now: datetime, coordinators: int = COORDINATORS, bookings: int = 20) -> list:
    from datetime import time as clock

    from django.contrib.auth import get_user_model

    from clients.models import Client
    from consultations.models import (
        DURATION,
        AvailabilityException,
        Consultation,
        Coordinator,
        WorkingHours,
    )

    made = []
    today = pacific_today(now)
    for i in range(coordinators):
        user = get_user_model().objects.create(username=f"coordinator{i}", is_staff=True)
        coordinator = Coordinator.objects.create(
            user=user,
            display_name=f"Coordinator {i}",
            buffer_minutes=5,
            min_notice_hours=4,
            horizon_days=21,
        )
        hours = []
        for day in range(5):
            hours += [(day, clock(9), clock(12)), (day, clock(13), clock(17))]
        hours += [(1, clock(18), clock(20)), (3, clock(18), clock(20))]
        WorkingHours.objects.bulk_create(
            WorkingHours(coordinator=coordinator, weekday=d, start_time=a, end_time=b)
            for d, a, b in hours
        )
        AvailabilityException.objects.create(
            coordinator=coordinator, date=today + timedelta(days=7 + i), note="Time off"
        )
        AvailabilityException.objects.create(
            coordinator=coordinator,
            kind=AvailabilityException.Kind.EXTRA,
            date=today + timedelta(days=(5 - today.weekday()) % 7 + 7),
            start_time=clock(9),
            end_time=clock(12),
        )
        made.append(coordinator)

    from consultations.selectors import slot_days

    offered = [slot for day in slot_days(now=now) for slot in day.slots]
    for n, slot in enumerate(offered[:: max(1, len(offered) // (bookings * coordinators))]):
        client = Client.objects.create(email=f"caller{n}@bench.example", first_name="Caller")
        coordinator = made[n % coordinators]
        Consultation.objects.create(
            client=client,
            coordinator=coordinator,
            starts_at=slot.start,
            ends_at=slot.start + DURATION,
            blocked_until=slot.start + DURATION + coordinator.buffer,
        )
    return made


def run() -> list[str]:
    prepare()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from consultations.selectors import slot_days

    now = timezone.now()
    populate(now=now)
    for _ in range(3):  # warm caches: content types, code paths
        slot_days(now=now)
    timings, queries, days = [], 0, []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            days = slot_days(now=now)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    offered = sum(len(day.slots) for day in days)
    return [
        f"slots: 21 days x {COORDINATORS} coordinators in {median(timings):.1f} ms "
        f"(median of {RUNS}), {queries} queries ({offered} free times on {len(days)} days; "
        "targets <= 20 ms, <= 4 queries)"
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
