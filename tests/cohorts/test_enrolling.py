"""The catalogue's "taking sign-ups" filter and the sign-up form's check give one answer."""

import datetime as dt

from django.utils import timezone

from cohorts.enrolling import (
    COHORT_CANCELLED_REFUSAL,
    COHORT_CLOSED,
    COHORT_NOT_OPEN,
    NO_ENTRY_POINT,
)
from cohorts.models import Cohort
from cohorts.selectors import cohort_is_enrolling
from enrollment.selectors import enrolling_refusal
from tests.factories import CohortFactory, TherapyGroupFactory

from .helpers import today


def _cases(now: dt.datetime) -> dict[str, tuple[Cohort, str | None]]:
    """Each cohort with the refusal a visitor should see (None: sign-ups open)."""
    ago = today() - dt.timedelta(days=14)
    open_group = TherapyGroupFactory(open_group=True)
    return {
        "closed, first meeting ahead": (CohortFactory(), None),
        "closed, deadline passed": (
            CohortFactory(enrollment_deadline=now - dt.timedelta(minutes=1)),
            COHORT_CLOSED,
        ),
        "closed, begun": (CohortFactory(first_session_date=ago), COHORT_CLOSED),
        "closed, begun, deadline still ahead": (
            CohortFactory(first_session_date=ago, enrollment_deadline=now + dt.timedelta(days=1)),
            None,
        ),
        "closed, no meetings": (CohortFactory(sessions=False), COHORT_CLOSED),
        "open, entry point ahead": (CohortFactory(group=open_group), None),
        "open, no entry point scheduled": (
            CohortFactory(group=open_group, sessions=False),
            NO_ENTRY_POINT,
        ),
        "draft": (CohortFactory(draft=True), COHORT_NOT_OPEN),
        "cancelled": (CohortFactory(cancelled=True), COHORT_CANCELLED_REFUSAL),
        "hidden group": (
            CohortFactory(group=TherapyGroupFactory(is_listed=False)),
            COHORT_NOT_OPEN,
        ),
    }


def test_each_cohort_gets_the_refusal_a_visitor_should_see(db):
    now = timezone.now()
    for name, (cohort, expected) in _cases(now).items():
        assert enrolling_refusal(cohort, now=now) == expected, name


def test_the_catalogue_filter_lists_exactly_the_cohorts_the_sign_up_check_accepts(db):
    now = timezone.now()
    cases = _cases(now)
    listed = set(Cohort.objects.with_schedule(now).enrolling(now).values_list("pk", flat=True))
    annotated = {c.pk: c for c in Cohort.objects.with_schedule(now).select_related("group")}

    for name, (cohort, expected) in cases.items():
        open_for_sign_ups = expected is None
        assert (cohort.pk in listed) is open_for_sign_ups, name
        assert cohort_is_enrolling(annotated[cohort.pk], now=now) is open_for_sign_ups, name
