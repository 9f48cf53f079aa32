"""Demo rows for `manage.py seed_demo`: a short waitlist on a full cohort, with history.

Idempotent: clients are matched on email and places on client + cohort. Written straight to
the tables (demo data only); the site itself always goes through enrollment.services.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from cohorts.models import Cohort

from .agreements import agreement_for, default_agreement_saved
from .demo_placements import seed_offer_and_placement
from .models import Enrollment, EnrollmentEvent

WAITLIST = [
    ("demo-waitlist-1@example.org", "Robin", "Okafor", 0),
    ("demo-waitlist-2@example.org", "Jesse", "Tran", 1),
]


@transaction.atomic
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
    agreement = agreement_for(cohort)
    if agreement.pk is None:
        agreement = default_agreement_saved()
    added = 0
    for index, (email, first, last, priority) in enumerate(WAITLIST):
        client, _ = Client.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "state": "CA", "city": "Murrieta"},
        )
        signed_up = now - timedelta(days=3 - index)
        enrollment, created = Enrollment.objects.get_or_create(
            client=client,
            cohort=cohort,
            defaults={
                "status": Enrollment.Status.WAITLISTED,
                "priority": priority,
                "status_changed_at": signed_up,
                "seeing_therapist": "no",
                "confirmed_adult": True,
                "agreement": agreement,
                "agreement_version": agreement.version,
                "agreed_at": signed_up,
            },
        )
        if created:
            EnrollmentEvent.objects.create(
                enrollment=enrollment,
                from_status="",
                to_status=Enrollment.Status.WAITLISTED,
                by=EnrollmentEvent.By.CLIENT,
                reason="Signed up online; the group was full (demo)",
                at=signed_up,
            )
            added += 1
    if not added:
        return extra
    return [f"Demo waitlist: {added} people waiting for {cohort}.", *extra]
