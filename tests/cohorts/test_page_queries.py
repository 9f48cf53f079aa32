"""The home page and a therapist's profile list cohorts too: their query count must not grow
with the number of cohorts (a loop that starts querying would)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CohortFactory, TherapistFactory, TherapyGroupFactory

from .helpers import take_seats, today

pytestmark = pytest.mark.django_db


def add_cohorts(therapist, count):
    for i in range(count):
        cohort = CohortFactory(
            group=TherapyGroupFactory(),
            lead_therapist=therapist,
            first_session_date=today() + dt.timedelta(days=7 + i),
        )
        take_seats(cohort, i % 3)


def queries_for(client, url) -> int:
    cache.clear()  # measure the page itself, not the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/", "/therapists/maya-ortiz/"])
def test_the_page_costs_the_same_queries_for_3_and_20_cohorts(client, url):
    therapist = TherapistFactory(display_name="Maya Ortiz", slug="maya-ortiz")
    add_cohorts(therapist, 3)
    few = queries_for(client, url)

    add_cohorts(therapist, 17)
    many = queries_for(client, url)

    assert many == few <= 5
