"""Reminders to members: the start a week and a day ahead, every later meeting the day before,
the reminder of an open offer, and the coordinator's alert about a cohort under its minimum.
Each is checked for when it is written, what it says, and that it stops when its cause goes.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from cohorts.models import Session
from cohorts.services import cohort_cancel, cohort_skip_week, session_move
from enrollment import services
from enrollment.links import enrollment_id_from_token
from enrollment.models import Enrollment
from notifications.dispatch import NOTHING_TO_SEND, dispatch_due
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_schedule_daily
from notifications.timing import PACIFIC
from tests.factories import CohortFactory, TherapyGroupFactory
from tests.factories.consultations import pacific
from tests.notifications.beat import mornings, pacific_label, run_beat

from .helpers import sign_up

pytestmark = pytest.mark.django_db

ANA = "ana.rivera@mail.example"
# A closed cohort meeting Sundays at 6:30 pm from 18 October 2026; 1 November (its third
# meeting) is the day clocks fall back.
FIRST = dt.date(2026, 10, 18)
NOW = pacific(2026, 10, 1, 10)
S = Notification.Status
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def sundays(db):
    return CohortFactory(
        first_session_date=FIRST, capacity=3, min_to_run=2, group__name="Steady Ground"
    )


def enroll(cohort, email=ANA, now=NOW) -> Enrollment:
    enrollment = sign_up(cohort, email=email, now=now).enrollment
    return services.enrollment_enroll(enrollment_id=enrollment.pk, now=now)


def fill(cohort, count, *, start=0, now=NOW):
    return [sign_up(cohort, email=f"member{start + i}@mail.example", now=now) for i in range(count)]


def links_to_my_enrollment(body, enrollment) -> bool:
    """The body carries the self-service link, and it opens this person's place."""
    tokens = re.findall(re.escape(settings.SITE_URL) + r"/enroll/mine/([^/\s]+)/", body)
    return bool(tokens) and all(enrollment_id_from_token(t) == enrollment.pk for t in tokens)


def flush(time_machine, now):
    """Send what is due at `now` (the at-once emails of a change), then forget them."""
    time_machine.move_to(now, tick=False)
    dispatch_due(now=now)
    mail.outbox.clear()


def rows(kind, enrollment=None):
    qs = Notification.objects.filter(kind=kind)
    if enrollment is not None:
        qs = qs.for_object(enrollment)
    return qs.order_by("due_at")


def session_on(cohort, day) -> Session:
    return Session.objects.get(cohort=cohort, scheduled_date=day)


def subjects(sent):
    return [(when, message.subject) for when, message in sent]


# --- the start: a week and a day before the first meeting --------------------------------


def test_enrolling_writes_the_start_reminders_a_week_and_a_day_ahead_at_9_pacific(sundays):
    enrollment = enroll(sundays)

    written = rows(Kind.GROUP_START_REMINDER, enrollment)
    assert [(r.key, pacific_label(r.due_at), r.to_email) for r in written] == [
        (
            f"group_start_reminder:2026-10-11:enrollment{enrollment.pk}:7d",
            "Sun Oct 11 09:00 PDT",
            ANA,
        ),
        (
            f"group_start_reminder:2026-10-17:enrollment{enrollment.pk}:1d",
            "Sat Oct 17 09:00 PDT",
            ANA,
        ),
    ]


def test_someone_enrolled_three_days_before_the_start_gets_only_the_day_before_one(sundays):
    enrollment = enroll(sundays, now=pacific(2026, 10, 15, 10))

    assert [r.key.split(":")[1] for r in rows(Kind.GROUP_START_REMINDER, enrollment)] == [
        "2026-10-17"
    ]


def test_people_not_yet_enrolled_get_no_meeting_reminders(sundays):
    sign_up(sundays, now=NOW)  # requested: the coordinator has not said yes yet
    fill(sundays, 2, start=1)
    sign_up(sundays, email="waiting@mail.example", now=NOW)  # waitlisted

    notifications_schedule_daily(now=pacific(2026, 10, 16, 20))
    notifications_schedule_daily(now=pacific(2026, 10, 24, 6))

    assert not rows(Kind.GROUP_START_REMINDER).exists()
    assert not rows(Kind.SESSION_REMINDER).exists()


