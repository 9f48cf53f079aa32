"""A therapist's private calendar address: made, remade (the old one dies) or turned off."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from ..models import CalendarFeed
from ..selectors import token_hash


def calendar_feed_regenerate(*, user: User, now: datetime | None = None) -> str:
    """A new address for this user's feed; returns its token, which is shown once and never
    stored (only its hash is), so any earlier address stops answering at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": token_hash(token), "created_at": now or timezone.now()}
    )
    return token


def calendar_feed_revoke(*, user: User) -> bool:
    """Turn the address off; returns whether there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)
