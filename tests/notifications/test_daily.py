"""Daily kinds (the coordinator's digest, therapists' roster summaries): written a day ahead,
once per day and recipient, due at a Pacific wall-clock time on both clock-change days."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from notifications import registry
from notifications.dispatch import dispatch_due
from notifications.models import Notification
from notifications.registry import DailyRecipient
from notifications.services import notifications_cancel_selected, notifications_schedule_daily
from notifications.timing import PACIFIC

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def pacific(*args, fold=0):
    return dt.datetime(*args, tzinfo=PACIFIC, fold=fold)


@pytest.fixture
def digest(monkeypatch, register_kind):
    """A daily kind at 8:00 Pacific to the coordinator, as the digest will be."""
    register_kind("test_digest")
    monkeypatch.setattr(registry, "_daily", {})
    registry.register_daily("test_digest", at=dt.time(8, 0))(
        lambda day: [DailyRecipient(to_email="intake@practice.example")]
    )


def test_tomorrows_row_is_written_today_and_only_once(digest):
    evening = pacific(2026, 10, 31, 20, 0)

    assert notifications_schedule_daily(now=evening) == 1
    assert notifications_schedule_daily(now=evening + dt.timedelta(minutes=15)) == 0

    row = Notification.objects.get()
    assert row.key == "test_digest:2026-11-01"
    assert row.due_at == dt.datetime(2026, 11, 1, 16, 0, tzinfo=UTC)  # 8:00 PST


def test_on_the_spring_forward_day_8_am_is_8_am_daylight_time(digest):
    notifications_schedule_daily(now=pacific(2027, 3, 13, 12, 0))

    due = Notification.objects.get(key="test_digest:2027-03-14").due_at
    assert due == dt.datetime(2027, 3, 14, 15, 0, tzinfo=UTC)


def test_todays_row_is_written_while_its_time_is_still_ahead(digest):
    notifications_schedule_daily(now=pacific(2026, 11, 2, 6, 0))

    assert set(Notification.objects.values_list("key", flat=True)) == {
        "test_digest:2026-11-02",
        "test_digest:2026-11-03",
    }


def test_each_recipient_of_a_day_gets_a_row_of_their_own(monkeypatch, register_kind):
    register_kind("test_roster")
    monkeypatch.setattr(registry, "_daily", {})
    registry.register_daily("test_roster", at=dt.time(7, 0))(
        lambda day: [
            DailyRecipient(to_email=f"t{n}@practice.example", key=f"therapist{n}") for n in (1, 2)
        ]
    )

    notifications_schedule_daily(now=pacific(2026, 11, 1, 12, 0))

    assert sorted(Notification.objects.values_list("key", flat=True)) == [
        "test_roster:2026-11-02:therapist1",
        "test_roster:2026-11-02:therapist2",
    ]


def test_the_digest_goes_out_once_at_8_across_the_25_hour_day(digest):
    """Beat's two tasks, simulated: rows written every 15 minutes, a pass every minute."""
    start = dt.datetime(2026, 10, 31, 19, 0, tzinfo=UTC)  # noon PDT, Saturday
    sent_at = []
    for minute in range(26 * 60):
        now = start + dt.timedelta(minutes=minute)
        if minute % 15 == 0:
            notifications_schedule_daily(now=now)
        if dispatch_due(now=now):
            sent_at.append(now.astimezone(PACIFIC).strftime("%a %b %-d %H:%M %Z"))

    assert sent_at == ["Sun Nov 1 08:00 PST"]
    assert len(mail.outbox) == 1


def test_the_command_writes_the_rows_and_says_how_many(digest, time_machine):
    time_machine.move_to(pacific(2026, 11, 2, 6, 0), tick=False)
    out = StringIO()

    call_command("schedule_daily_notifications", stdout=out)
    call_command("schedule_daily_notifications", stdout=out)

    assert out.getvalue().splitlines() == [
        "2 new daily email(s) scheduled",
        "0 new daily email(s) scheduled",
    ]
    assert Notification.objects.filter(kind="test_digest").count() == 2


def test_a_daily_row_cancelled_in_admin_stays_cancelled(digest):
    notifications_schedule_daily(now=pacific(2026, 11, 2, 6, 0))
    row = Notification.objects.get(key="test_digest:2026-11-02")
    notifications_cancel_selected(notification_ids=[row.pk], reason="Cancelled by staff (dana).")

    notifications_schedule_daily(now=pacific(2026, 11, 2, 6, 15))

    row.refresh_from_db()
    assert row.status == Notification.Status.CANCELLED
