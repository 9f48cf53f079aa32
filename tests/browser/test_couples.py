"""Couples in a browser: the coordinator places a couple from a client's page, then each
partner opens the link from their own email, in their own browser, and confirms alone.
Each sees their confirmation; axe-core finds nothing serious on any page."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from clients.roles import COORDINATOR
from enrollment.models import Enrollment
from notifications.dispatch import dispatch_due
from tests.factories import ClientFactory, CohortFactory, StaffUserFactory, TherapyGroupFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def link_in_email(to: str) -> str:
    """The confirmation link from the email that went to this address, made local."""
    (message,) = [m for m in mail.outbox if m.to == [to]]
    url = re.search(r"https?://\S+/enroll/confirm/[^\s\"<]+", message.body).group(0)
    return url.removeprefix(settings.SITE_URL)


def confirm_alone(browser, url: str, *, crisis: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your place"
    assert serious_violations(page) == []
    page.get_by_role("group", name="In the past two weeks").get_by_label(crisis, exact=True).check()
    page.get_by_label("I have read the group agreement and I agree to it").check()
    page.get_by_role("button", name="Confirm my place").click()
    page.get_by_text("Your place is confirmed").wait_for()
    assert serious_violations(page) == []
    context.close()


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
    confirm_alone(browser, live_server.url + link_in_email("ana@mail.example"), crisis="No")
    confirm_alone(browser, live_server.url + link_in_email("luis@mail.example"), crisis="No")

    statuses = dict(Enrollment.objects.values_list("client__email", "status"))
    assert statuses == {"ana@mail.example": "enrolled", "luis@mail.example": "enrolled"}
