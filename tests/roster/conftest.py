import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from groups_site.timezones import PACIFIC
from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory


def pacific_today() -> dt.date:
    return timezone.now().astimezone(PACIFIC).date()


@pytest.fixture
def running_cohort(therapist):
    """Maya's online group: began two weeks ago (sessions 1 and 2 are past), 8 weeks."""
    return CohortFactory(
        group=TherapyGroupFactory(name="Room to Breathe"),
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(days=14),
        capacity=8,
    )


@pytest.fixture
def other_cohort(other_therapist):
    """Sam's group, which Maya must never see."""
    return CohortFactory(
        group=TherapyGroupFactory(name="Steady Ground"),
        lead_therapist=other_therapist,
        first_session_date=pacific_today() - dt.timedelta(days=7),
    )


@pytest.fixture
def member(running_cohort):
    return EnrollmentFactory(
        cohort=running_cohort,
        enrolled=True,
        client__first_name="Alexandra",
        client__preferred_name="Lex",
        client__last_name="Garcia",
        client__email="lex.garcia@mail.example",
        client__phone="951-555-0133",
        client__preferred_contact="text",
    )


@pytest.fixture
def as_user(client):
    """Sign the test client in as a given user; returns the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def plain_user(db):
    return get_user_model().objects.create_user(
        username="visitor", password="a-long-visitor-password"
    )
