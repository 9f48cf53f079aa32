"""Reads for couples groups: is a cohort one, who a partner is, what the waitlist can offer,
and how places are worded. Seats stay the unit in the database (the capacity trigger counts
rows); what people read speaks in couples."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cohorts.models import Cohort, TherapyGroup
from cohorts.places import places_left

from .models import LIVE, OFFERABLE, WAITLIST_ORDER, Couple, Enrollment

COUPLES = TherapyGroup.Focus.COUPLES


def is_couples_cohort(cohort: Cohort) -> bool:
    """The caller has read the cohort with its group."""
    return cohort.group.focus == COUPLES


def partners_of(enrollment: Enrollment) -> QuerySet[Enrollment]:
    """The other partner's live place (empty outside a couple). Staff only: nothing from this
    row is ever shown or sent to the partner who asks."""
    if enrollment.couple_id is None:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.filter(couple_id=enrollment.couple_id, status__in=LIVE)
        .exclude(pk=enrollment.pk)
        .select_related("client")
    )


def offerable_couples(
    cohort: Cohort, *, skip_couple_id: int | None = None
) -> list[list[Enrollment]]:
    """The couples a freed pair of seats can go to, in waitlist order: both partners
    offerable (waitlisted, not urgent, their own answers given). A couple's place in line is
    its first partner's. Rows are locked (the caller holds the cohort lock)."""
    rows = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("client")
        .filter(OFFERABLE, cohort=cohort, couple__isnull=False)
        .exclude(couple_id=skip_couple_id)
        .order_by(*WAITLIST_ORDER)
    )
    live = dict(
        Couple.objects.filter(cohort=cohort)
        .annotate(live=Count("partners", filter=Q(partners__status__in=LIVE)))
        .values_list("pk", "live")
    )
    by_couple: dict[int, list[Enrollment]] = {}
    for row in rows:
        by_couple.setdefault(row.couple_id, []).append(row)
    return [pair for pk, pair in by_couple.items() if len(pair) == 2 and live.get(pk) == 2]


@dataclass(frozen=True)
class OddSeat:
    """A couples cohort with one free seat that waits for its pair (never offered alone)."""

    cohort: Cohort
    free_seats: int


def odd_seats_waiting(cohorts: QuerySet[Cohort] | None = None) -> list[OddSeat]:
    """Published couples cohorts with an odd number of free seats, for Today: the single
    seat waits for its pair (a second freed seat, or the coordinator raising capacity)."""
    cohorts = cohorts if cohorts is not None else Cohort.objects.all()
    rows = (
        cohorts.filter(status=Cohort.Status.PUBLISHED, group__focus=COUPLES)
        .select_related("group")
        .annotate(taken=Count("enrollments", filter=Q(enrollments__holds_seat=True)))
        .order_by("first_session_date", "pk")
    )
    return [
        OddSeat(cohort=c, free_seats=c.capacity - c.taken)
        for c in rows
        if c.capacity > c.taken and (c.capacity - c.taken) % 2 == 1
    ]


def places_left_text(cohort: Cohort, taken: int) -> str:
    """'2 couples' places left' in a couples group, '3 seats left' elsewhere."""
    left = places_left(cohort, taken=taken)
    if is_couples_cohort(cohort):
        return "1 couple's place left" if left == 1 else f"{left} couples' places left"
    return "1 seat left" if left == 1 else f"{left} seats left"


def capacity_text(cohort: Cohort) -> str:
    """'up to 6 couples' in a couples group, 'up to 8 people' elsewhere."""
    if is_couples_cohort(cohort):
        return f"up to {cohort.capacity // 2} couples"
    return f"up to {cohort.capacity} people"
