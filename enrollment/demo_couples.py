"""Demo couples for `manage.py seed_demo`: the couples group ("Relationship skills for
couples", capacity 12) with couples enrolled, one couple whose second partner has still to
confirm, and a couple waiting together on the waitlist.

Made through the services (`couple_place`, `placement_confirm`), so each partner's history,
agreement and emails are recorded as they would be for real; the services' transactions are
durable, so this runs after the other demo seeds, outside theirs. Matched on the demo
couples' emails, so running the seed again adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from clients.models import Client
from cohorts.models import Cohort

from .agreements import agreement_for
from .models import Enrollment
from .selectors import seats_taken
from .services import placement_confirm
from .services.couple_placement import couple_place

# (first, last, email) for each partner; the first one is the client the coordinator placed.
ENROLLED = [
    (
        ("Marisol", "Vega", "demo-couple-marisol@example.org"),
        ("Dev", "Vega", "demo-couple-dev@example.org"),
    ),
    (
        ("Harper", "Lowe", "demo-couple-harper@example.org"),
        ("Kai", "Ito", "demo-couple-kai@example.org"),
    ),
    (
        ("Rosa", "Mendez", "demo-couple-rosa@example.org"),
        ("Ines", "Mendez", "demo-couple-ines@example.org"),
    ),
    (
        ("Owen", "Park", "demo-couple-owen@example.org"),
        ("Lucia", "Park", "demo-couple-lucia@example.org"),
    ),
    (
        ("Tess", "Avila", "demo-couple-tess@example.org"),
        ("June", "Avila", "demo-couple-june@example.org"),
    ),
]
AWAITING = (
    ("Nadia", "Cruz", "demo-couple-nadia@example.org"),
    ("Omar", "Cruz", "demo-couple-omar@example.org"),
)
WAITLISTED = (
    ("Gabe", "Stone", "demo-couple-gabe@example.org"),
    ("Mina", "Stone", "demo-couple-mina@example.org"),
)


def seed_couples(*, now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    cohort = (
        Cohort.objects.filter(group__slug="couples-skills", status="published")
        .select_related("group")
        # The demo's own cohort of the group (made first); another demo seed adds an
        # evening one that may start sooner.
        .order_by("pk")
        .first()
    )
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if cohort is None or coordinator is None:
        return []
    if Client.objects.filter(email=AWAITING[0][2]).exists():
        return []
    version = agreement_for(cohort).version
    # Placed and confirmed a few days ago, so the history reads like a real week.
    placed_at = now - timedelta(days=4)
    enrolled = 0
    for pair in ENROLLED:
        # Enough couples to leave two seats for the couple still confirming; then the
        # group is full and the last couple waits.
        if cohort.capacity - seats_taken(cohort) <= 2:
            break
        first, second = _place(cohort, pair, coordinator, now=placed_at)
        for place in (first, second):
            _confirm(place, version, now=placed_at + timedelta(hours=5))
        enrolled += 1
    # Nadia confirmed this morning; Omar has not opened his own link yet.
    first, _second = _place(cohort, AWAITING, coordinator, now=now - timedelta(hours=20))
    _confirm(first, version, now=now - timedelta(hours=3))
    # The group is now full (or one odd seat short of it): Gabe and Mina wait together.
    first, second = _place(cohort, WAITLISTED, coordinator, now=now - timedelta(days=1))
    for place in (first, second):
        _confirm(place, version, now=now - timedelta(hours=18))
    return [
        f"Demo couples in {cohort}: {enrolled} couples enrolled, one waiting for a partner's "
        "confirmation, one on the waitlist."
    ]


def _place(cohort: Cohort, pair, coordinator, *, now: datetime) -> tuple[Enrollment, Enrollment]:
    (first, last, email), (partner_first, partner_last, partner_email) = pair
    client, _ = Client.objects.get_or_create(
        email=email,
        defaults={"first_name": first, "last_name": last, "state": "CA", "city": "Murrieta"},
    )
    Client.objects.get_or_create(
        email=partner_email,
        defaults={
            "first_name": partner_first,
            "last_name": partner_last,
            "state": "CA",
            "city": "Temecula",
        },
    )
    result = couple_place(
        client_id=client.pk,
        partner_email=partner_email,
        partner_first_name=partner_first,
        cohort_id=cohort.pk,
        actor=coordinator,
        now=now,
    )
    return result.enrollments


def _confirm(place: Enrollment, version: str, *, now: datetime) -> None:
    placement_confirm(
        enrollment_id=place.pk, state="CA", crisis=False, agreement_version=version, now=now
    )
