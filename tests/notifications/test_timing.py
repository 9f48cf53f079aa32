"""Due times across the two daylight-saving changes (1 Nov 2026, 14 Mar 2027)."""

import datetime as dt

import pytest
from django.core import mail

from notifications.dispatch import dispatch_due
from notifications.models import Notification
from notifications.services import notification_schedule
from notifications.timing import (
    PACIFIC,
    before,
    day_before_at,
    days_before_at,
    local_at,
    same_day_at,
)

UTC = dt.UTC


def pacific(*args, fold=0):
    return dt.datetime(*args, tzinfo=PACIFIC, fold=fold)


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def test_24_hours_before_is_24_real_hours_across_the_fall_back():
    starts = pacific(2026, 11, 1, 10, 0)  # PST, the day clocks went back

    due = before(starts, hours=24)

    assert due == utc(2026, 10, 31, 18, 0)
    assert due.astimezone(PACIFIC).strftime("%H:%M %Z") == "11:00 PDT"
    # Pacific wall-clock arithmetic would have said 10:00, 25 real hours before.
    assert starts - dt.timedelta(hours=24) != due


def test_24_hours_before_is_24_real_hours_across_the_spring_forward():
    starts = pacific(2027, 3, 14, 10, 0)  # PDT, the day clocks went forward

    due = before(starts, hours=24)

    assert due == utc(2027, 3, 13, 17, 0)
    assert due.astimezone(PACIFIC).strftime("%H:%M %Z") == "09:00 PST"


def test_one_hour_before_is_one_hour_before():
    assert before(pacific(2026, 11, 1, 1, 30, fold=1), hours=1) == utc(2026, 11, 1, 8, 30)


@pytest.mark.parametrize(
    ("session", "expected_utc", "zone"),
    [
        (pacific(2026, 11, 1, 18, 30), utc(2026, 11, 1, 1, 0), "PDT"),
        (pacific(2027, 3, 14, 18, 30), utc(2027, 3, 14, 2, 0), "PST"),
    ],
)
def test_the_evening_before_a_session_is_6_pm_on_the_wall_clock(session, expected_utc, zone):
    due = day_before_at(session, dt.time(18, 0))

    assert due == expected_utc
    assert due.astimezone(PACIFIC).strftime("%a %H:%M %Z") == f"Sat 18:00 {zone}"


def test_the_morning_of_a_session_day_is_on_that_local_day():
    due = same_day_at(pacific(2026, 11, 1, 18, 30), dt.time(7, 0))

    assert due == utc(2026, 11, 1, 15, 0)  # 7:00 PST, after the change at 2:00


def test_a_week_before_a_cohort_crosses_the_change_on_the_wall_clock():
    due = days_before_at(pacific(2026, 11, 5, 18, 30), 7, dt.time(9, 0))

    assert due.astimezone(PACIFIC).strftime("%Y-%m-%d %H:%M %Z") == "2026-10-29 09:00 PDT"


def test_a_time_in_the_skipped_hour_comes_an_hour_later_on_the_clock():
    due = local_at(dt.date(2027, 3, 14), dt.time(2, 30))

    assert due.astimezone(PACIFIC).strftime("%H:%M %Z") == "03:30 PDT"


def test_a_time_in_the_repeated_hour_is_the_first_of_the_two():
    assert local_at(dt.date(2026, 11, 1), dt.time(1, 30)) == utc(2026, 11, 1, 8, 30)


@pytest.mark.django_db
@pytest.mark.parametrize("session", [pacific(2026, 11, 1, 18, 30), pacific(2027, 3, 14, 18, 30)])
def test_a_reminder_on_a_clock_change_weekend_goes_out_once_at_its_local_time(
    session, register_kind
):
    register_kind("session_eve")
    due = day_before_at(session, dt.time(18, 0))
    notification_schedule(
        kind="session_eve",
        key=f"session:1:eve:{session.isoformat()}",
        to_email="ana@mail.example",
        due_at=due,
        now=due - dt.timedelta(days=3),
    )
    sent_at = []

    # A pass every minute, from two hours before to two hours after, in UTC steps.
    for minute in range(-120, 121):
        now = due + dt.timedelta(minutes=minute)
        if dispatch_due(now=now):
            sent_at.append(now)

    assert len(mail.outbox) == 1
    assert [t.astimezone(PACIFIC).strftime("%a %H:%M") for t in sent_at] == ["Sat 18:00"]
    assert Notification.objects.get().status == Notification.Status.SENT
