"""The coordinator's placement page, the waitlist list and what admin messages say followed."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from clients.models import ClientAccessLog
from enrollment import services
from enrollment.models import Enrollment, EnrollmentEvent
from groups_site.timezones import PACIFIC
from notifications.models import Notification
from tests.factories import ClientFactory, CohortFactory, EnrollmentFactory

from .helpers import fill, sign_up, text

pytestmark = pytest.mark.django_db
S = Enrollment.Status
PLACE = reverse("admin:enrollment_enrollment_place")
CHANGELIST = reverse("admin:enrollment_enrollment_changelist")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def notes(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_placement_page_lists_cohorts_taking_sign_ups_and_records_the_view(
    staff, coordinator, cohort
):
    person = ClientFactory(first_name="Paz", last_name="Luna")
    CohortFactory(draft=True, group__name="Not Yet")

    response = staff.get(PLACE, {"client": person.pk})

    page = text(response)
    assert response.status_code == 200
    assert "Place in a group: Paz Luna" in page
    assert "Steady Ground" in page and "3 of 3 seats free" in page
    assert "Not Yet" not in page
    assert ClientAccessLog.objects.filter(client=person, user=coordinator).count() == 1


def test_placing_from_admin_holds_the_seat_and_says_so(staff, coordinator, cohort):
    person = ClientFactory(first_name="Paz", last_name="Luna")

    response = staff.post(PLACE, {"client": person.pk, "cohort": cohort.pk}, follow=True)

    [message] = notes(response)
    assert message.startswith(f"Paz Luna has a seat held in {cohort} until ")
    enrollment = Enrollment.objects.get(client=person)
    assert enrollment.status == S.PLACED
    assert enrollment.events.get().actor == coordinator
    assert response.redirect_chain[-1][0] == reverse(
        "admin:clients_client_change", args=[person.pk]
    )


def test_placing_in_a_full_cohort_says_the_person_is_on_its_waitlist(staff, cohort):
    fill(cohort, 3)
    person = ClientFactory(first_name="Paz", last_name="Luna")

    response = staff.post(PLACE, {"client": person.pk, "cohort": cohort.pk}, follow=True)

    assert notes(response) == [
        f"{cohort} was full, so Paz Luna is on its waitlist instead, number 1 in line. We "
        "emailed them a link to confirm the group agreement, their location and the safety "
        "question."
    ]


def test_adding_to_a_waitlist_from_admin(staff, cohort):
    person = ClientFactory(first_name="Paz", last_name="Luna")

    page = text(staff.get(PLACE, {"client": person.pk, "waitlist": "1"}))
    response = staff.post(
        PLACE, {"client": person.pk, "cohort": cohort.pk, "waitlist": "1"}, follow=True
    )

    assert "Add to a waitlist: Paz Luna" in page
    assert notes(response)[0].startswith(f"Paz Luna is on the waitlist for {cohort}, number 1")
    assert Enrollment.objects.get(client=person).status == S.WAITLISTED


def test_a_refused_placement_shows_why_and_saves_nothing(staff, cohort):
    member = sign_up(cohort).enrollment
    before = (
        Enrollment.objects.count(),
        EnrollmentEvent.objects.count(),
        Notification.objects.count(),
    )

    response = staff.post(PLACE, {"client": member.client_id, "cohort": cohort.pk})

    assert response.status_code == 200
    assert services.ALREADY_HAS_PLACE in text(response)
    after = (
        Enrollment.objects.count(),
        EnrollmentEvent.objects.count(),
        Notification.objects.count(),
    )
    assert after == before


def test_someone_without_the_right_cannot_place(client, cohort, therapist):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory(is_staff=True))

    response = client.post(PLACE, {"client": ClientFactory().pk, "cohort": cohort.pk})

    assert response.status_code in (302, 403)
    assert not Enrollment.objects.exists()


# --- the waitlist in admin ------------------------------------------------------------------


def test_the_waitlist_shows_positions_in_the_order_offers_go_out(
    staff, cohort, django_assert_max_num_queries
):
    fill(cohort, 3)
    first = sign_up(cohort, email="w1@mail.example").enrollment
    second = sign_up(cohort, email="w2@mail.example").enrollment
    jumped = sign_up(cohort, email="w3@mail.example").enrollment
    Enrollment.objects.filter(pk=jumped.pk).update(priority=5)

    with django_assert_max_num_queries(14):
        response = staff.get(CHANGELIST, {"status__exact": "waitlisted"})

    rows = response.context["cl"].result_list
    assert [e.pk for e in rows] == [jumped.pk, first.pk, second.pk]
    assert [e.waitlist_position for e in rows] == [1, 2, 3]


def test_the_waitlist_page_costs_the_same_queries_with_many_people(
    staff, cohort, django_assert_max_num_queries
):
    fill(cohort, 3)
    EnrollmentFactory.create_batch(40, cohort=cohort, waitlisted=True)

    with django_assert_max_num_queries(14):
        response = staff.get(CHANGELIST, {"status__exact": "waitlisted"})

    assert response.context["cl"].result_count == 40


def test_the_ending_soon_filter_shows_offers_and_placements_ending_within_a_day(staff, cohort):
    now = timezone.now()
    soon = EnrollmentFactory(
        cohort=cohort, offered=True, offer_expires_at=now + dt.timedelta(hours=5)
    )
    placed = EnrollmentFactory(
        cohort=cohort, placed=True, offer_expires_at=now + dt.timedelta(hours=20)
    )
    EnrollmentFactory(cohort=cohort, offered=True, offer_expires_at=now + dt.timedelta(hours=40))

    rows = staff.get(CHANGELIST, {"ending": "24h"}).context["cl"].result_list

    assert {e.pk for e in rows} == {soon.pk, placed.pk}


def test_withdrawing_a_member_says_the_freed_seat_was_offered_and_until_when(staff, cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="next@mail.example").enrollment
    data = {"action": "withdraw", ACTION_CHECKBOX_NAME: [members[0].enrollment.pk]}

    response = staff.post(CHANGELIST, data, follow=True)

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    until = waiting.offer_expires_at.astimezone(PACIFIC).strftime("%a %-d %b, %-I:%M %p")
    assert notes(response) == [
        "1 enrollment withdrawn; the freed seat was offered to the next person on the "
        f"waitlist until {until}."
    ]


def test_withdrawing_with_nobody_waiting_says_only_what_was_done(staff, cohort):
    members = fill(cohort, 2)
    data = {"action": "withdraw", ACTION_CHECKBOX_NAME: [members[0].enrollment.pk]}

    response = staff.post(CHANGELIST, data, follow=True)

    assert notes(response) == ["1 enrollment withdrawn."]


@pytest.mark.parametrize("cohorts", [1, 12])
def test_the_placement_page_costs_the_same_queries_with_many_cohorts(
    staff, cohorts, django_assert_max_num_queries
):
    CohortFactory.create_batch(cohorts, capacity=4)
    person = ClientFactory()

    with django_assert_max_num_queries(12):
        response = staff.get(PLACE, {"client": person.pk})

    assert len(response.context["form"].fields["cohort"].queryset) == cohorts
