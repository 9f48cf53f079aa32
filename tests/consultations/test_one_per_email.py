"""One email holds at most one upcoming consultation; a second booking offers the first's link."""

import html

import pytest
from django.test import Client

from consultations.messages import ALREADY_BOOKED, LINK_SENT_AGAIN
from consultations.models import Consultation
from consultations.services import AlreadyBooked, consultation_book, consultation_cancel
from notifications.models import Notification
from tests.races import race

from .conftest import NOW, TUESDAY_10

pytestmark = pytest.mark.django_db

BOOK = "/consultation/"
TUESDAY_10_VALUE = "20260303T1800Z"
TUESDAY_11_VALUE = "20260303T1900Z"


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_second_booking_by_the_same_email_is_refused_and_saves_nothing(
    client, dana, caller, frozen
):
    client.post(BOOK, {**caller, "slot": TUESDAY_10_VALUE})
    rows = Notification.objects.count()

    response = Client().post(
        BOOK, {**caller, "email": "ANA.LOPEZ@mail.example", "slot": TUESDAY_11_VALUE}
    )

    assert response.status_code == 200
    page = text(response)
    assert str(ALREADY_BOOKED) in page
    assert "Email me my confirmation again" in page
    assert "/consultation/c/" not in page  # no link to someone's call for whoever typed the email
    assert Consultation.objects.count() == 1
    assert Notification.objects.count() == rows


def test_asking_for_the_confirmation_again_sends_it_to_the_address_on_file_once_a_day(
    client, dana, caller, frozen
):
    booked = consultation_book(starts_at=TUESDAY_10, **caller, now=NOW)

    first = client.post("/consultation/send-my-link/", {"email": caller["email"]}, follow=True)
    client.post("/consultation/send-my-link/", {"email": caller["email"]})

    assert str(LINK_SENT_AGAIN) in text(first)
    again = Notification.objects.filter(key__contains="confirmation_again")
    assert again.count() == 1
    assert again.get().to_email == caller["email"] and again.get().object_id == booked.pk


@pytest.mark.parametrize(
    "email",
    [
        "nobody@mail.example",  # no call booked with it
        "nobody\x00@mail.example",  # PostgreSQL refuses a NUL byte in a query: no 500
    ],
)
def test_asking_for_an_email_without_a_call_answers_the_same_and_sends_nothing(
    client, dana, frozen, email
):
    response = client.post("/consultation/send-my-link/", {"email": email}, follow=True)

    assert str(LINK_SENT_AGAIN) in text(response)
    assert not Notification.objects.exists()


def test_after_a_cancel_the_same_email_can_book_again(dana, caller):
    first = consultation_book(starts_at=TUESDAY_10, **caller, now=NOW)
    consultation_cancel(consultation_id=first.pk, now=NOW)

    second = consultation_book(starts_at=TUESDAY_10, **caller, now=NOW)

    assert second.status == Consultation.Status.BOOKED


def test_staff_booking_for_a_caller_may_add_a_second_call(dana, caller, coordinator):
    consultation_book(starts_at=TUESDAY_10, **caller, now=NOW)

    consultation_book(
        starts_at=TUESDAY_10.replace(hour=TUESDAY_10.hour + 1), **caller, actor=coordinator, now=NOW
    )

    assert Consultation.objects.filter(status="booked").count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_email_booking_ten_times_at_once_holds_one_upcoming_call(caller):
    from tests.factories import CoordinatorFactory

    CoordinatorFactory()
    slots = [TUESDAY_10.replace(hour=10 + i // 4, minute=(i % 4) * 15) for i in range(10)]

    def book(i: int):
        try:
            return consultation_book(starts_at=slots[i], **caller, now=NOW).pk
        except AlreadyBooked:
            return "refused"

    outcomes = race(10, book)

    assert outcomes.count("refused") == 9, outcomes
    assert Consultation.objects.filter(status="booked").count() == 1


def test_bookings_from_one_address_past_the_limit_get_the_429_page(dana, caller, frozen, settings):
    settings.THROTTLE_ENABLED = True
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "booking": "2/h"}
    slots = [TUESDAY_10_VALUE, TUESDAY_11_VALUE, "20260303T2000Z"]
    codes = [
        Client()
        .post(
            BOOK, {**caller, "email": f"p{i}@mail.example", "slot": slot}, REMOTE_ADDR="203.0.113.9"
        )
        .status_code
        for i, slot in enumerate(slots)
    ]

    assert codes == [302, 302, 429]
    assert Consultation.objects.count() == 2
