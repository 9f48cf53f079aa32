"""Consultation reminders: 24 hours and 1 hour before the call, in real elapsed hours;
written at booking, moved with a reschedule, gone with a cancellation."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail

from consultations.links import consultation_id_from_token
from consultations.models import Consultation
from consultations.services import (
    consultation_book,
    consultation_cancel,
    consultation_reschedule,
)
from notifications.dispatch import NOTHING_TO_SEND, dispatch_due
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import CoordinatorFactory
from tests.factories.consultations import pacific
from tests.notifications.beat import pacific_label, run_beat

from .conftest import NOW, TUESDAY_10

pytestmark = pytest.mark.django_db
S = Notification.Status
ANA = "ana.lopez@mail.example"


def reminders(consultation=None):
    qs = Notification.objects.filter(kind=Kind.CONSULTATION_REMINDER).order_by("due_at")
    return qs.for_object(consultation) if consultation is not None else qs


def links_to_my_call(body, consultation) -> bool:
    tokens = re.findall(re.escape(settings.SITE_URL) + r"/consultation/c/([^/\s]+)/", body)
    return bool(tokens) and all(consultation_id_from_token(t) == consultation.pk for t in tokens)


def send_at(time_machine, moment):
    time_machine.move_to(moment, tick=False)
    already = len(mail.outbox)
    dispatch_due(now=moment)
    return mail.outbox[already:]


def test_booking_writes_reminders_24_hours_and_1_hour_before_the_call(dana, caller):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    assert [(r.key, pacific_label(r.due_at), r.to_email) for r in reminders()] == [
        (f"consultation:{consultation.pk}:reminder_24h:20260303T1800Z", "Mon Mar 2 10:00 PST", ANA),
        (f"consultation:{consultation.pk}:reminder_1h:20260303T1800Z", "Tue Mar 3 09:00 PST", ANA),
    ]


@pytest.mark.parametrize(
    ("call", "booked", "expected"),
    [
        # Clocks spring forward at 2:00 on Sunday 8 March 2026: 24 real hours before 10:00
        # PDT that Sunday is 9:00 PST on Saturday.
        (pacific(2026, 3, 8, 10), pacific(2026, 3, 1, 9), "Sat Mar 7 09:00 PST"),
        # They fall back on Sunday 1 November 2026: 24 hours before 10:00 PST is 11:00 PDT.
        (pacific(2026, 11, 1, 10), pacific(2026, 10, 25, 9), "Sat Oct 31 11:00 PDT"),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_the_24_hour_reminder_counts_real_hours_across_a_clock_change(
    call, booked, expected, caller
):
    CoordinatorFactory(hours=[(6, dt.time(9), dt.time(17))])  # takes calls on Sundays

    consultation_book(starts_at=call, now=booked, **caller)

    assert pacific_label(reminders().first().due_at) == expected
    # In UTC: Python subtracts wall-clock hours from a Pacific time, which is the bug.
    assert reminders().first().due_at == call.astimezone(dt.UTC) - dt.timedelta(hours=24)


@pytest.mark.parametrize(
    ("starts", "written"),
    [
        (pacific(2026, 3, 2, 9, 45), []),  # an hour before is already past
        (pacific(2026, 3, 2, 10, 15), []),  # it would land 15 minutes after the confirmation
        (pacific(2026, 3, 2, 12, 0), ["reminder_1h"]),  # 24 hours before is past
    ],
    ids=["in-45-minutes", "in-75-minutes", "in-3-hours"],
)
def test_a_late_booking_skips_the_reminders_already_past_or_right_behind_the_confirmation(
    starts, written, dana, caller
):
    consultation_book(starts_at=starts, now=pacific(2026, 3, 2, 9), **caller)

    assert [r.key.split(":")[2] for r in reminders()] == written


def test_the_day_before_reminder_says_when_how_and_how_to_change_it(dana, caller, time_machine):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    send_at(time_machine, NOW)  # the confirmation

    (message,) = send_at(time_machine, pacific(2026, 3, 2, 10))

    assert message.to == [ANA]
    assert message.subject == "Reminder: your free call is tomorrow at 10:00 AM PST"
    assert message.body.startswith("Hi Ana,")
    assert "Tuesday, March 3 at 10:00 AM PST (Pacific Time)" in message.body
    assert "Dana, our Intake Coordinator, will call you" in message.body
    assert "Need another time, or can't make it?" in message.body
    assert links_to_my_call(message.body, consultation)
    assert message.alternatives, "an HTML part too"


def test_the_hour_before_reminder_asks_people_to_phone_since_online_changes_have_closed(
    dana, caller, time_machine
):
    consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    send_at(time_machine, pacific(2026, 3, 2, 10))  # confirmation and the day-before one

    (message,) = send_at(time_machine, pacific(2026, 3, 3, 9))

    assert message.subject == "Reminder: your free call is today at 10:00 AM PST"
    assert f"Please call us at {settings.PRACTICE_PHONE}" in message.body
    assert "Need another time" not in message.body


def test_a_video_call_reminder_says_it_is_online(dana, caller, time_machine):
    consultation_book(starts_at=TUESDAY_10, now=NOW, **{**caller, "mode": "video"})
    send_at(time_machine, NOW)

    (message,) = send_at(time_machine, pacific(2026, 3, 2, 10))

    assert "video call, online" in message.body


# --- changes follow through ----------------------------------------------------------------


def test_a_rescheduled_call_is_reminded_at_its_new_time_only(dana, caller, time_machine):
    old = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    moved_at = pacific(2026, 3, 2, 7)

    new = consultation_reschedule(
        consultation_id=old.pk, starts_at=pacific(2026, 3, 4, 14, 30), now=moved_at
    )

    assert set(reminders(old).values_list("status", flat=True)) == {S.CANCELLED}
    assert [pacific_label(r.due_at) for r in reminders(new)] == [
        "Tue Mar 3 14:30 PST",
        "Wed Mar 4 13:30 PST",
    ]
    send_at(time_machine, moved_at)  # the new confirmation
    sent = run_beat(time_machine, moved_at, pacific(2026, 3, 4, 15), to=ANA)
    assert [(when, m.subject) for when, m in sent] == [
        ("Tue Mar 3 14:30 PST", "Reminder: your free call is tomorrow at 2:30 PM PST"),
        ("Wed Mar 4 13:30 PST", "Reminder: your free call is today at 2:30 PM PST"),
    ]
    assert links_to_my_call(sent[0][1].body, new)


def test_a_cancelled_call_sends_no_reminders(dana, caller, time_machine):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    consultation_cancel(consultation_id=consultation.pk, now=NOW)
    send_at(time_machine, NOW)  # confirmation cancelled, cancellation sent

    sent = run_beat(time_machine, NOW, pacific(2026, 3, 3, 11), to=ANA)

    assert sent == []
    assert set(reminders().values_list("status", flat=True)) == {S.CANCELLED}


def test_a_reminder_is_not_sent_for_a_call_that_is_no_longer_booked(dana, caller, time_machine):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    send_at(time_machine, NOW)
    # Changed behind the services' back (a data fix, say): the renderer still checks.
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.COMPLETED)

    assert send_at(time_machine, pacific(2026, 3, 2, 10)) == []
    row = reminders().first()
    assert (row.status, row.last_error) == (S.CANCELLED, NOTHING_TO_SEND)
