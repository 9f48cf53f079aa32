"""Demo couples for `manage.py seed_demo`: the couples group ("Relationship skills for
couples", capacity 12) with couples enrolled, one couple whose second partner has still to
confirm, and a couple waiting together on the waitlist.

Made through the services (`couple_place` for couples the coordinator placed after a call,
`couple_request` for couples who signed up online, `placement_confirm` for each partner's
own answers), so each partner's history,
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
from .services import couple_place, couple_request, placement_confirm

# (first, last, email) for each partner; the first one placed the call or signed them up.
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
    # Nadia signed them both up last night; Omar has not opened his own link yet.
    _sign_up(cohort, AWAITING, version, now=now - timedelta(hours=20))
    # The group is now full (or one odd seat short of it): Gabe and Mina, who signed up
    # yesterday, wait together; Mina has given her own answers too.
    _first, second = _sign_up(cohort, WAITLISTED, version, now=now - timedelta(days=1))
    _confirm(second, version, now=now - timedelta(hours=18))
    return [
        f"Demo couples in {cohort}: {enrolled} couples placed after a call and enrolled, one "
        "waiting for a partner's confirmation, one on the waitlist."
    ]


def _clients(pair) -> tuple[Client, Client]:
    (first, last, email), (partner_first, partner_last, partner_email) = pair
    client, _ = Client.objects.get_or_create(
        email=email,
        defaults={"first_name": first, "last_name": last, "state": "CA", "city": "Murrieta"},
    )
    partner, _ = Client.objects.get_or_create(
        email=partner_email,
        defaults={
            "first_name": partner_first,
            "last_name": partner_last,
            "state": "CA",
            "city": "Temecula",
        },
    )
    return client, partner


def _place(cohort: Cohort, pair, coordinator, *, now: datetime) -> tuple[Enrollment, Enrollment]:
    client, partner = _clients(pair)
    return couple_place(
        client_id=client.pk,
        partner_client_id=partner.pk,
        cohort_id=cohort.pk,
        actor=coordinator,
        now=now,
    )


def _sign_up(cohort: Cohort, pair, version: str, *, now: datetime) -> tuple[Enrollment, Enrollment]:
    """The first partner's online sign-up; returns (their place, their partner's)."""
    client, partner = _clients(pair)
    own = couple_request(
        cohort=cohort,
        email=client.email,
        first_name=client.first_name,
        last_name=client.last_name,
        partner_first_name=partner.first_name,
        partner_email=partner.email,
        state="CA",
        city=client.city,
        confirmed_adult=True,
        seeing_therapist="no",
        agreement_version=version,
        now=now,
    ).enrollment
    return own, Enrollment.objects.get(couple_id=own.couple_id, client=partner)


def _confirm(place: Enrollment, version: str, *, now: datetime) -> None:
    placement_confirm(
        enrollment_id=place.pk, state="CA", crisis=False, agreement_version=version, now=now
    )
