"""The issue's own check: book a consultation, and its confirmation arrives exactly once,
sent by a real Celery worker and beat through Redis to an SMTP server."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.services import consultation_book
from groups_site.timezones import PACIFIC
from notifications.models import Notification
from tests.factories import CoordinatorFactory
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def next_weekday_10am_pacific(days_ahead: int = 3) -> dt.datetime:
    day = timezone.localtime(timezone.now(), PACIFIC).date() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(10), tzinfo=PACIFIC)


def test_a_booked_consultations_confirmation_arrives_exactly_once(celery_processes, smtp_sink):
    CoordinatorFactory(display_name="Dana")
    celery_processes.worker()
    celery_processes.beat()

    consultation = consultation_book(
        starts_at=next_weekday_10am_pacific(),
        first_name="Ana",
        last_name="Lopez",
        email="ana.lopez@mail.example",
        phone="951-555-0199",
    )

    row = Notification.objects.get(object_id=consultation.pk, kind="consultation_confirmation")
    wait_until(
        lambda: Notification.objects.filter(pk=row.pk, status=Notification.Status.SENT).exists(),
        timeout=60,
        what="the confirmation to be sent",
        logs=celery_processes.logs,
    )
    # Passes that find it sent must not send it again.
    celery_processes.wait_for_passes(3)

    assert smtp_sink.per_notification() == {row.pk: 1}
    (message,) = smtp_sink.messages
    assert message["to"] == ["ana.lopez@mail.example"]
    assert "Lopez" not in message["subject"]
    assert b"Ana" in message["content"]
    assert b"text/calendar" in message["content"]
