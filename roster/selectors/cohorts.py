"""The "My cohorts" page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Count, OuterRef, Q, Subquery

from cohorts.models import Cohort, Session
from enrollment.models import EnrollmentStatus

from ..access import visible_cohorts
from .common import PENDING

# Finished cohorts stay on the list a little while, for late corrections.
RECENTLY_ENDED = timedelta(days=14)


@dataclass(frozen=True)
class MyCohorts:
    running: list[Cohort]
    upcoming: list[Cohort]
    ended: list[Cohort]

    @property
    def empty(self) -> bool:
        return not (self.running or self.upcoming or self.ended)


def my_cohorts(*, user: User, now: datetime) -> MyCohorts:
    """The user's published cohorts that are running, coming up or ended in the last two
    weeks; one query however many there are (schedule and seats come from subqueries and
    one aggregate over enrollment rows)."""
    held = Session.objects.filter(cohort=OuterRef("pk"), status=Session.Status.SCHEDULED)
    upcoming = held.filter(ends_at__gt=now).order_by("starts_at")
    # The latest session attendance can be taken for: started, or starting within a day.
    markable = held.filter(starts_at__lte=now + timedelta(hours=24)).order_by("-starts_at")
    cohorts = (
        visible_cohorts(user)
        .filter(status=Cohort.Status.PUBLISHED)
        .select_related("group", "group__office", "lead_therapist", "co_therapist")
        .annotate(
            first_start=Subquery(held.order_by("starts_at").values("starts_at")[:1]),
            last_end=Subquery(held.order_by("-ends_at").values("ends_at")[:1]),
            next_start=Subquery(upcoming.values("starts_at")[:1]),
            next_end=Subquery(upcoming.values("ends_at")[:1]),
            markable_id=Subquery(markable.values("pk")[:1]),
            markable_start=Subquery(markable.values("starts_at")[:1]),
            seats_taken=Count("enrollments", filter=Q(enrollments__holds_seat=True)),
            enrolled_count=Count(
                "enrollments", filter=Q(enrollments__status=EnrollmentStatus.ENROLLED)
            ),
            pending_count=Count("enrollments", filter=Q(enrollments__status__in=PENDING)),
        )
        .filter(last_end__gte=now - RECENTLY_ENDED)
        .order_by("first_start", "pk")
    )
    running, coming, ended = [], [], []
    for cohort in cohorts:
        if cohort.next_start is None:
            ended.append(cohort)
        elif cohort.first_start <= now:
            running.append(cohort)
        else:
            coming.append(cohort)
    running.sort(key=lambda c: c.next_start)
    ended.sort(key=lambda c: c.last_end, reverse=True)
    return MyCohorts(running=running, upcoming=coming, ended=ended)