def test_the_start_reminders_say_when_and_how_and_link_to_my_enrollment(sundays, time_machine):
    enrollment = enroll(sundays)
    flush(time_machine, NOW)

    week = run_beat(time_machine, pacific(2026, 10, 11, 8), pacific(2026, 10, 11, 10), to=ANA)
    day = run_beat(time_machine, pacific(2026, 10, 17, 8), pacific(2026, 10, 17, 10), to=ANA)

    assert subjects(week + day) == [
        (
            "Sun Oct 11 09:00 PDT",
            "Your first group meeting is on Sunday, October 18 at 6:30 PM PDT",
        ),
        ("Sat Oct 17 09:00 PDT", "Your first group meeting is tomorrow at 6:30 PM PDT"),
    ]
    message = day[0][1]
    assert message.body.startswith("Hi Ana,")
    assert "Your group starts tomorrow." in message.body
    assert "Sunday, October 18 at 6:30 PM PDT" in message.body
    assert "online, by video" in message.body
    assert links_to_my_enrollment(message.body, enrollment)
    assert message.alternatives, "an HTML part too"


def test_an_in_person_group_gives_the_office_address(time_machine):
    cohort = CohortFactory(first_session_date=FIRST, group=TherapyGroupFactory(in_person=True))
    enroll(cohort)
    flush(time_machine, pacific(2026, 10, 11, 9))

    ((_, message),) = run_beat(
        time_machine, pacific(2026, 10, 17, 8), pacific(2026, 10, 17, 10), to=ANA
    )

    assert "at our Riverside office" in message.body
    assert "3600 Lime St, Suite 210, Riverside, CA 92501" in message.body


def test_an_open_group_member_hears_about_their_own_first_meeting_only(time_machine):
    # Meets Sundays from 4 October; new members start every four weeks (4 Oct, 1 Nov, ...).
    cohort = CohortFactory(
        first_session_date=dt.date(2026, 10, 4), group=TherapyGroupFactory(open_group=True)
    )
    enrollment = enroll(cohort, now=pacific(2026, 10, 9, 10))
    assert enrollment.start_session.scheduled_date == dt.date(2026, 11, 1)
    flush(time_machine, pacific(2026, 10, 9, 10))

    sent = mornings(time_machine, dt.date(2026, 10, 10), dt.date(2026, 11, 1), to=ANA)

    assert subjects(sent) == [
        (
            "Sun Oct 25 09:00 PDT",
            "Your first group meeting is on Sunday, November 1 at 6:30 PM PST",
        ),
        ("Sat Oct 31 09:00 PDT", "Your first group meeting is tomorrow at 6:30 PM PST"),
    ]
    assert "You join the group tomorrow." in sent[1][1].body


# --- every later meeting: the day before ---------------------------------------------------


def test_the_day_before_a_later_meeting_the_member_is_reminded_at_9_pacific(sundays, time_machine):
    enrollment = enroll(sundays)
    flush(time_machine, NOW)

    sent = run_beat(time_machine, pacific(2026, 10, 23, 20), pacific(2026, 10, 25, 20), to=ANA)

    assert subjects(sent) == [("Sat Oct 24 09:00 PDT", "See you tomorrow at 6:30 PM PDT")]
    body = sent[0][1].body
    assert body.startswith("Hi Ana,")
    assert "Sunday, October 25 at 6:30 PM PDT" in body
    assert links_to_my_enrollment(body, enrollment)


def test_the_first_meeting_gets_the_start_reminder_and_no_second_email_that_day(
    sundays, time_machine
):
    enroll(sundays)
    flush(time_machine, pacific(2026, 10, 11, 9))  # the week-ahead one went out

    sent = run_beat(time_machine, pacific(2026, 10, 16, 20), pacific(2026, 10, 18, 20), to=ANA)

    assert subjects(sent) == [
        ("Sat Oct 17 09:00 PDT", "Your first group meeting is tomorrow at 6:30 PM PDT")
    ]


def test_a_week_ahead_reminder_still_unsent_when_the_day_before_one_is_due_is_dropped(
    sundays, time_machine
):
    enrollment = enroll(sundays)
    flush(time_machine, NOW)  # and then no worker ran until Saturday morning

    sent = run_beat(time_machine, pacific(2026, 10, 17, 9), pacific(2026, 10, 17, 10), to=ANA)

    assert subjects(sent) == [
        ("Sat Oct 17 09:00 PDT", "Your first group meeting is tomorrow at 6:30 PM PDT")
    ]
    week = rows(Kind.GROUP_START_REMINDER, enrollment).get(key__endswith=":7d")
    assert (week.status, week.last_error) == (S.CANCELLED, NOTHING_TO_SEND)


