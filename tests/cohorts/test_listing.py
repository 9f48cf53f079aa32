"""Lists of cohorts read their schedule in Python (`read_schedules`), where the sign-up
pages read it in SQL (`CohortQuerySet.with_schedule`): the two give one answer."""

import datetime as dt

from django.utils import timezone

from cohorts.models import Cohort
from cohorts.selectors import enrolling_cohorts, public_cohorts, read_schedules, with_seats
from cohorts.services import cohort_skip_week
from tests.factories import CohortFactory, TherapyGroupFactory

from .helpers import today
from .test_enrolling import _cases

SCHEDULE = ("first_start", "last_start", "next_start", "next_cohort_date")


def test_the_schedule_read_in_python_is_the_one_read_in_sql(db):
    now = timezone.now()
    _cases(now)
    group = TherapyGroupFactory()
    begun = CohortFactory(group=group, first_session_date=today() - dt.timedelta(days=14))
    cohort_skip_week(cohort_id=begun.pk, day=begun.sessions.all()[3].scheduled_date)
    CohortFactory(group=group, first_session_date=today() + dt.timedelta(days=40))
    CohortFactory(group=group, first_session_date=today() + dt.timedelta(days=80), draft=True)

    in_sql = {c.pk: c for c in Cohort.objects.with_schedule(now)}
    rows = list(Cohort.objects.select_related("group"))
    read_schedules(rows, now=now, held=None)

    assert len(rows) == len(in_sql) >= 13
    for cohort in rows:
        expected = in_sql[cohort.pk]
        for name in SCHEDULE:
            assert getattr(cohort, name) == getattr(expected, name), (cohort, name)


def test_lists_show_what_is_ahead_soonest_start_first_with_its_seats(db):
    now = timezone.now()
    later = CohortFactory(group__name="Later", first_session_date=today() + dt.timedelta(days=30))
    sooner = CohortFactory(group__name="Sooner", first_session_date=today() + dt.timedelta(days=9))
    CohortFactory(group__name="Over", first_session_date=today() - dt.timedelta(days=90))
    begun = CohortFactory(group__name="Begun", first_session_date=today() - dt.timedelta(days=7))

    rows = with_seats(public_cohorts(now=now), now=now)

    assert [c.pk for c in rows] == [sooner.pk, later.pk, begun.pk]
    assert [c.seats.state for c in rows] == ["open", "open", "closed"]
    assert [c.pk for c in enrolling_cohorts(now=now)] == [sooner.pk, later.pk]
