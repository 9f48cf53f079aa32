"""The issue's own check: book a consultation, and its confirmation arrives exactly once,
sent by a real Celery worker and beat through Redis to an SMTP server."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from consultations.services import consultation_book
from groups_site.timezones import PACIFIC
from notifications.models import Notification
from tests.factories import CoordinatorFactory

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

    deadline = time.monotonic() + 60
    while smtp_sink.count() < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3)  # three more dispatch passes: nothing more may arrive

    row = Notification.objects.get(object_id=consultation.pk, kind="consultation_confirmation")
    assert row.status == Notification.Status.SENT, celery_processes.logs()
    assert smtp_sink.per_notification() == {row.pk: 1}
    (message,) = smtp_sink.messages
    assert message["to"] == ["ana.lopez@mail.example"]
    assert "Lopez" not in message["subject"]
    assert b"Ana" in message["content"]
    assert b"text/calendar" in message["content"]
