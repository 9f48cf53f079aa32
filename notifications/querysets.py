"""Chainable filters over notification rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

# A pass sends a claimed chunk in seconds; ten minutes in `sending` means its worker died
# (or the mail server hung) between the claim and the record, so only a person can tell
# whether the email went out.
STUCK_AFTER = timedelta(minutes=10)


class NotificationQuerySet(models.QuerySet):
    def due(self, now: datetime) -> NotificationQuerySet:
        return self.filter(status="pending", due_at__lte=now)

    def stuck(self, now: datetime) -> NotificationQuerySet:
        return self.filter(status="sending", claimed_at__lte=now - STUCK_AFTER)

    def for_object(self, obj: models.Model) -> NotificationQuerySet:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
