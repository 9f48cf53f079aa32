import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from notifications.dispatch import dispatch_due
from tests.factories import CohortFactory, TherapyGroupFactory


@pytest.fixture
def cohort(db):
    """An online, closed cohort three weeks out with three seats."""
    return CohortFactory(capacity=3, min_to_run=2, group__name="Steady Ground")


@pytest.fixture
def open_cohort(db):
    """An ongoing group that began two weeks ago; new members start every four weeks."""
    first = timezone.localdate() - dt.timedelta(days=14)
    return CohortFactory(
        group=TherapyGroupFactory(open_group=True, in_person=True),
        first_session_date=first,
        capacity=3,
        min_to_run=2,
    )


@pytest.fixture
def send_due():
    """Run one dispatcher pass a moment from now and return what went out."""

    def send(now=None):
        dispatch_due(now=now or timezone.now() + dt.timedelta(seconds=1))
        return list(mail.outbox)

    return send
