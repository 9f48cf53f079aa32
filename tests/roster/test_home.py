"""'My cohorts': each therapist's own running and upcoming cohorts, in Pacific time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups_site.timezones import PACIFIC
from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory

from .conftest import pacific_today

pytestmark = pytest.mark.django_db


def test_a_therapist_sees_only_their_own_cohorts(as_user, therapist, running_cohort, other_cohort):
    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "Room to Breathe" in page
    assert "Steady Ground" not in page
    assert reverse("roster:cohort", args=[other_cohort.pk]) not in page


def test_cohorts_co_led_appear_too(as_user, therapist, other_therapist):
    CohortFactory(
        group__name="Calm Conversations", lead_therapist=other_therapist, co_therapist=therapist
    )

    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "Calm Conversations" in page
    assert "Starting soon" in page


@pytest.mark.parametrize("hour", [(12, 0), (18, 45)], ids=["before it", "under way"])
def test_the_next_session_is_written_in_pacific_time_with_its_zone(
    as_user, therapist, running_cohort, time_machine, hour
):
    # Today's 6:30 PM meeting is the one shown, from the morning until it has ended.
    today = pacific_today()
    time_machine.move_to(dt.datetime.combine(today, dt.time(*hour), tzinfo=PACIFIC), tick=False)
    local = running_cohort.sessions.get(scheduled_date=today).starts_at.astimezone(PACIFIC)

    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "Running now" in page
    assert f"{local:%a, %b} {local.day}, 6:30 PM" in page
    assert local.tzname() in page  # PST or PDT
    assert "All times are Pacific time" in page


def test_seats_taken_and_capacity_are_shown(as_user, therapist, running_cohort):
    EnrollmentFactory.create_batch(3, cohort=running_cohort, enrolled=True)
    EnrollmentFactory(cohort=running_cohort, screening=True)
    EnrollmentFactory(cohort=running_cohort, waitlisted=True)

    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "4 of 8" in page
    assert "3 enrolled, 1 pending screening" in page


def test_finished_drafts_and_cancelled_cohorts_are_left_out(as_user, therapist):
    long_ago = pacific_today() - dt.timedelta(weeks=20)
    CohortFactory(
        group__name="Finished Long Ago", lead_therapist=therapist, first_session_date=long_ago
    )
    CohortFactory(group__name="Still A Draft", lead_therapist=therapist, draft=True)
    CohortFactory(group__name="Called Off", lead_therapist=therapist, cancelled=True)

    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "No cohorts running or coming up" in page
    for name in ("Finished Long Ago", "Still A Draft", "Called Off"):
        assert name not in page


def test_a_cohort_that_just_ended_stays_for_corrections(as_user, therapist):
    CohortFactory(
        group__name="Just Ended",
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(weeks=2, days=1),
        session_count=2,
    )

    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    assert "Ended in the last two weeks" in page
    assert "Just Ended" in page


def test_the_latest_session_to_mark_is_one_click_away(as_user, therapist, running_cohort):
    page = as_user(therapist.user).get(reverse("roster:home")).content.decode()

    held = running_cohort.sessions.filter(
        starts_at__lte=dt.datetime.now(tz=PACIFIC) + dt.timedelta(hours=24)
    ).order_by("-starts_at")
    assert reverse("roster:attendance", args=[held.first().pk]) in page


def test_the_coordinator_sees_every_cohort(as_user, coordinator, running_cohort, other_cohort):
    page = as_user(coordinator).get(reverse("roster:home")).content.decode()

    assert "All cohorts" in page
    assert "Room to Breathe" in page and "Steady Ground" in page
    assert 'href="/staff/"' in page


def _add_cohorts(therapist, count: int) -> None:
    for index in range(count):
        cohort = CohortFactory(
            group=TherapyGroupFactory(),
            lead_therapist=therapist,
            first_session_date=pacific_today() + dt.timedelta(days=index - 10),
        )
        EnrollmentFactory.create_batch(2, cohort=cohort, enrolled=True)


def _queries_for_home(client, expected_cohorts: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("roster:home"))
    assert response.status_code == 200
    assert response.content.decode().count("Open roster<") == expected_cohorts
    return len(queries)


def test_my_cohorts_costs_the_same_queries_for_2_and_20_cohorts(as_user, therapist):
    client = as_user(therapist.user)
    _add_cohorts(therapist, 2)
    two = _queries_for_home(client, 2)

    _add_cohorts(therapist, 18)
    twenty = _queries_for_home(client, 20)

    assert twenty == two
    assert two <= 5, two
