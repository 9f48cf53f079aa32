import datetime as dt

import factory
from django.utils import timezone

from notifications.models import Notification

__all__ = ["NotificationFactory"]


class NotificationFactory(factory.django.DjangoModelFactory):
    """A row due a minute ago: the next dispatch pass sends it."""

    class Meta:
        model = Notification

    kind = "staff_test_email"
    key = factory.Sequence(lambda n: f"test:{n}")
    to_email = factory.Sequence(lambda n: f"person{n}@mail.example")
    due_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=1))

    class Params:
        sent = factory.Trait(
            status=Notification.Status.SENT,
            attempts=1,
            sent_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status=Notification.Status.FAILED, attempts=5, last_error="421 try again later"
        )
        stuck = factory.Trait(
            status=Notification.Status.SENDING,
            claimed_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1)),
        )
        cancelled = factory.Trait(status=Notification.Status.CANCELLED)
