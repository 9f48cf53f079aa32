"""The coordinator's morning in admin, found by visible labels: sign in, open Today, open
the urgent lead, log a call with a note and a follow-up date, book that person a
consultation, then place another person in a cohort from their client page. axe-core finds
nothing serious on Today, the lead page, the client page and the placement page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from clients.models import ClientNote, Lead
from consultations.models import Consultation
from enrollment.models import Enrollment
from notifications.models import Notification
from security.roles import COORDINATOR
from tests.factories import (
    CohortFactory,
    CoordinatorFactory,
    LeadFactory,
    StaffUserFactory,
    TherapyGroupFactory,
)

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def every_day_9_to_5():
    return [(day, dt.time(9), dt.time(17)) for day in range(7)]


def test_the_coordinator_works_the_urgent_lead_and_books_a_call(live_server, page):
    user = StaffUserFactory(username="coordinator", first_name="Dana", roles=[COORDINATOR])
    CoordinatorFactory(user=user, display_name="Dana", hours=every_day_9_to_5())
    LeadFactory(client__first_name="Sam", client__last_name="Ortega", urgent=True)
    alex = LeadFactory(client__first_name="Alex", client__last_name="Kim").client
    CohortFactory(group=TherapyGroupFactory(name="Thursday men's group"), capacity=8)
    # No console check here: Django admin's own scripts set inline styles, which the CSP
    # refuses harmlessly on every admin page.

    page.goto(live_server.url + "/staff/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/staff/")
    expect(page.get_by_role("heading", name="Needs action")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("link", name="urgent, not yet contacted").click()
    page.wait_for_url("**/clients/lead/?attention=urgent")
    page.get_by_role("link", name="Sam Ortega").click()
    page.wait_for_url("**/clients/lead/*/change/**")
    assert serious_violations(page) == []

    follow_up = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    page.get_by_label("What happened on the call").fill("Talked it through; wants a call.")
    page.locator("#id_call-follow_up_on").fill(follow_up)
    page.get_by_role("button", name="Log the call").click()
    expect(page.get_by_text("Call logged.")).to_be_visible()
    lead = Lead.objects.get(client__first_name="Sam")
    assert lead.status == Lead.Status.CONTACTED and lead.follow_up_on.isoformat() == follow_up
    assert ClientNote.objects.get().text == "Talked it through; wants a call."

    page.get_by_role("link", name="Client page").click()
    page.wait_for_url("**/clients/client/*/change/**")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Book a consultation").click()
    page.wait_for_url("**/consultations/consultation/book/?client=*")
    assert page.get_by_label("Email").input_value() == lead.client.email
    page.get_by_label("Time (Pacific)").select_option(index=1)
    page.get_by_role("button", name="Book the call").click()

    page.wait_for_url("**/consultations/consultation/day/**")
    booked = Consultation.objects.get()
    assert booked.client == lead.client
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONSULTATION_BOOKED

    # Alex talked it over on the phone yesterday: the coordinator places him in a group.
    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Clients", exact=True).click()
    page.get_by_role("link", name="Alex Kim").click()
    page.get_by_role("link", name="Place in a cohort").click()
    page.wait_for_url("**/enrollment/enrollment/place/?client=*")
    assert serious_violations(page) == []
    page.get_by_label("Thursday men's group", exact=False).check()
    page.get_by_role("button", name="Place in this cohort").click()

    page.wait_for_url("**/clients/client/*/change/**")
    expect(page.get_by_text("Alex Kim has a seat held in")).to_be_visible()
    placed = Enrollment.objects.get(client=alex)
    assert placed.status == Enrollment.Status.PLACED
    assert Notification.objects.filter(to_email=alex.email, kind="enrollment_placement").exists()
