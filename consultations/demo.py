"""Demo availability, a few booked calls and intake requests, for `manage.py seed_demo`.

Idempotent: running it again finds what it made and adds nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from clients.models import Client, Lead
from clients.services import lead_intake_create
from groups_site.timezones import pacific_today
from security.roles import COORDINATOR

from .models import AvailabilityException, Consultation, Coordinator, WorkingHours
from .selectors import slot_days
from .services import ConsultationError, consultation_book

COORDINATOR_USERNAME = "coordinator"

WEEKLY_HOURS = {
    # Monday to Friday, with a lunch break; Tuesday and Thursday evenings for people who work.
    0: [(time(9), time(12)), (time(13), time(17))],
    1: [(time(9), time(12)), (time(13), time(17)), (time(18), time(20))],
    2: [(time(9), time(12)), (time(13), time(17))],
    3: [(time(9), time(12)), (time(13), time(17)), (time(18), time(20))],
    4: [(time(9), time(12)), (time(13), time(15))],
}

DEMO_CALLERS = [
    ("Jordan", "Reyes", "jordan.reyes@example.com", "951-555-0181", Lead.Interest.COUPLES),
    ("Priya", "Nair", "priya.nair@example.com", "951-555-0117", Lead.Interest.GROUP),
    ("Marcus", "Bell", "marcus.bell@example.com", "909-555-0164", Lead.Interest.NOT_SURE),
]

DEMO_REQUESTS = [
    {
        "first_name": "Alex",
        "last_name": "Kim",
        "email": "alex.kim@example.com",
        "phone": "951-555-0133",
        "preferred_contact": "phone",
        "state": "CA",
        "city": "Temecula",
        "interest": Lead.Interest.GROUP,
        "preferred_times": "Weekday evenings",
        "heard_about": "A friend or family member",
        "message": "Interested in the evening group if there is room.",
    },
    {
        "first_name": "Sam",
        "last_name": "Ortega",
        "email": "sam.ortega@example.com",
        "phone": "951-555-0190",
        "preferred_contact": "text",
        "state": "CA",
        "city": "Riverside",
        "interest": Lead.Interest.INDIVIDUAL,
        "is_urgent": True,
    },
    {
        "first_name": "Robin",
        "last_name": "Hale",
        "email": "robin.hale@example.com",
        "preferred_contact": "email",
        "state": "NV",
        "city": "Las Vegas",
        "interest": Lead.Interest.COUPLES,
    },
]


def _coordinator_user():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=COORDINATOR_USERNAME,
        defaults={"first_name": "Dana", "email": "intake@example.org", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save()
        group = Group.objects.filter(name=COORDINATOR).first()
        if group is not None:
            user.groups.add(group)
    return user


def seed(*, now: datetime | None = None) -> list[str]:
    """Returns one line per thing made, for seed_demo to print."""
    now = now or timezone.now()
    made: list[str] = []
    user = _coordinator_user()
    with transaction.atomic():
        coordinator, created = Coordinator.objects.get_or_create(
            user=user,
            defaults={
                "display_name": user.first_name or "Dana",
                "buffer_minutes": 5,
                "min_notice_hours": 4,
                "horizon_days": 21,
            },
        )
        if created:
            made.append(f"intake coordinator availability for {coordinator.display_name}")
        if not coordinator.working_hours.exists():
            WorkingHours.objects.bulk_create(
                WorkingHours(coordinator=coordinator, weekday=day, start_time=a, end_time=b)
                for day, ranges in WEEKLY_HOURS.items()
                for a, b in ranges
            )
        if not coordinator.exceptions.exists():
            today = pacific_today(now)
            next_friday = today + timedelta(days=(4 - today.weekday()) % 7 + 7)
            AvailabilityException.objects.create(
                coordinator=coordinator,
                kind=AvailabilityException.Kind.TIME_OFF,
                date=next_friday,
                note="Training day",
            )
            saturday = next_friday + timedelta(days=1)
            AvailabilityException.objects.create(
                coordinator=coordinator,
                kind=AvailabilityException.Kind.EXTRA,
                date=saturday,
                start_time=time(9),
                end_time=time(12),
                note="Saturday morning calls",
            )

    if not Consultation.objects.exists():
        # Booked as the coordinator would for callers: the first free times from now on.
        days = slot_days(now=now, for_staff=True)
        starts = [slot.start for day in days for slot in day.slots][:12:4]
        for (first, last, email, phone, interest), start in zip(DEMO_CALLERS, starts, strict=False):
            try:
                consultation_book(
                    starts_at=start,
                    first_name=first,
                    last_name=last,
                    email=email,
                    phone=phone,
                    interest=interest,
                    source=Lead.Source.PHONE,
                    actor=user,
                    now=now,
                )
            except ConsultationError:
                continue
            made.append(f"consultation for {first}")

    for request in DEMO_REQUESTS:
        if Client.objects.with_email(request["email"]).exists():
            continue
        lead_intake_create(**request, now=now)
        made.append(f"intake request from {request['first_name']}")
    return made
