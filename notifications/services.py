"""Writing and cancelling notification rows. Call these inside the causing transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import Notification


def notification_schedule(
    *,
    kind: str,
    key: str,
    to_email: str,
    due_at: datetime,
    related: models.Model | None = None,
    now: datetime | None = None,
) -> Notification | None:
    """Create the row once per key; a repeat call (a double submit) changes nothing.

    A reminder whose time has already passed at scheduling is skipped (returns None), except
    those due "now", which go out at once.
    """
    now = now or timezone.now()
    if due_at < now and (now - due_at).total_seconds() > 60:
        return None
    fields = {"kind": kind, "to_email": to_email, "due_at": due_at}
    if related is not None:
        fields["content_type"] = ContentType.objects.get_for_model(related)
        fields["object_id"] = related.pk
    notification, _ = Notification.objects.get_or_create(key=key, defaults=fields)
    return notification


def notifications_cancel(
    *, related: models.Model, kinds: Iterable[str] | None = None, reason: str = ""
) -> int:
    """Cancel the pending rows of an object whose cause went away; returns how many."""
    qs = Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(related),
        object_id=related.pk,
        status=Notification.Status.PENDING,
    )
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.update(status=Notification.Status.CANCELLED, last_error=reason[:500])
