import datetime as dt

import pytest

from cohorts.models import Session
from cohorts.services import (
    ALREADY_STARTED,
    COHORT_IS_CANCELLED,
    MOVE_OUT_OF_ORDER,
    PAST_SESSION_WOULD_BE_DROPPED,
    ScheduleError,
    cohort_generate_sessions,
    cohort_publish,
    cohort_skip_week,
    session_move,
)
from groups_site.timezones import PACIFIC
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db

BEFORE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def local_times(cohort):
    return [
        s.starts_at.astimezone(PACIFIC).strftime("%Y-%m-%d %H:%M")
        for s in cohort.sessions.filter(status=Session.Status.SCHEDULED)
    ]


@pytest.mark.parametrize(
    ("first", "change"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 8)),  # spring forward 2026
        (dt.date(2026, 10, 26), dt.date(2026, 11, 1)),  # fall back 2026
        (dt.date(2027, 3, 8), dt.date(2027, 3, 14)),  # spring forward 2027
        (dt.date(2027, 11, 1), dt.date(2027, 11, 7)),  # fall back 2027
    ],
)
def test_a_630_pm_group_stays_at_630_pm_across_a_clock_change(first, change):
    cohort = CohortFactory(
        first_session_date=first, start_time=dt.time(18, 30), session_count=3, sessions=False
    )
    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    assert all(t.endswith("18:30") for t in local_times(cohort))
    before, after = cohort.sessions.all()[:2]
    assert before.starts_at.date() < change < after.starts_at.date()
    # The UTC hour moves by exactly one, so the wall clock does not.
    assert before.starts_at.astimezone(dt.UTC).hour != after.starts_at.astimezone(dt.UTC).hour


def test_skipping_a_week_adds_a_week_at_the_end():
    cohort = CohortFactory(first_session_date=dt.date(2026, 11, 2), session_count=4, sessions=False)
    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    cohort_skip_week(cohort_id=cohort.pk, day=dt.date(2026, 11, 23), now=BEFORE)

    assert [t[:10] for t in local_times(cohort)] == [
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
        "2026-11-30",
    ]
    assert cohort.sessions.get(scheduled_date=dt.date(2026, 11, 23)).status == "skipped"


def test_a_moved_session_keeps_its_time_when_the_schedule_is_regenerated():
    cohort = CohortFactory(first_session_date=dt.date(2026, 11, 2), session_count=3, sessions=False)
    cohort_generate_sessions(cohort=cohort, now=BEFORE)
    second = cohort.sessions.all()[1]

    session_move(session_id=second.pk, new_start=dt.datetime(2026, 11, 10, 17, 0), now=BEFORE)
    cohort.start_time = dt.time(19, 0)
    cohort.save()
    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    assert local_times(cohort) == ["2026-11-02 19:00", "2026-11-10 17:00", "2026-11-16 19:00"]


def test_regenerating_refuses_to_drop_a_session_that_already_happened():
    cohort = CohortFactory(first_session_date=dt.date(2026, 11, 2), session_count=3, sessions=False)
    cohort_generate_sessions(cohort=cohort, now=BEFORE)
    after_first = dt.datetime(2026, 11, 5, tzinfo=dt.UTC)

    cohort.first_session_date = dt.date(2026, 11, 9)
    with pytest.raises(ScheduleError) as refused:
        cohort_generate_sessions(cohort=cohort, now=after_first)

    assert str(refused.value) == PAST_SESSION_WOULD_BE_DROPPED.format(when="Nov 2, 2026")
    assert cohort.sessions.count() == 3


def open_cohort(**kwargs):
    from cohorts.models import TherapyGroup

    return CohortFactory(
        group__kind=TherapyGroup.Kind.OPEN,
        first_session_date=dt.date(2026, 1, 6),
        session_count=8,
        entry_interval_weeks=4,
        sessions=False,
        **kwargs,
    )


def entry_dates(cohort):
    return [
        s.scheduled_date.isoformat()
        for s in cohort.sessions.filter(is_entry_point=True).order_by("scheduled_date")
    ]


def test_an_open_group_takes_new_members_every_few_weeks():
    cohort = open_cohort()

    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    assert cohort.sessions.count() == 8
    assert entry_dates(cohort) == ["2026-01-06", "2026-02-03"]


