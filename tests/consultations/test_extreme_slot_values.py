"""Slot values at the ends of the calendar get a form error, never a server error."""

import pytest

from consultations.forms import NOT_A_TIME
from consultations.links import manage_token
from consultations.models import Consultation
from tests.factories import ConsultationFactory

from .test_views import text

pytestmark = pytest.mark.django_db

EXTREMES = ["00010101T0000Z", "00010101T0015Z", "99991231T2345Z", "19000101T0000Z"]


@pytest.mark.parametrize("slot", EXTREMES)
def test_booking_a_slot_at_the_ends_of_the_calendar_is_a_form_error(
    client, dana, frozen, caller, slot
):
    response = client.post("/consultation/", {**caller, "slot": slot})

    assert response.status_code == 200
    assert str(NOT_A_TIME) in text(response)
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("slot", EXTREMES)
def test_moving_a_call_to_a_slot_at_the_ends_of_the_calendar_is_a_form_error(
    client, dana, frozen, slot
):
    consultation = ConsultationFactory(coordinator=dana)
    token = manage_token(consultation.pk)

    response = client.post(f"/consultation/c/{token}/reschedule/", {"slot": slot})

    assert response.status_code == 200
    assert str(NOT_A_TIME) in text(response)
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.BOOKED
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_day_view_at_the_ends_of_the_calendar_shows_today(client, coordinator, frozen, day):
    client.force_login(coordinator)

    response = client.get("/staff/consultations/consultation/day/", {"date": day})

    assert response.status_code == 200
