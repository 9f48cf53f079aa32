"""A person placed in a group by the coordinator confirms it on a phone from the emailed
link: the safety question answers at once, and the page passes axe."""

import pytest
from django.urls import reverse

from clients.models import Client
from enrollment import services
from enrollment.links import manage_token
from enrollment.models import Enrollment
from tests.factories import CohortFactory, StaffUserFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_placed_person_confirms_their_place_from_the_emailed_link(live_server, browser):
    cohort = CohortFactory(capacity=3, group__name="Calm Conversations")
    person = Client.objects.create(email="paz@mail.example", first_name="Paz", state="CA")
    placed = services.enrollment_place(
        client_id=person.pk, cohort_id=cohort.pk, actor=StaffUserFactory()
    ).enrollment
    url = live_server.url + reverse("enrollment:confirm", kwargs={"token": manage_token(placed.pk)})
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your place"
    assert serious_violations(page) == []
    resources = page.get_by_role("heading", name="You don't have to wait for us")
    assert not resources.is_visible()
    safety = page.get_by_role("group", name="In the past two weeks")
    safety.get_by_label("Yes", exact=True).check()
    assert resources.is_visible()
    safety.get_by_label("No", exact=True).check()
    assert not resources.is_visible()
    page.get_by_label("I have read the group agreement and I agree to it").check()
    page.get_by_role("button", name="Confirm my place").click()

    page.get_by_text("Your place is confirmed").wait_for()
    assert serious_violations(page) == []
    assert errors == []
    assert Enrollment.objects.get(pk=placed.pk).status == Enrollment.Status.ENROLLED
    context.close()
