"""Lists of cohorts are ordered in Python (`with_seats`), not in SQL."""

import datetime as dt

from django.utils import timezone

from cohorts.selectors import enrolling_cohorts, public_cohorts, with_seats
from tests.factories import CohortFactory

from .helpers import today


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
