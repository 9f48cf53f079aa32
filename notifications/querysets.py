"""Chainable filters over notification rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models.functions import Lower

# A pass sends a claimed chunk in seconds; ten minutes in `sending` means its worker died
# (or the mail server hung) between the claim and the record, so only a person can tell
# whether the email went out.
STUCK_AFTER = timedelta(minutes=10)


# What a cause that went away still can stop: not yet sent, or failed and waiting for a retry.
# A row being sent is in a worker's hands, and a sent one is history.
CANCELLABLE = ("pending", "failed")


class NotificationQuerySet(models.QuerySet):
    def due(self, now: datetime) -> NotificationQuerySet:
        return self.filter(status="pending", due_at__lte=now)

    def cancellable(self) -> NotificationQuerySet:
        return self.filter(status__in=CANCELLABLE)

    def move_to(self, to: str, **fields) -> int:
        """Move these rows to `to`, each only from a status STATUS_MOVES allows; the others
        are left as they are. Returns how many moved. Every status write goes through here.
        """
        from .models import STATUS_MOVES  # models imports this module

        allowed_from = [frm for frm, tos in STATUS_MOVES.items() if to in tos]
        return self.filter(status__in=allowed_from).update(status=to, **fields)

    def stuck(self, now: datetime) -> NotificationQuerySet:
        return self.filter(status="sending", claimed_at__lte=now - STUCK_AFTER)

    def with_crash_hint(self) -> NotificationQuerySet:
        """Annotate `maybe_sent`: could this row have reached the mail server?

        A pass sends a claimed chunk in (due_at, pk) order and marks each row as it goes, so
        of the rows a dead worker left in `sending` with one claim stamp, only the first
        was on the wire; the others were never tried and are safe to send again.
        """
        earlier_unmarked = self.model.objects.filter(
            status="sending", claimed_at=models.OuterRef("claimed_at")
        ).filter(
            models.Q(due_at__lt=models.OuterRef("due_at"))
            | models.Q(due_at=models.OuterRef("due_at"), pk__lt=models.OuterRef("pk"))
        )
        return self.annotate(
            maybe_sent=models.Case(
                models.When(status="sending", then=~models.Exists(earlier_unmarked)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def to_address(self, email: str) -> NotificationQuerySet:
        """Rows addressed to `email`, in any letter case."""
        return self.annotate(address=Lower("to_email")).filter(address=email.strip().lower())

    def for_object(self, obj: models.Model) -> NotificationQuerySet:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
