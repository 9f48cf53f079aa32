"""Sending due notifications exactly once.

A pass claims due rows with a conditional UPDATE (pending -> sending) in its own short
transaction, so two passes racing never both own a row; then it renders and sends each
claimed row and records the outcome. A row left in `sending` by a crash is shown to staff,
never resent on its own: a duplicate costs more trust than a late email.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import Notification
from .registry import renderer_for

BATCH_SIZE = 200


def claim_due(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    with transaction.atomic():
        ids = list(
            Notification.objects.filter(status=Notification.Status.PENDING, due_at__lte=now)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        # Only rows still pending are taken; a rival pass that got there first keeps its own.
        claimed = Notification.objects.filter(pk__in=ids, status=Notification.Status.PENDING)
        claimed_ids = list(claimed.values_list("pk", flat=True))
        Notification.objects.filter(
            pk__in=claimed_ids, status=Notification.Status.PENDING
        ).update(status=Notification.Status.SENDING, claimed_at=now)
    return claimed_ids


def send_claimed(*, ids: list[int], now: datetime | None = None) -> int:
    """Send rows already marked sending by this pass; returns how many went out."""
    now = now or timezone.now()
    sent = 0
    connection = get_connection()
    with connection:
        for notification in Notification.objects.filter(
            pk__in=ids, status=Notification.Status.SENDING
        ):
            content = renderer_for(notification.kind)(notification)
            if content is None:
                notification.status = Notification.Status.CANCELLED
                notification.save(update_fields=["status"])
                continue
            message = EmailMultiAlternatives(
                subject=content.subject,
                body=content.text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[notification.to_email],
                connection=connection,
            )
            if content.html:
                message.attach_alternative(content.html, "text/html")
            for filename, data, mimetype in content.attachments:
                message.attach(filename, data, mimetype)
            message.send()
            notification.status = Notification.Status.SENT
            notification.attempts += 1
            notification.sent_at = timezone.now()
            notification.save(update_fields=["status", "attempts", "sent_at"])
            sent += 1
    return sent


def dispatch_due(*, now: datetime | None = None) -> int:
    """One dispatch pass: claim what is due, send it; returns how many emails went out."""
    now = now or timezone.now()
    total = 0
    while ids := claim_due(now=now):
        total += send_claimed(ids=ids, now=now)
    return total
