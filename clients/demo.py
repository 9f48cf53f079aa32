"""Demo rows for `manage.py seed_demo`: a believable morning for the coordinator.

Runs after the other apps' demo data. Adds leads in every state Today counts (an overdue new
request, a missed and a due follow-up, earlier first contacts for the median), calls later
today, a cohort below its minimum and a free seat with someone waiting. Dates are relative
to now, so the demo looks right any day. Idempotent: people are matched on email, the extra
cohort on its group and time. Written through the services where they fit; back-dated
arrival times are demo-only writes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups_site.timezones import PACIFIC, pacific_today

from .models import Client, Lead
from .services import client_call_log, lead_intake_create, lead_move

COORDINATOR = "coordinator"

# (first, last, email, interest, days ago it arrived, what has happened since)
LEADS = [
    ("Teresa", "Gomez", "teresa.gomez@example.com", "group", 4, "new"),
    ("Hana", "Sato", "hana.sato@example.com", "couples", 9, "follow_up_missed"),
    ("Luis", "Medina", "luis.medina@example.com", "group", 6, "follow_up_today"),
    ("Brooke", "Adams", "brooke.adams@example.com", "individual", 20, "contacted_earlier"),
    ("Omar", "Haddad", "omar.haddad@example.com", "not_sure", 40, "contacted_last_month"),
]


def _at(now: datetime, days_ago: int, hour: int) -> datetime:
    day = pacific_today(now) - timedelta(days=days_ago)
    return datetime.combine(day, time(hour), tzinfo=PACIFIC)


def _leads(now: datetime, user) -> list[str]:
    made = []
    today = pacific_today(now)
    for first, last, email, interest, days, story in LEADS:
        if Client.objects.with_email(email).exists():
            continue
        arrived = _at(now, days, 10)
        lead = lead_intake_create(
            first_name=first,
            last_name=last,
            email=email,
            phone="951-555-01" + str(40 + len(made)),
            preferred_contact="phone",
            state="CA",
            city="Riverside",
            interest=interest,
            now=arrived,
        )
        Lead.objects.filter(pk=lead.pk).update(created_at=arrived)
        if story != "new":
            called = arrived + timedelta(hours=3 + 2 * len(made))
            follow_up = {
                "follow_up_missed": today - timedelta(days=2),
                "follow_up_today": today,
            }.get(story)
            client_call_log(
                client_id=lead.client_id,
                note=f"Spoke with {first}; talked through the options (demo).",
                follow_up_on=follow_up,
                actor=user,
                now=called,
            )
            if story == "contacted_last_month":
                lead_move(lead_id=lead.pk, to_status=Lead.Status.NO_RESPONSE, actor=user, now=now)
        made.append(f"lead from {first} ({story.replace('_', ' ')})")
    return made


def _calls_today(now: datetime) -> list[str]:
    """Two calls on today's date (morning and afternoon), written directly: the booking
    rules (working hours, notice) would refuse a weekend or an evening demo."""
    from consultations.models import DURATION, Consultation, Coordinator

    coordinator = Coordinator.objects.filter(user__username=COORDINATOR).first()
    today = pacific_today(now)
    if coordinator is None or Consultation.objects.on_pacific_day(today).exists():
        return []
    made = []
    for hour, email in ((11, "hana.sato@example.com"), (15, "luis.medina@example.com")):
        client = Client.objects.with_email(email).first()
        if client is None:
            continue
        starts = datetime.combine(today, time(hour), tzinfo=PACIFIC)
        try:
            with transaction.atomic():
                Consultation.objects.create(
                    client=client,
                    lead=client.leads.order_by("-created_at").first(),
                    coordinator=coordinator,
                    starts_at=starts,
                    ends_at=starts + DURATION,
                    blocked_until=starts + DURATION + coordinator.buffer,
                    status_changed_at=now,
                )
        except IntegrityError:
            continue  # that time is already taken by another demo call
        made.append(f"call today at {hour}:00 with {client.first_name}")
    return made


def _cohorts(now: datetime, user) -> list[str]:
    """A couples cohort three weeks out below its minimum, and a waitlisted person beside the
    women's group's one free seat (an offer should go out)."""
    from cohorts.models import Cohort, TherapyGroup
    from cohorts.services import cohort_generate_sessions
    from enrollment.demo_seats import seat

    made = []
    today = pacific_today(now)
    couples = TherapyGroup.objects.filter(slug="couples-skills").first()
    if (
        couples is not None
        and not Cohort.objects.filter(group=couples, start_time=time(18, 30)).exists()
    ):
        first = today + timedelta(days=21)
        cohort = Cohort.objects.create(
            group=couples,
            lead_therapist=couples.cohorts.first().lead_therapist,
            first_session_date=first,
            weekday=first.weekday(),
            start_time=time(18, 30),
            session_count=6,
            capacity=10,
            min_to_run=4,
            status=Cohort.Status.PUBLISHED,
        )
        cohort_generate_sessions(cohort=cohort, now=now)
        # Dee and Sam are a couple, placed together after their call.
        partners = [
            Client.objects.get_or_create(
                email=f"demo-couples-evening-{i + 1}@example.org",
                defaults={"first_name": name, "last_name": "Rivera", "state": "CA"},
            )[0]
            for i, name in enumerate(("Dee", "Sam"))
        ]
        seat(cohort, partners, actor=user, now=now)
        made.append("a couples cohort in three weeks, below its minimum")
    womens = (
        Cohort.objects.filter(group__slug="womens-group", first_session_date__gt=today)
        .order_by("first_session_date")
        .first()
    )
    if womens is not None:
        client, _ = Client.objects.get_or_create(
            email="demo-womens-waiting@example.org",
            defaults={"first_name": "Grace", "last_name": "Lin", "state": "CA"},
        )
        # Placed on the waitlist while the group was full; a seat has come free since.
        if seat(womens, [client], actor=user, now=now, waitlist=True):
            made.append("someone waiting beside the women's group's free seat")
    return made


def seed(*, now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    user = get_user_model().objects.filter(username=COORDINATOR).first()
    if user is None:
        return []
    # Each service call is its own transaction (some are durable), so no outer one here.
    made = _leads(now, user)
    made += _calls_today(now)
    made += _cohorts(now, user)
    return [f"Coordinator's morning: {line}" for line in made]
