"""Demo members seated through the services, for every app's `seed_demo` part.

The coordinator places them and each confirms from their link, as a real member would, so
each demo place has its history, its agreement and its lead. For a group that has already
begun, that happened a week before its first meeting. Clients with a place in the cohort
already (a second run of the seed) are passed over.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cohorts.models import Cohort
from notifications.services import notifications_cancel

from .agreements import agreement_for
from .couples import is_couples_cohort
from .models import LIVE, Enrollment
from .services import couple_place, enrollment_place, placement_confirm


def placed_at(cohort: Cohort, *, now: datetime) -> datetime:
    """A few days ago, or a week before the group's first meeting if that came first."""
    first = cohort.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    placed = now - timedelta(days=4)
    return min(placed, first - timedelta(days=7)) if first else placed


def seat(cohort: Cohort, clients, *, actor, now: datetime, waitlist: bool = False) -> list:
    """Place `clients` in `cohort` (on its waitlist with `waitlist`) and confirm each place.
    In a couples group two clients in a row are partners. Returns the new places."""
    have_place = set(
        Enrollment.objects.filter(cohort=cohort, status__in=LIVE).values_list("client", flat=True)
    )
    waiting = [client for client in clients if client.pk not in have_place]
    at = placed_at(cohort, now=now)
    places: list[Enrollment] = []
    if is_couples_cohort(cohort):
        for first, second in zip(waiting[::2], waiting[1::2], strict=False):
            places += couple_place(
                client_id=first.pk,
                partner_client_id=second.pk,
                cohort_id=cohort.pk,
                actor=actor,
                waitlist=waitlist,
                now=at,
            )
    else:
        for client in waiting:
            placed = enrollment_place(
                client_id=client.pk, cohort_id=cohort.pk, actor=actor, waitlist=waitlist, now=at
            )
            places.append(placed.enrollment)
    version = agreement_for(cohort).version
    for place in places:
        placement_confirm(
            enrollment_id=place.pk,
            state="CA",
            crisis=False,
            agreement_version=version,
            now=at + timedelta(hours=6),
        )
        # Their emails belong to an invented past: none goes out when the demo starts.
        notifications_cancel(related=place, reason="demo data")
    return places
