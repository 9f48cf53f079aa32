"""Waitlist positions follow the line offers really go out in."""

import pytest

from enrollment.models import Enrollment
from enrollment.selectors import waitlist_position, with_waitlist_position
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_positions_count_only_people_an_offer_can_go_to():
    cohort = CohortFactory(capacity=1)
    EnrollmentFactory(cohort=cohort, enrolled=True)
    urgent = EnrollmentFactory(cohort=cohort, waitlisted=True, urgent=True)
    unconfirmed = EnrollmentFactory(cohort=cohort, waitlisted=True, agreed_at=None)
    next_up = EnrollmentFactory(cohort=cohort, waitlisted=True)
    after = EnrollmentFactory(cohort=cohort, waitlisted=True)

    positions = dict(
        with_waitlist_position(Enrollment.objects.filter(cohort=cohort)).values_list(
            "pk", "waitlist_position"
        )
    )

    assert positions[next_up.pk] == 1 and positions[after.pk] == 2
    assert positions[urgent.pk] is None and positions[unconfirmed.pk] is None
    assert waitlist_position(after) == 2
