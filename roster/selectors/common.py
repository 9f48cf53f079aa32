"""What every therapist page shares: which seat holders are shown, in which order, and who
is expected at a session."""

from __future__ import annotations

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
