"""Two visitors on phones: the first takes the last seat, the second lands on the waitlist
and then leaves it from their private link."""

import re

import pytest

from enrollment.links import manage_path
from enrollment.models import Enrollment
from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def last_seat(db):
    group = TherapyGroupFactory(name="Calm Conversations", slug="calm-conversations")
    return CohortFactory(group=group, capacity=2, min_to_run=1)


def fill_in_the_form(page, *, first_name: str, email: str, crisis: str = "No") -> None:
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("I am 18 or older").check()
    page.get_by_label("City").fill("Temecula")
    page.get_by_role("group", name=re.compile("seeing a therapist")).get_by_label("No").check()
    page.get_by_label("What would you like to get from the group?").fill("Calmer evenings.")
    safety = page.get_by_role("group", name=re.compile("harming yourself"))
    safety.get_by_label(crisis, exact=True).check()
    page.get_by_label("I have read the group agreement and I agree to it").check()


def open_context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    return context, context.new_page()


def test_a_visitor_signs_up_from_the_home_page_and_the_next_one_lands_on_the_waitlist(
    live_server, browser, last_seat
):
    EnrollmentFactory(cohort=last_seat, enrolled=True)
    errors: list[str] = []

    context, page = open_context(browser)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Calm Conversations").first.click()
    page.wait_for_url("**/groups/calm-conversations/**")
    page.get_by_role("link", name=re.compile("^Sign up")).first.click()
    page.wait_for_url(f"**/enroll/{last_seat.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign up for this group"
    assert serious_violations(page) == []

    # The safety question answers at once, before anything is sent.
    resources = page.get_by_role("heading", name="You don't have to wait for us")
    assert not resources.is_visible()
    fill_in_the_form(page, first_name="Maya", email="maya@mail.example", crisis="Yes")
    assert resources.is_visible()
    page.get_by_role("group", name=re.compile("harming yourself")).get_by_label(
        "No", exact=True
    ).check()
    assert not resources.is_visible()

    page.get_by_role("button", name="Send my sign-up").click()
    page.wait_for_url(f"**/enroll/{last_seat.pk}/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you, Maya"
    assert page.get_by_text("holding a seat for you").is_visible()
    assert serious_violations(page) == []
    context.close()

    context, page = open_context(browser)
    page.goto(live_server.url + "/groups/calm-conversations/")
    page.get_by_role("link", name=re.compile("^Join the waitlist")).first.click()
    assert page.get_by_text("This group is full right now").is_visible()
    # Sent empty: the errors are shown in a red that reads (4.5:1) and fields that show.
    page.get_by_role("button", name="Join the waitlist").click()
    page.locator("#form-problems").wait_for()
    assert serious_violations(page) == []
    fill_in_the_form(page, first_name="Lee", email="lee@mail.example")
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_url(f"**/enroll/{last_seat.pk}/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "You're on the waitlist"
    assert serious_violations(page) == []

    # The link from the waitlist email: where they stand, and a way out.
    lee = Enrollment.objects.get(client__email="lee@mail.example")
    page.goto(live_server.url + manage_path(lee.pk))
    assert page.get_by_text("next in line").is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Yes, I want to leave the waitlist").check()
    page.get_by_role("button", name="Take me off the list").click()
    page.get_by_text("You're off the list").wait_for()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "You're not on the list for this group"
    )
    context.close()

    statuses = dict(Enrollment.objects.values_list("client__email", "status"))
    assert statuses["maya@mail.example"] == "requested"
    assert statuses["lee@mail.example"] == "withdrawn"
    assert errors == []