@pytest.mark.parametrize(
    ("first", "signed_up", "meeting", "expected"),
    [
        # Clocks fall back on Sunday 1 November 2026: the reminder the day before is at
        # 9:00 daylight time, and the meeting itself at 6:30 standard time.
        (
            dt.date(2026, 10, 18),
            pacific(2026, 10, 1, 10),
            dt.date(2026, 11, 1),
            ("Sat Oct 31 09:00 PDT", "See you tomorrow at 6:30 PM PST"),
        ),
        # Clocks spring forward on Sunday 14 March 2027.
        (
            dt.date(2027, 2, 28),
            pacific(2027, 2, 1, 10),
            dt.date(2027, 3, 14),
            ("Sat Mar 13 09:00 PST", "See you tomorrow at 6:30 PM PDT"),
        ),
    ],
    ids=["fall-back-2026-11-01", "spring-forward-2027-03-14"],
)
def test_a_meeting_on_a_clock_change_day_is_reminded_once_at_9_the_day_before(
    first, signed_up, meeting, expected, time_machine
):
    cohort = CohortFactory(first_session_date=first)
    enrollment = enroll(cohort, now=signed_up)
    flush(time_machine, signed_up)
    two_days_before = meeting - dt.timedelta(days=2)

    sent = run_beat(
        time_machine,
        dt.datetime.combine(two_days_before, dt.time(12), tzinfo=PACIFIC),
        dt.datetime.combine(meeting, dt.time(20), tzinfo=PACIFIC),
        to=ANA,
    )

    assert subjects(sent) == [expected]
    (row,) = rows(Kind.SESSION_REMINDER, enrollment)
    assert pacific_label(row.due_at) == expected[0]
    assert row.status == S.SENT


# --- changes follow through ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["withdraws", "is declined", "loses the cohort"])
def test_nothing_more_goes_to_a_member_who_left(how, sundays, time_machine):
    enrollment = enroll(sundays)
    left_at = pacific(2026, 10, 5, 10)
    if how == "withdraws":
        services.enrollment_withdraw(enrollment_id=enrollment.pk, now=left_at)
    elif how == "is declined":
        services.enrollment_decline(enrollment_id=enrollment.pk, reason="Not a fit", now=left_at)
    else:
        cohort_cancel(cohort_id=sundays.pk, now=left_at)
    assert set(rows(Kind.GROUP_START_REMINDER, enrollment).values_list("status", flat=True)) == {
        S.CANCELLED
    }
    flush(time_machine, left_at)

    sent = mornings(time_machine, dt.date(2026, 10, 6), dt.date(2026, 10, 25), to=ANA)

    assert sent == []
    assert not rows(Kind.SESSION_REMINDER, enrollment).exists()


def test_a_moved_meeting_takes_its_reminder_along(sundays, time_machine):
    enrollment = enroll(sundays)
    flush(time_machine, NOW)
    notifications_schedule_daily(now=pacific(2026, 10, 23, 20))  # wrote Saturday's reminder
    (saturday,) = rows(Kind.SESSION_REMINDER, enrollment)

    session_move(
        session_id=session_on(sundays, dt.date(2026, 10, 25)).pk,
        new_start=dt.datetime(2026, 10, 27, 18, 30),  # Tuesday, Pacific wall clock
        now=pacific(2026, 10, 23, 21),
    )

    saturday.refresh_from_db()
    assert saturday.status == S.CANCELLED
    (monday,) = rows(Kind.SESSION_REMINDER, enrollment).filter(status=S.PENDING)
    assert pacific_label(monday.due_at) == "Mon Oct 26 09:00 PDT"
    sent = mornings(time_machine, dt.date(2026, 10, 24), dt.date(2026, 10, 27), to=ANA)
    assert subjects(sent) == [("Mon Oct 26 09:00 PDT", "See you tomorrow at 6:30 PM PDT")]
    assert "Tuesday, October 27 at 6:30 PM PDT" in sent[0][1].body


def test_a_meeting_moved_to_tomorrow_after_the_reminder_hour_is_reminded_at_once(
    sundays, time_machine
):
    enroll(sundays)
    flush(time_machine, NOW)
    moved_at = pacific(2026, 10, 26, 12)

    session_move(
        session_id=session_on(sundays, dt.date(2026, 11, 1)).pk,
        new_start=dt.datetime(2026, 10, 27, 19, 0),
        now=moved_at,
    )
    sent = run_beat(time_machine, moved_at, moved_at + HOUR, to=ANA)
    sent += mornings(time_machine, dt.date(2026, 10, 27), dt.date(2026, 11, 1), to=ANA)

    # Once, straight away; nothing on Saturday for the Sunday it no longer meets.
    assert subjects(sent) == [("Mon Oct 26 12:00 PDT", "See you tomorrow at 7:00 PM PDT")]