def test_an_open_group_keeps_its_horizon_rolling_forward():
    from cohorts.services import open_groups_extend

    cohort = open_cohort()
    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    five_weeks_in = dt.datetime(2026, 2, 8, tzinfo=dt.UTC)
    extended, failed = open_groups_extend(now=five_weeks_in)

    assert (extended, failed) == (1, [])
    upcoming = cohort.sessions.filter(starts_at__gt=five_weeks_in)
    assert upcoming.count() == 8
    assert entry_dates(cohort) == ["2026-01-06", "2026-02-03", "2026-03-03", "2026-03-31"]


def test_extend_open_groups_leaves_closed_and_draft_cohorts_alone():
    from django.core.management import call_command

    closed = CohortFactory(first_session_date=dt.date(2026, 1, 6), session_count=3, sessions=False)
    cohort_generate_sessions(cohort=closed, now=BEFORE)
    draft = open_cohort(status="draft")

    call_command("extend_open_groups")

    assert closed.sessions.count() == 3
    assert draft.sessions.count() == 0


def test_skipping_a_week_of_an_open_group_moves_the_entry_point_along():
    cohort = open_cohort()
    cohort_generate_sessions(cohort=cohort, now=BEFORE)

    cohort_skip_week(cohort_id=cohort.pk, day=dt.date(2026, 2, 3), now=BEFORE)

    assert entry_dates(cohort) == ["2026-01-06", "2026-02-10"]


def test_a_closed_cohort_whose_first_session_passed_cannot_be_published():
    cohort = CohortFactory(
        first_session_date=dt.date(2026, 11, 2), session_count=3, draft=True, sessions=False
    )

    with pytest.raises(ScheduleError) as refused:
        cohort_publish(cohort_id=cohort.pk, now=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))

    assert str(refused.value) == ALREADY_STARTED
    cohort.refresh_from_db()
    assert cohort.status == "draft" and not cohort.sessions.exists()


def test_a_cancelled_cohort_cannot_skip_a_week_or_move_a_meeting():
    cohort = CohortFactory(
        first_session_date=dt.date(2026, 11, 2), session_count=3, cancelled=True, sessions=False
    )
    cohort_generate_sessions(cohort=cohort, now=BEFORE)
    second = cohort.sessions.all()[1]

    with pytest.raises(ScheduleError, match=COHORT_IS_CANCELLED):
        cohort_skip_week(cohort_id=cohort.pk, day=dt.date(2026, 11, 9), now=BEFORE)
    with pytest.raises(ScheduleError, match=COHORT_IS_CANCELLED):
        session_move(session_id=second.pk, new_start=dt.datetime(2026, 11, 10, 17), now=BEFORE)

    assert local_times(cohort) == ["2026-11-02 18:30", "2026-11-09 18:30", "2026-11-16 18:30"]


@pytest.mark.parametrize(
    "new_start",
    [
        dt.datetime(2026, 11, 2, 18, 30),  # onto the meeting before it
        dt.datetime(2026, 10, 30, 18, 0),  # before the meeting before it
        dt.datetime(2026, 11, 16, 19, 0),  # after the meeting after it
    ],
)
def test_a_meeting_cannot_move_onto_or_past_its_neighbours(new_start):
    cohort = CohortFactory(first_session_date=dt.date(2026, 11, 2), session_count=3, sessions=False)
    cohort_generate_sessions(cohort=cohort, now=BEFORE)
    second = cohort.sessions.all()[1]

    with pytest.raises(ScheduleError, match=MOVE_OUT_OF_ORDER):
        session_move(session_id=second.pk, new_start=new_start, now=BEFORE)

    assert local_times(cohort) == ["2026-11-02 18:30", "2026-11-09 18:30", "2026-11-16 18:30"]


def test_the_periodic_task_keeps_an_open_groups_horizon_rolling(time_machine):
    from cohorts.tasks import extend_open_groups

    time_machine.move_to(dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC))
    cohort = CohortFactory(
        group__open_group=True, first_session_date=dt.date(2026, 11, 2), session_count=4
    )
    time_machine.move_to(dt.datetime(2026, 12, 14, 12, tzinfo=dt.UTC))

    extend_open_groups.delay()

    upcoming = cohort.sessions.filter(starts_at__gt=dt.datetime(2026, 12, 14, tzinfo=dt.UTC))
    assert upcoming.count() >= 4
