"""A visitor on a phone in New York books a free call from the home page, then moves it."""

import datetime as dt
import re

import pytest
from django.conf import settings

from consultations.models import Consultation
from tests.factories import CoordinatorFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(new_context):
    context = new_context(timezone_id="America/New_York", viewport={"width": 390, "height": 844})
    return context.new_page()


def every_day_9_to_5():
    return [(day, dt.time(9), dt.time(17)) for day in range(7)]


def test_a_visitor_books_a_free_call_from_the_home_page_and_sees_the_confirmation(
    live_server, phone
):
    # More notice than the change window: whatever the hour the test runs at, every time on
    # offer can still be moved, so the confirmation offers "Choose another time".
    notice = settings.CONSULTATION_CHANGE_WINDOW_HOURS + 1
    CoordinatorFactory(display_name="Dana", min_notice_hours=notice, hours=every_day_9_to_5())
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Book a free 15-minute consultation").click()
    phone.wait_for_url("**/consultation/")
    assert phone.locator("h1").inner_text() == "Book a free 15-minute call"
    # The script adds New York time under each Pacific time (EST or EDT by the season).
    assert re.search(r"\bE[SD]T\b", phone.locator(".slot-day .slot-time").first.inner_text())
    assert serious_violations(phone) == []

    first_time = phone.locator(".slot-day .slot-time time").first.inner_text()
    phone.locator(".slot-day .slot-time").first.click()
    phone.get_by_label("First name").fill("Ana")
    phone.get_by_label("Email").fill("ana@mail.example")
    phone.get_by_role("textbox", name="Phone").fill("951-555-0199")
    phone.get_by_label("Couples counseling").check()
    phone.get_by_role("button", name="Book my free call").click()

    phone.wait_for_url("**/consultation/c/**")
    assert phone.locator("h1").inner_text() == "You're booked, Ana"
    assert first_time in phone.locator(".lead").inner_text()
    assert serious_violations(phone) == []
    consultation = Consultation.objects.get()
    assert consultation.client.email == "ana@mail.example"
    assert consultation.lead.interest == "couples"

    phone.get_by_role("link", name="Choose another time").click()
    # A time on another day: late in the afternoon the booked time can be that day's only one.
    # The picker shows one day's times; "Later times" pages on to the next week, no script.
    phone.get_by_role("link", name="Later times").click()
    phone.wait_for_url("**/reschedule/?from=**")
    other_day = phone.locator(".slot-day")
    new_time = other_day.locator(".slot-time time").first.inner_text()
    other_day.locator(".slot-time").first.click()
    phone.get_by_role("button", name="Move my call").click()
    phone.wait_for_url("**/consultation/c/**")
    assert "Done: your call is now on" in phone.locator(".alert").first.inner_text()
    assert new_time in phone.locator(".lead").inner_text()
    assert list(Consultation.objects.order_by("pk").values_list("status", flat=True)) == [
        "rescheduled",
        "booked",
    ]
    assert errors == []
