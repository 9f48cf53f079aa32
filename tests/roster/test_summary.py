"""The therapists' morning summary: at 7:30 Pacific on a meeting day, to the lead and the
co-therapist, who is expected (first names, a count) and the roster link; no contact
details, no group name in the subject; it follows moved, skipped and cancelled meetings."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from cohorts.models import Session
from cohorts.services import cohort_cancel, cohort_skip_week, session_move
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_schedule_daily
from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory
from tests.factories.consultations import pacific
from tests.notifications.beat import mornings, run_beat

pytestmark = pytest.mark.django_db

MAYA = "maya@practice.example"
SAM = "sam@practice.example"
FIRST = dt.date(2026, 10, 18)  # Sundays at 6:30 pm; 1 November is the fall-back day


@pytest.fixture
def cohort(therapist, other_therapist):
    therapist.user.email = MAYA
    therapist.user.save(update_fields=["email"])
    other_therapist.user.email = SAM
    other_therapist.user.save(update_fields=["email"])
    cohort = CohortFactory(
        group=TherapyGroupFactory(name="Room to Breathe", topic="Calmer conversations"),
        lead_therapist=therapist,
        co_therapist=other_therapist,
        first_session_date=FIRST,
    )
    for first, last in [("Ana", "Rivera"), ("Ben", "Okafor")]:
        EnrollmentFactory(
            cohort=cohort,
            enrolled=True,
            client__first_name=first,
            client__last_name=last,
            client__phone="951-555-0133",
        )
    EnrollmentFactory(cohort=cohort, client__first_name="Pending")  # requested
    EnrollmentFactory(cohort=cohort, withdrawn=True, client__first_name="Gone")
    return cohort


def session_on(cohort, day) -> Session:
    return Session.objects.get(cohort=cohort, scheduled_date=day)


def summaries(sent):
    return [(when, m.to, m.subject) for when, m in sent]


def test_each_therapist_gets_the_summary_at_7_30_on_the_meeting_day(cohort, time_machine):
    sent = run_beat(time_machine, pacific(2026, 10, 17, 20), pacific(2026, 10, 18, 10))

    assert sorted(summaries(sent)) == [
        (
            "Sun Oct 18 07:30 PDT",
            [MAYA],
            "Roster for today, 6:30 PM PDT, meeting 1 of 8: 2 expected",
        ),
        (
            "Sun Oct 18 07:30 PDT",
            [SAM],
            "Roster for today, 6:30 PM PDT, meeting 1 of 8: 2 expected",
        ),
    ]


def test_the_summary_names_who_is_expected_and_links_to_the_roster_only(cohort, time_machine):
    sent = run_beat(time_machine, pacific(2026, 10, 18, 7), pacific(2026, 10, 18, 8), to=MAYA)

    ((_, message),) = sent
    body = message.body
    assert body.startswith("Hi Maya,")
    assert "2 members expected: Ana, Ben." in body
    assert "(meeting 1 of 8)" in body
    site = settings.SITE_URL
    assert site + reverse("roster:cohort", args=[cohort.pk]) in body
    assert f"{site}/therapist/cohorts/{cohort.pk}/" in body
    session = session_on(cohort, FIRST)
    assert site + reverse("roster:attendance", args=[session.pk]) in body
    for private in ("Rivera", "Okafor", "951-555", "@mail.example", "Pending", "Gone"):
        assert private not in body
    assert "Room to Breathe" not in body + message.subject
    assert "Calmer conversations" not in body + message.subject


def test_on_the_fall_back_day_the_summary_is_at_7_30_standard_time(cohort, time_machine):
    sent = run_beat(time_machine, pacific(2026, 10, 31, 20), pacific(2026, 11, 1, 10), to=MAYA)

    assert summaries(sent) == [
        ("Sun Nov 1 07:30 PST", [MAYA], "Roster for today, 6:30 PM PST, meeting 3 of 8: 2 expected")
    ]


def test_a_moved_meeting_moves_its_summary(cohort, time_machine):
    notifications_schedule_daily(now=pacific(2026, 10, 24, 20))  # Sunday's rows are written

    session_move(
        session_id=session_on(cohort, dt.date(2026, 10, 25)).pk,
        new_start=dt.datetime(2026, 10, 27, 18, 30),
        now=pacific(2026, 10, 24, 21),
    )

    assert set(
        Notification.objects.filter(
            kind=Kind.ROSTER_SUMMARY, key__contains="2026-10-25"
        ).values_list("status", flat=True)
    ) == {Notification.Status.CANCELLED}
    sent = mornings(time_machine, dt.date(2026, 10, 25), dt.date(2026, 10, 27), to=MAYA)
    assert summaries(sent) == [
        (
            "Tue Oct 27 07:30 PDT",
            [MAYA],
            "Roster for today, 6:30 PM PDT, meeting 2 of 8: 2 expected",
        )
    ]


def test_a_meeting_moved_into_today_after_7_30_gets_its_summary_at_once(cohort, time_machine):
    moved_at = pacific(2026, 10, 27, 10)

    session_move(
        session_id=session_on(cohort, dt.date(2026, 11, 1)).pk,
        new_start=dt.datetime(2026, 10, 27, 19, 0),
        now=moved_at,
    )

    sent = run_beat(time_machine, moved_at, moved_at + dt.timedelta(hours=1), to=MAYA)
    assert summaries(sent) == [
        (
            "Tue Oct 27 10:00 PDT",
            [MAYA],
            "Roster for today, 7:00 PM PDT, meeting 3 of 8: 2 expected",
        )
    ]


def test_a_skipped_week_sends_no_summary(cohort, time_machine):
    cohort_skip_week(cohort_id=cohort.pk, day=dt.date(2026, 10, 25), now=pacific(2026, 10, 20, 9))

    assert mornings(time_machine, dt.date(2026, 10, 25), dt.date(2026, 10, 25)) == []


def test_a_cancelled_cohort_cancels_its_summaries_at_once(cohort, time_machine):
    notifications_schedule_daily(now=pacific(2026, 10, 17, 20))
    assert Notification.objects.filter(kind=Kind.ROSTER_SUMMARY).count() == 2

    cohort_cancel(cohort_id=cohort.pk, now=pacific(2026, 10, 17, 21))

    assert set(
        Notification.objects.filter(kind=Kind.ROSTER_SUMMARY).values_list("status", flat=True)
    ) == {Notification.Status.CANCELLED}
    assert mornings(time_machine, dt.date(2026, 10, 18), dt.date(2026, 10, 18), to=MAYA) == []


def test_a_cancelled_cohort_also_cancels_a_summary_that_had_failed(cohort):
    notifications_schedule_daily(now=pacific(2026, 10, 17, 20))
    failed = Notification.objects.filter(kind=Kind.ROSTER_SUMMARY).first()
    Notification.objects.filter(pk=failed.pk).update(status=Notification.Status.FAILED)

    cohort_cancel(cohort_id=cohort.pk, now=pacific(2026, 10, 17, 21))

    failed.refresh_from_db()
    assert failed.status == Notification.Status.CANCELLED


def test_a_therapist_taken_off_the_cohort_gets_no_summary(cohort, time_machine):
    notifications_schedule_daily(now=pacific(2026, 10, 17, 20))
    cohort.co_therapist = None
    cohort.save(update_fields=["co_therapist"])

    sent = run_beat(time_machine, pacific(2026, 10, 18, 7), pacific(2026, 10, 18, 8))

    assert summaries(sent) == [
        (
            "Sun Oct 18 07:30 PDT",
            [MAYA],
            "Roster for today, 6:30 PM PDT, meeting 1 of 8: 2 expected",
        )
    ]
