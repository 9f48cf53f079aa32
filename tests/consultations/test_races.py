"""Twenty people press "Book" for the same time at the same moment, on PostgreSQL."""

import html
import threading

import pytest
from django.db import connection
from django.test import Client

from consultations import services
from consultations.messages import SLOT_TAKEN
from consultations.models import Consultation
from tests.factories import CoordinatorFactory

from .conftest import NOW

PEOPLE = 20


def race(slot: str) -> list[tuple[int, str]]:
    barrier = threading.Barrier(PEOPLE)
    answers: list[tuple[int, str]] = []

    def book(i: int) -> None:
        try:
            browser = Client()
            details = {
                "slot": slot,
                "first_name": f"Person{i}",
                "email": f"person{i}@mail.example",
                "phone": "951-555-0100",
                "mode": "phone",
                "state": "CA",
                "interest": "not_sure",
            }
            barrier.wait(timeout=10)
            response = browser.post("/consultation/", details)
            answers.append((response.status_code, html.unescape(response.content.decode())))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def assert_one_booking_and_kind_answers(answers):
    assert len(answers) == PEOPLE
    assert sorted(status for status, _ in answers) == [200] * (PEOPLE - 1) + [302]
    refusals = [page for status, page in answers if status == 200]
    assert all(str(SLOT_TAKEN) in page for page in refusals)
    assert Consultation.objects.filter(status="booked").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_people_booking_one_time_get_one_booking_and_nineteen_kind_answers(time_machine):
    time_machine.move_to(NOW, tick=False)
    CoordinatorFactory()

    answers = race("20260303T1800Z")

    assert_one_booking_and_kind_answers(answers)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_with_the_lock_switched_off_the_database_alone_still_allows_one_booking(
    time_machine, monkeypatch
):
    time_machine.move_to(NOW, tick=False)
    coordinator = CoordinatorFactory()
    # Without the row lock every booker reads "free" at once; only the constraint is left.
    monkeypatch.setattr(services, "_lock_coordinators", lambda coordinator_id: [coordinator.pk])

    answers = race("20260303T1800Z")

    assert_one_booking_and_kind_answers(answers)
