from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .querysets import NotificationQuerySet


class Notification(models.Model):
    """One email that must go out at or after `due_at`, exactly once.

    Services write these rows in the same transaction as the change that causes them; the
    dispatcher claims due rows and sends them. The text is rendered at send time from the
    related object's current state, so a moved consultation never sends an old time.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=50)
    # One reminder cannot exist twice: e.g. "consultation:12:reminder_24h".
    key = models.CharField(max_length=200, unique=True)
    to_email = models.EmailField()
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "email"
        verbose_name_plural = "emails"
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"


S = Notification.Status
# Every status move a service may make, enforced by `NotificationQuerySet.move_to` (which
# every status write uses). `sending` never goes back to `pending` on its own except after
# a temporary SMTP failure; a row a crash left in `sending` waits for staff.
STATUS_MOVES: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.SENDING, S.CANCELLED}),
    S.SENDING: frozenset({S.SENT, S.PENDING, S.FAILED, S.CANCELLED}),
    S.FAILED: frozenset({S.PENDING, S.CANCELLED}),
    S.CANCELLED: frozenset({S.PENDING}),
    S.SENT: frozenset(),
}
