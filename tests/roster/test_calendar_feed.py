"""A therapist's private calendar address: their upcoming meetings and nobody's name; it
answers only while live, and making a new one kills the old one."""

import datetime as dt
import re

import icalendar
import pytest
from django.urls import reverse

from roster.models import CalendarFeed
from roster.services import calendar_feed_regenerate, calendar_feed_revoke
from tests.factories import CohortFactory, EnrollmentFactory, OfficeFactory, TherapyGroupFactory

from .conftest import pacific_today

pytestmark = pytest.mark.django_db


def feed_url(token):
    return reverse("calendar_feed", args=[token])


@pytest.fixture
def in_person(therapist, other_therapist):
    office = OfficeFactory(name="Murrieta office")
    cohort = CohortFactory(
        group=TherapyGroupFactory(name="Steady Steps", in_person=True, office=office),
        lead_therapist=other_therapist,
        co_therapist=therapist,
        first_session_date=pacific_today() + dt.timedelta(days=3),
        session_count=4,
    )
    return cohort


def test_the_feed_lists_the_therapists_upcoming_meetings_without_client_names(
    client, therapist, other_therapist, running_cohort, member, in_person
):
    CohortFactory(group=TherapyGroupFactory(name="Not Mine"), lead_therapist=other_therapist)
    token = calendar_feed_regenerate(user=therapist.user)

    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    summaries = {str(e["summary"]) for e in events}
    assert summaries == {"Room to Breathe", "Steady Steps"}
    locations = {str(e["summary"]): str(e["location"]) for e in events}
    assert locations["Room to Breathe"] == "Online"
    assert locations["Steady Steps"].startswith("Murrieta office")
    # Only meetings still to come: the online group began two weeks ago (8 weeks).
    assert sum(1 for e in events if str(e["summary"]) == "Room to Breathe") in (5, 6)
    assert "BEGIN:VTIMEZONE" in body and "TZID:America/Los_Angeles" in body
    assert re.search(r"DTSTART;TZID=America/Los_Angeles:\d{8}T183000", body)
    # The member's phone by its own digits: "951" alone turns up in timestamps and ids.
    for word in ("Alexandra", "Lex", "Garcia", "lex.garcia", "555-0133", "5550133", "Not Mine"):
        assert word not in body


def test_a_revoked_address_stops_answering(client, therapist, running_cohort):
    token = calendar_feed_regenerate(user=therapist.user)

    calendar_feed_revoke(user=therapist.user)

    assert client.get(feed_url(token)).status_code == 404


def test_regenerating_kills_the_old_address(client, therapist, running_cohort):
    old = calendar_feed_regenerate(user=therapist.user)
    new = calendar_feed_regenerate(user=therapist.user)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert CalendarFeed.objects.count() == 1
    assert old not in CalendarFeed.objects.get().token_hash  # only a hash is kept


def test_a_guessed_address_or_a_deactivated_therapist_gets_nothing(client, therapist):
    token = calendar_feed_regenerate(user=therapist.user)
    assert client.get(feed_url("not-a-real-token")).status_code == 404

    therapist.user.is_active = False
    therapist.user.save()

    assert client.get(feed_url(token)).status_code == 404


def test_the_feed_costs_at_most_3_queries_however_many_meetings(
    client, therapist, django_assert_max_num_queries
):
    token = calendar_feed_regenerate(user=therapist.user)
    for weeks in (1, 12):
        CohortFactory(
            lead_therapist=therapist,
            first_session_date=pacific_today() + dt.timedelta(days=1),
            session_count=weeks,
        )
        with django_assert_max_num_queries(3):
            assert client.get(feed_url(token)).status_code == 200


def test_the_calendar_page_shows_a_new_address_once_and_turns_it_off(as_user, therapist):
    client = as_user(therapist.user)
    url = reverse("roster:calendar")

    made = client.post(url, {"action": "regenerate"}).content.decode()
    address = re.search(r'value="(http[^"]+/portal/feed/[^"]+\.ics)"', made).group(1)
    later = client.get(url).content.decode()
    client.post(url, {"action": "revoke"})

    assert address not in later
    assert "Make a new address" in later
    assert CalendarFeed.objects.count() == 0
    assert client.get(address.split("testserver", 1)[1]).status_code == 404


def test_the_coordinator_has_no_feed_page(as_user, coordinator):
    assert as_user(coordinator).get(reverse("roster:calendar")).status_code == 404


def test_a_pending_member_never_shows_in_the_feed_either(client, therapist, running_cohort):
    EnrollmentFactory(cohort=running_cohort, client__first_name="Zephyrine")
    token = calendar_feed_regenerate(user=therapist.user)

    assert "Zephyrine" not in client.get(feed_url(token)).content.decode()
