"""Demo rows for `manage.py seed_demo`: a short waitlist on a full cohort, with history.

Idempotent: clients are matched on email and places on client + cohort. They sign up through
the public sign-up's service, so their places have their history and agreement.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cohorts.models import Cohort

from .agreements import agreement_for
from .demo_placements import seed_offer_and_placement
from .models import Enrollment
from .services import enrollment_request

WAITLIST = [
    ("demo-waitlist-1@example.org", "Robin", "Okafor", 0),
    ("demo-waitlist-2@example.org", "Jesse", "Tran", 1),
]


def seed() -> list[str]:
    cohort = (
        Cohort.objects.filter(group__slug="calm-conversations", status="published")
        .select_related("group")
        .order_by("first_session_date")
        .first()
    )
    now = timezone.now()
    extra = seed_offer_and_placement(now=now)
    if cohort is None:
        return extra
    version = agreement_for(cohort).version
    added = 0
    for index, (email, first, last, priority) in enumerate(WAITLIST):
        # They signed up online over the last days and found the group full. A second run
        # finds their place and adds nothing.
        result = enrollment_request(
            cohort=cohort,
            email=email,
            first_name=first,
            last_name=last,
            state="CA",
            city="Murrieta",
            confirmed_adult=True,
            seeing_therapist="no",
            agreement_version=version,
            now=now - timedelta(days=3 - index),
        )
        place = result.enrollment
        if place.status == Enrollment.Status.WAITLISTED and place.priority != priority:
            place.priority = priority  # as the coordinator sets it on the place's admin page
            place.save(update_fields=["priority"])
            added += 1
        elif result.created:
            added += 1
    if not added:
        return extra
    return [f"Demo waitlist: {len(WAITLIST)} people waiting for {cohort}.", *extra]
