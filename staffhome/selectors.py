"""The Today page's reads. A fixed number of queries whatever the data size: one aggregate
per table, one list of today's calls, one list of cohorts, one read for the median."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q

from clients.models import Lead
from clients.selectors import Attention
from cohorts.models import Cohort
from consultations.models import Consultation
from consultations.selectors import consultations_for_day
from enrollment.couples import OddSeat, odd_seats_waiting
from enrollment.models import Enrollment
from enrollment.selectors import couples_awaiting_decision, couples_awaiting_partner
from groups_site.timezones import PACIFIC
from notifications.models import Notification
from notifications.querysets import STUCK_AFTER

FILL_DAYS = 60
UNDER_MINIMUM_DAYS = 30
OFFER_ENDING_HOURS = 24


@dataclass(frozen=True)
class CohortFill:
    cohort: Cohort
    enrolled: int
    held: int
    waiting: int

    @property
    def capacity(self) -> int:
        return self.cohort.capacity

    @property
    def minimum(self) -> int:
        return self.cohort.min_to_run

    @property
    def under_minimum(self) -> bool:
        return self.held < self.minimum

    # Widths for the inline SVG bar, in percent of its track.
    @property
    def enrolled_pct(self) -> float:
        return round(100 * min(self.enrolled, self.capacity) / max(self.capacity, 1), 1)

    @property
    def held_pct(self) -> float:
        return round(100 * min(self.held, self.capacity) / max(self.capacity, 1), 1)

    @property
    def minimum_pct(self) -> float:
        return round(100 * min(self.minimum, self.capacity) / max(self.capacity, 1), 1)


@dataclass(frozen=True)
class Today:
    now: datetime
    today: date
    urgent: int
    new: int
    overdue: int
    follow_ups: int
    calls: list[Consultation]
    offers_ending: int
    placements_awaiting: int
    fills: list[CohortFill]
    under_minimum: list[CohortFill]
    free_seat_and_waitlist: list[CohortFill]
    emails_failed: int
    emails_stuck: int
    # Couples groups: cohorts whose odd free seat waits for its pair, and partners whose
    # own confirmation the couple's hold waits for (with the deadline).
    odd_seats: list[OddSeat] = field(default_factory=list)
    awaiting_partner: list[Enrollment] = field(default_factory=list)
    awaiting_decision: list[Enrollment] = field(default_factory=list)
    median_hours: dict[str, float | None] = field(default_factory=dict)


def _month_start(day: date) -> datetime:
    return datetime.combine(day.replace(day=1), time.min, tzinfo=PACIFIC)


def _median_first_contact(today: date) -> dict[str, float | None]:
    """Median hours from a lead's arrival to its first contact, for leads first contacted
    this month and last month (Pacific months). One query for both."""
    this_month = _month_start(today)
    last_month = _month_start(this_month.date() - timedelta(days=1))
    rows = Lead.objects.filter(first_contacted_at__gte=last_month).values_list(
        "created_at", "first_contacted_at"
    )
    hours: dict[str, list[float]] = {"this_month": [], "last_month": []}
    for created, contacted in rows:
        if contacted is None:  # the filter leaves none; the column itself is nullable
            continue
        which = "this_month" if contacted >= this_month else "last_month"
        hours[which].append(max((contacted - created).total_seconds(), 0) / 3600)
    return {k: round(statistics.median(v), 1) if v else None for k, v in hours.items()}


def _fills(today: date) -> tuple[list[CohortFill], list[CohortFill]]:
    """Cohorts starting within FILL_DAYS, and published ones with a free seat and someone
    waiting (whenever they start): both from one query."""
    seat = Q(enrollments__holds_seat=True)
    cohorts = (
        Cohort.objects.filter(status=Cohort.Status.PUBLISHED)
        .select_related("group")
        .annotate(
            held=Count("enrollments", filter=seat),
            enrolled=Count("enrollments", filter=Q(enrollments__status="enrolled")),
            waiting=Count("enrollments", filter=Q(enrollments__status="waitlisted")),
        )
        .filter(
            Q(first_session_date__gte=today, first_session_date__lte=today + timedelta(FILL_DAYS))
            | Q(waiting__gt=0)
        )
        .order_by("first_session_date", "pk")
    )
    soon, free = [], []
    for cohort in cohorts:
        fill = CohortFill(cohort, cohort.enrolled, cohort.held, cohort.waiting)
        if today <= cohort.first_session_date <= today + timedelta(FILL_DAYS):
            soon.append(fill)
        if fill.waiting and fill.held < cohort.capacity:
            free.append(fill)
    return soon, free


def today_load(*, now: datetime) -> Today:
    attention = Attention.at(now)  # one query: the closed days
    leads = Lead.objects.aggregate(
        urgent=Count("pk", filter=attention.urgent),
        new=Count("pk", filter=attention.new),
        overdue=Count("pk", filter=attention.overdue),
        follow_ups=Count("pk", filter=attention.follow_ups_due),
    )
    calls = list(
        consultations_for_day(attention.today)
        .filter(status=Consultation.Status.BOOKED)
        .select_related("client", "coordinator")
        .order_by("starts_at")
    )
    places = Enrollment.objects.aggregate(
        offers_ending=Count(
            "pk",
            filter=Q(
                status=Enrollment.Status.OFFERED,
                # The same window as the waitlist's "ending within 24 hours" filter.
                offer_expires_at__gt=now,
                offer_expires_at__lte=now + timedelta(hours=OFFER_ENDING_HOURS),
            ),
        ),
        placements_awaiting=Count("pk", filter=Q(status=Enrollment.Status.PLACED)),
    )
    emails = Notification.objects.aggregate(
        failed=Count("pk", filter=Q(status=Notification.Status.FAILED)),
        stuck=Count(
            "pk",
            filter=Q(status=Notification.Status.SENDING, claimed_at__lte=now - STUCK_AFTER),
        ),
    )
    soon, free = _fills(attention.today)
    horizon = attention.today + timedelta(days=UNDER_MINIMUM_DAYS)
    return Today(
        now=now,
        today=attention.today,
        urgent=leads["urgent"],
        new=leads["new"],
        overdue=leads["overdue"],
        follow_ups=leads["follow_ups"],
        calls=calls,
        offers_ending=places["offers_ending"],
        placements_awaiting=places["placements_awaiting"],
        fills=soon,
        under_minimum=[
            f for f in soon if f.under_minimum and f.cohort.first_session_date <= horizon
        ],
        free_seat_and_waitlist=free,
        emails_failed=emails["failed"],
        emails_stuck=emails["stuck"],
        # Only cohorts still taking sign-ups: a seat nobody can be offered any more is no
        # task for today.
        odd_seats=odd_seats_waiting(Cohort.objects.published().with_schedule(now).enrolling(now)),
        awaiting_partner=couples_awaiting_partner(),
        awaiting_decision=couples_awaiting_decision(),
        median_hours=_median_first_contact(attention.today),
    )