def test_a_moved_first_meeting_moves_the_start_reminders(sundays):
    enrollment = enroll(sundays)

    session_move(
        session_id=session_on(sundays, FIRST).pk,
        new_start=dt.datetime(2026, 10, 20, 18, 30),
        now=pacific(2026, 10, 2, 10),
    )

    pending = rows(Kind.GROUP_START_REMINDER, enrollment).filter(status=S.PENDING)
    assert [pacific_label(r.due_at) for r in pending] == [
        "Tue Oct 13 09:00 PDT",
        "Mon Oct 19 09:00 PDT",
    ]
    assert rows(Kind.GROUP_START_REMINDER, enrollment).filter(status=S.CANCELLED).count() == 2


def test_a_moved_first_meeting_also_cancels_a_start_reminder_that_had_failed(sundays):
    # A failed row waits for a retry; left failed, a retry would announce the old date.
    enrollment = enroll(sundays)
    old = list(rows(Kind.GROUP_START_REMINDER, enrollment).values_list("pk", flat=True))
    Notification.objects.filter(pk=old[0]).update(status=S.FAILED, last_error="421 busy")

    session_move(
        session_id=session_on(sundays, FIRST).pk,
        new_start=dt.datetime(2026, 10, 20, 18, 30),
        now=pacific(2026, 10, 2, 10),
    )

    assert set(Notification.objects.filter(pk__in=old).values_list("status", flat=True)) == {
        S.CANCELLED
    }


def test_moving_a_later_meeting_leaves_start_reminders_staff_cancelled_as_they_are(sundays):
    from notifications.services import notifications_cancel_selected

    enrollment = enroll(sundays)
    starts = rows(Kind.GROUP_START_REMINDER, enrollment)
    notifications_cancel_selected(notification_ids=[r.pk for r in starts], reason="Asked by phone")

    session_move(
        session_id=session_on(sundays, FIRST + dt.timedelta(weeks=4)).pk,
        new_start=dt.datetime(2026, 11, 15, 19, 30),
        now=pacific(2026, 10, 2, 10),
    )

    assert set(rows(Kind.GROUP_START_REMINDER, enrollment).values_list("status", flat=True)) == {
        S.CANCELLED
    }


def test_a_skipped_week_sends_nothing_and_the_week_added_at_the_end_is_reminded(
    sundays, time_machine
):
    enroll(sundays)
    flush(time_machine, NOW)
    notifications_schedule_daily(now=pacific(2026, 10, 23, 20))  # Saturday's row is written

    cohort_skip_week(cohort_id=sundays.pk, day=dt.date(2026, 10, 25), now=pacific(2026, 10, 23, 21))

    assert (
        run_beat(time_machine, pacific(2026, 10, 23, 21), pacific(2026, 10, 25, 20), to=ANA) == []
    )
    (skipped_row,) = rows(Kind.SESSION_REMINDER)
    assert (skipped_row.status, skipped_row.last_error) == (S.CANCELLED, NOTHING_TO_SEND)
    assert session_on(sundays, dt.date(2026, 12, 13)).is_held  # the week added at the end
    sent = run_beat(time_machine, pacific(2026, 12, 12, 8), pacific(2026, 12, 12, 10), to=ANA)
    assert subjects(sent) == [("Sat Dec 12 09:00 PST", "See you tomorrow at 6:30 PM PST")]
    assert "Sunday, December 13" in sent[0][1].body


# --- an open offer: a reminder 12 hours before it runs out --------------------------------


@pytest.fixture
def offer(sundays):
    """Ana is next on the waitlist when one of three seat holders leaves, at NOW."""
    taken = fill(sundays, 3)
    waiting = sign_up(sundays, now=NOW).enrollment
    services.enrollment_withdraw(enrollment_id=taken[0].enrollment.pk, now=NOW)
    waiting.refresh_from_db()
    assert waiting.status == Enrollment.Status.OFFERED
    return waiting


