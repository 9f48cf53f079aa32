"""What a therapist's calendar address answers with: their upcoming meetings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cohorts.models import Cohort, Session, Therapist

from ..models import CalendarFeed


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Feed:
    therapist: Therapist
    sessions: list[Session]


def feed_for_token(*, token: str, now: datetime) -> Feed | None:
    """None unless the address is live and belongs to an active therapist. Two queries."""
    feed = (
        CalendarFeed.objects.select_related("user__therapist")
        .filter(token_hash=token_hash(token), user__is_active=True, user__is_staff=True)
        .first()
    )
    therapist = getattr(feed.user, "therapist", None) if feed else None
    if therapist is None:
        return None
    sessions = list(
        Session.objects.held()
        .filter(
            ends_at__gt=now,
            cohort__status=Cohort.Status.PUBLISHED,
            cohort__in=Cohort.objects.for_therapist(therapist),
        )
        .select_related("cohort__group__office")
        .order_by("starts_at", "pk")
    )
    return Feed(therapist=therapist, sessions=sessions)


def feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
