"""The call's calendar file: right in the repeated hour, and no link that can cancel it."""

import datetime as dt

import icalendar
import pytest

from consultations.calendar import consultation_ics
from consultations.links import manage_token
from tests.factories import ConsultationFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db

# 1 November 2026: clocks go back at 2:00 PDT, so 1:30 happens twice (in UTC, so the
# factory adds the call length in elapsed time).
FIRST_130 = pacific(2026, 11, 1, 1, 30, fold=0).astimezone(dt.UTC)  # 1:30 AM PDT
SECOND_130 = pacific(2026, 11, 1, 1, 30, fold=1).astimezone(dt.UTC)  # 1:30 AM PST


def event_of(data: bytes):
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


@pytest.mark.parametrize(
    ("starts_at", "instant"),
    [
        (FIRST_130, dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)),
        (SECOND_130, dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)),
    ],
    ids=["1:30 AM PDT", "1:30 AM PST"],
)
def test_a_call_in_the_repeated_hour_is_written_at_its_own_instant(starts_at, instant):
    consultation = ConsultationFactory(starts_at=starts_at)

    event = event_of(consultation_ics(consultation))

    assert event.decoded("dtstart") == instant
    assert event.decoded("dtend") == instant + dt.timedelta(minutes=15)
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(0)


def test_the_two_calls_at_1_30_on_the_night_clocks_go_back_are_an_hour_apart():
    first = event_of(consultation_ics(ConsultationFactory(starts_at=FIRST_130)))
    second = event_of(consultation_ics(ConsultationFactory(starts_at=SECOND_130)))

    assert second.decoded("dtstart") - first.decoded("dtstart") == dt.timedelta(hours=1)


def test_the_calendar_file_carries_no_self_service_link(client):
    consultation = ConsultationFactory()
    token = manage_token(consultation.pk)

    response = client.get(f"/consultation/c/{token}/calendar.ics")

    unfolded = response.content.decode().replace("\r\n ", "")
    event = event_of(response.content)
    assert response.status_code == 200
    assert "url" not in event
    assert "/consultation/c/" not in str(event["description"])
    assert token not in unfolded and "/consultation/c/" not in unfolded
    assert "link in our email" in str(event["description"])
