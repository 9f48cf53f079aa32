"""Couples in a browser. A visitor signs up with their partner for the demo couples group;
the partner opens the link from their own email in a second browser and confirms alone.
And the coordinator places a couple from a client's page, each partner confirming from
their own email. Everyone sees their confirmation; axe-core finds nothing serious on any
page."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from demo import practice as demo
from enrollment.models import Enrollment
from notifications.dispatch import dispatch_due
from security.roles import COORDINATOR
from tests.factories import ClientFactory, CohortFactory, StaffUserFactory, TherapyGroupFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def link_in_email(to: str) -> str:
    """The confirmation link from the email that went to this address, made local."""
    (message,) = [m for m in mail.outbox if m.to == [to]]
    url = re.search(r"https?://\S+/enroll/confirm/[^\s\"<]+", message.body).group(0)
    return url.removeprefix(settings.SITE_URL)


def on_a_phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    return context, context.new_page()


def confirm_alone(browser, url: str, *, crisis: str) -> str:
    """Answers the three questions on the partner's own page; returns what it then says."""
    context, page = on_a_phone(browser)
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your place"
    assert serious_violations(page) == []
    page.get_by_role("group", name="In the past two weeks").get_by_label(crisis, exact=True).check()
    page.get_by_label("I have read the group agreement and I agree to it").check()
    page.get_by_role("button", name="Confirm my place").click()
    page.get_by_role("heading", name=re.compile("^Thank you")).wait_for()
    assert serious_violations(page) == []
    said = page.locator("main").inner_text()
    context.close()
    return said


def test_a_visitor_signs_up_with_their_partner_and_the_partner_confirms_alone(live_server, browser):
    demo.seed()
    context, page = on_a_phone(browser)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/groups/couples-skills/")
    page.get_by_role("link", name=re.compile("^Sign up")).first.click()
    page.wait_for_url("**/enroll/*/")
    assert serious_violations(page) == []

    page.get_by_role("textbox", name=re.compile("^First name")).fill("Ana")
    page.get_by_role("textbox", name=re.compile("^Email")).fill("ana@mail.example")
    page.get_by_label("Your partner's first name").fill("Luis")
    page.get_by_label("Your partner's email").fill("luis@mail.example")
    page.get_by_label("I am 18 or older").check()
    page.get_by_label("City").fill("Murrieta")
    page.get_by_role("group", name=re.compile("seeing a therapist")).get_by_label("No").check()
    safety = page.get_by_role("group", name=re.compile("harming yourself"))
    safety.get_by_label("No", exact=True).check()
    page.get_by_label("I have read the group agreement and I agree to it").check()
    page.get_by_role("button", name="Send my sign-up").click()
    page.wait_for_url("**/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you, Ana"
    assert serious_violations(page) == []
    assert errors == []
    context.close()

    dispatch_due(now=timezone.now())
    said = confirm_alone(browser, live_server.url + link_in_email("luis@mail.example"), crisis="No")

    assert "Thank you, Luis" in said and "Your seat is kept for you" in said
    assert "Ana" not in said  # nothing of the partner's on this page
    statuses = dict(
        Enrollment.objects.filter(
            couple__isnull=False, client__email__endswith="mail.example"
        ).values_list("client__email", "status")
    )
    assert statuses == {"ana@mail.example": "requested", "luis@mail.example": "requested"}


def test_the_coordinator_places_a_couple_and_each_partner_confirms_alone(live_server, browser):
    StaffUserFactory(username="coordinator", first_name="Dana", roles=[COORDINATOR])
    group = TherapyGroupFactory(name="Relationship skills for couples", focus="couples")
    CohortFactory(group=group, capacity=12)
    ClientFactory(first_name="Ana", last_name="Reyes", email="ana@mail.example")

    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/staff/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("link", name="Clients", exact=True).click()
    page.get_by_role("link", name="Ana Reyes").click()
    page.get_by_role("link", name="Place as a couple").click()
    page.wait_for_url("**/enrollment/enrollment/place-couple/?client=*")
    assert serious_violations(page) == []
    page.get_by_label("Relationship skills for couples", exact=False).check()
    page.get_by_label("Partner's email").fill("luis@mail.example")
    page.get_by_label("Partner's first name").fill("Luis")
    page.get_by_role("button", name="Place the couple").click()
    page.wait_for_url("**/clients/client/*/change/**")
    expect(page.get_by_text("Ana Reyes and Luis have two seats held together")).to_be_visible()
    expect(page.get_by_role("link", name="Luis")).to_be_visible()
    assert serious_violations(page) == []
    context.close()

    dispatch_due(now=timezone.now())
    for email in ("ana@mail.example", "luis@mail.example"):
        said = confirm_alone(browser, live_server.url + link_in_email(email), crisis="No")
        assert "Your place is confirmed" in said

    statuses = dict(Enrollment.objects.values_list("client__email", "status"))
    assert statuses == {"ana@mail.example": "enrolled", "luis@mail.example": "enrolled"}
