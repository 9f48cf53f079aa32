"""The cohort admin, as the enrollment app extends it: a capacity raised in admin offers the
freed seats at once, and the coordinator is told how many went out."""

import pytest
from django.urls import reverse

from enrollment.admin_cohort import NO_OFFERS
from enrollment.models import Enrollment
from notifications.kinds import Kind
from notifications.models import Notification
from tests.cohorts.test_admin import _form_data
from tests.factories import EnrollmentFactory

from .helpers import fill, sign_up

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def save_in_admin(staff, cohort, **changes):
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    response = staff.post(url, _form_data(cohort, **changes), follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]
    return [str(m) for m in response.context["messages"]]


def test_raising_the_capacity_in_admin_offers_the_new_seats_and_says_how_many(staff, cohort):
    fill(cohort, 3)
    waiting = [sign_up(cohort, email=f"w{i}@mail.example").enrollment for i in range(3)]

    shown = save_in_admin(staff, cohort, capacity=5)

    statuses = [Enrollment.objects.get(pk=e.pk).status for e in waiting]
    assert statuses == [S.OFFERED, S.OFFERED, S.WAITLISTED]
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED).count() == 2
    assert any(
        m.startswith("Capacity changed: 2 freed seats were offered to the next people")
        for m in shown
    ), shown


def test_raising_the_capacity_with_nobody_waiting_says_no_seat_was_offered(staff, cohort):
    fill(cohort, 3)

    shown = save_in_admin(staff, cohort, capacity=4)

    assert NO_OFFERS in shown
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED).count() == 0


def test_editing_a_cohort_in_admin_without_touching_capacity_offers_nothing(staff, cohort):
    # A free seat left unoffered (a coordinator's choice, say) stays theirs to give.
    fill(cohort, 2)
    waiting = EnrollmentFactory(cohort=cohort, waitlisted=True)

    shown = save_in_admin(staff, cohort, fee_text="$65 per meeting")

    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert not any("Capacity changed" in m for m in shown), shown