def test_an_offer_is_reminded_12_hours_before_it_runs_out(offer, time_machine):
    (row,) = rows(Kind.OFFER_REMINDER, offer)
    assert offer.offer_expires_at == NOW + 48 * HOUR
    assert row.due_at == NOW + 36 * HOUR
    flush(time_machine, NOW)

    time_machine.move_to(row.due_at, tick=False)
    dispatch_due(now=row.due_at)

    (message,) = mail.outbox
    assert message.to == [ANA]
    assert message.subject == "Your seat is held until Saturday, October 3 at 10:00 AM PDT"
    assert message.body.startswith("Hi Ana,")
    assert links_to_my_enrollment(message.body, offer)


@pytest.mark.parametrize("how", ["accepted", "declined", "ran out"])
def test_an_offer_that_ended_takes_its_reminder_with_it(how, offer):
    later = NOW + HOUR
    if how == "accepted":
        services.offer_accept(enrollment_id=offer.pk, now=later)
    elif how == "declined":
        services.offer_decline(enrollment_id=offer.pk, now=later)
    else:
        later = NOW + 49 * HOUR
        services.offers_expire(now=later)

    assert rows(Kind.OFFER_REMINDER, offer).get().status == S.CANCELLED


def test_a_short_offer_gets_no_reminder_right_after_it(sundays):
    # Sign-ups close 11 hours from now, so the offer lasts 11 hours: under the 12-hour lead.
    sundays.enrollment_deadline = NOW + 11 * HOUR
    sundays.save(update_fields=["enrollment_deadline"])
    taken = fill(sundays, 3)
    waiting = sign_up(sundays, now=NOW).enrollment
    services.enrollment_withdraw(enrollment_id=taken[0].enrollment.pk, now=NOW)

    waiting.refresh_from_db()
    assert waiting.status == Enrollment.Status.OFFERED
    assert not rows(Kind.OFFER_REMINDER).exists()


# --- the coordinator: a cohort under its minimum, 14 days before it starts ----------------

STARTS_NOV_15 = dt.date(2026, 11, 15)


def under_minimum_alerts(sent):
    return [(when, m) for when, m in sent if "under its minimum" in m.subject]


def test_a_cohort_under_its_minimum_alerts_the_coordinator_14_days_before(time_machine):
    cohort = CohortFactory(first_session_date=STARTS_NOV_15, min_to_run=4)
    sign_up(cohort, now=NOW)

    sent = under_minimum_alerts(
        run_beat(time_machine, pacific(2026, 10, 31, 20), pacific(2026, 11, 1, 10))
    )

    assert [(when, m.subject, m.to) for when, m in sent] == [
        (
            "Sun Nov 1 09:00 PST",
            "A cohort starting Sunday, November 15 is under its minimum",
            [settings.COORDINATOR_EMAIL],
        )
    ]
    body = sent[0][1].body
    assert "needs 4 to run: 3 more" in body
    fill_page = reverse("admin:enrollment_cohortfill_change", args=[cohort.pk])
    assert settings.SITE_URL + fill_page in body


def test_a_cohort_that_filled_up_meanwhile_sends_no_alert(time_machine):
    cohort = CohortFactory(first_session_date=STARTS_NOV_15, min_to_run=2)
    sign_up(cohort, now=NOW)
    notifications_schedule_daily(now=pacific(2026, 10, 31, 20))
    assert rows(Kind.COHORT_UNDER_MINIMUM).get().status == S.PENDING

    sign_up(cohort, email="ben@mail.example", now=pacific(2026, 11, 1, 6))
    sent = run_beat(time_machine, pacific(2026, 11, 1, 6), pacific(2026, 11, 1, 10))

    assert under_minimum_alerts(sent) == []
    assert rows(Kind.COHORT_UNDER_MINIMUM).get().status == S.CANCELLED


def test_a_cancelled_cohort_cancels_its_alert_at_once():
    cohort = CohortFactory(first_session_date=STARTS_NOV_15, min_to_run=4)
    notifications_schedule_daily(now=pacific(2026, 10, 31, 20))

    cohort_cancel(cohort_id=cohort.pk, now=pacific(2026, 10, 31, 21))

    assert rows(Kind.COHORT_UNDER_MINIMUM).get().status == S.CANCELLED


def test_a_cohort_at_its_minimum_gets_no_alert_row():
    cohort = CohortFactory(first_session_date=STARTS_NOV_15, min_to_run=1)
    sign_up(cohort, now=NOW)

    notifications_schedule_daily(now=pacific(2026, 10, 31, 20))

    assert not rows(Kind.COHORT_UNDER_MINIMUM).exists()
