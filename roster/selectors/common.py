"""What every therapist page shares: which seat holders are shown, in which order, and who
is expected at a session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db.models import Q, QuerySet

from cohorts.models import Session
from enrollment.models import Enrollment, EnrollmentStatus

PENDING = (EnrollmentStatus.REQUESTED, EnrollmentStatus.SCREENING)

# What a member's place looks like to a therapist.
STATE_LABELS: dict[str, str] = {
    EnrollmentStatus.ENROLLED: "Enrolled",
    EnrollmentStatus.REQUESTED: "Pending screening",
    EnrollmentStatus.SCREENING: "Pending screening",
    EnrollmentStatus.OFFERED: "Offer open",
    EnrollmentStatus.PLACED: "Placed, awaiting their confirmation",
}
T = TypeVar("T")

_STATE_ORDER: dict[str, int] = {EnrollmentStatus.ENROLLED: 0, **dict.fromkeys(PENDING, 1)}


def sort_key(enrollment: Enrollment) -> tuple:
    client = enrollment.client
    return (
        _STATE_ORDER.get(enrollment.status, 2),
        client.greeting_name.lower(),
        client.last_name.lower(),
        enrollment.pk,
    )


def expected(enrollment: Enrollment, session: Session) -> bool:
    # An open group's member joins at an entry point and is not expected before it.
    start = enrollment.start_session
    return start is None or start.starts_at <= session.starts_at


def session_members(session: Session) -> QuerySet[Enrollment]:
    """Who is expected at this session: the cohort's enrolled members who have started."""
    return (
        Enrollment.objects.filter(cohort_id=session.cohort_id, status=EnrollmentStatus.ENROLLED)
        .filter(Q(start_session__isnull=True) | Q(start_session__starts_at__lte=session.starts_at))
        .select_related("client")
        .order_by("client__first_name", "client__last_name", "pk")
    )


def partners_together(items: list[T], *, enrollment: Callable[[T], Enrollment]) -> list[T]:
    """The same order, except that a couple's partners sit side by side, where the first
    of them falls. Each partner keeps their own row; only the order changes."""
    couples: dict[int, list[T]] = {}
    for item in items:
        if (couple_id := enrollment(item).couple_id) is not None:
            couples.setdefault(couple_id, []).append(item)
    ordered: list[T] = []
    for item in items:
        couple_id = enrollment(item).couple_id
        if couple_id is None:
            ordered.append(item)
        elif couple_id in couples:
            ordered.extend(couples.pop(couple_id))
    return ordered


def partners_of(enrollments: Sequence[Enrollment]) -> dict[int, Enrollment]:
    """Each enrollment's partner among these rows (by enrollment pk), read from the rows
    already in hand: no query. A partner outside the list (left, or not a seat holder)
    is not there."""
    couples: dict[int, list[Enrollment]] = {}
    for enrollment in enrollments:
        if enrollment.couple_id is not None:
            couples.setdefault(enrollment.couple_id, []).append(enrollment)
    partners = {}
    for pair in couples.values():
        if len(pair) == 2:
            partners[pair[0].pk], partners[pair[1].pk] = pair[1], pair[0]
    return partners
