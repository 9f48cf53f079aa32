import datetime as dt

import pytest

from cohorts.models import PACIFIC, Session
from cohorts.services import (
    PAST_SESSION_WOULD_BE_DROPPED,
    ScheduleError,
    cohort_generate_sessions,
    cohort_skip_week,
    session_move,
)
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
