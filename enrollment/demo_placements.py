"""Demo rows for the coordinator's waitlist work: an offer that ends within a day and a staff
placement still waiting for the person's confirmation (both in the first published cohort of
single seats with room for them). Dates are relative to now; matched on the person, so running the
seed again duplicates nothing. Written straight to the tables (demo data only)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F

from clients.models import Client
from cohorts.models import Cohort

from .models import Enrollment, EnrollmentEvent

S = Enrollment.Status
OFFER_EMAIL = "demo-offer-ending@example.org"
PLACED_EMAIL = "demo-placed-by-staff@example.org"


def seed_offer_and_placement(*, now: datetime) -> list[str]:
    # A single offer and a single placement belong in a group of single seats: a couples
    # group offers and places couples (the couples demo shows those).
    cohort = (
        Cohort.objects.filter(status="published", group__is_listed=True)
        .exclude(group__focus="couples")
        .with_seats_taken()
        .filter(seats_taken__lte=F("capacity") - 2)
        .select_related("group")
        .order_by("first_session_date", "pk")
        .first()
    )
    if cohort is None:
        return []
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    lines = []
    # Offered 30 hours ago with the usual window: it ends in well under a day.
    offered_at = now - timedelta(hours=30)
    ends = offered_at + timedelta(hours=settings.WAITLIST_OFFER_HOURS)
    if ends - now > timedelta(hours=20):
        ends = now + timedelta(hours=20)
    if _place(
        cohort,
        email=OFFER_EMAIL,
        first="Noemi",
        last="Castillo",
        status=S.OFFERED,
        at=offered_at,
        ends=ends,
        by=EnrollmentEvent.By.SYSTEM,
        actor=None,
        reason="A seat came free (demo)",
    ):
        lines.append(f"Demo offer ending within a day: {cohort}.")
    placed_at = now - timedelta(hours=5)
    if _place(
        cohort,
        email=PLACED_EMAIL,
        first="Theo",
        last="Marsh",
        status=S.PLACED,
        at=placed_at,
        ends=placed_at + timedelta(hours=settings.PLACEMENT_CONFIRM_HOURS),
        by=EnrollmentEvent.By.STAFF,
        actor=coordinator,
        reason="Placed by staff; waiting for the person to confirm (demo)",
    ):
        lines.append(f"Demo staff placement awaiting confirmation: {cohort}.")
    return lines


def _place(cohort, *, email, first, last, status, at, ends, by, actor, reason) -> bool:
    client, _ = Client.objects.get_or_create(
        email=email,
        defaults={"first_name": first, "last_name": last, "state": "CA", "city": "Temecula"},
    )
    # Matched on the person alone: other demo modules add couples cohorts, so "the first
    # couples cohort" can be another one on the next run.
    if Enrollment.objects.filter(client=client).exists():
        return False
    enrollment = Enrollment.objects.create(
        client=client, cohort=cohort, status=status, status_changed_at=at, offer_expires_at=ends
    )
    EnrollmentEvent.objects.create(
        enrollment=enrollment,
        from_status="",
        to_status=status,
        by=by,
        actor=actor,
        reason=reason,
        at=at,
    )
    return True
