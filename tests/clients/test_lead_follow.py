"""The lead follows the facts: each consultation and enrollment event moves the person's
open lead along the pipeline, with a timeline entry, through the real services."""

import datetime as dt

import pytest

from clients.models import Lead, LeadEvent
from clients.services import LeadFact, lead_follow
from consultations.services import consultation_book, consultation_complete, consultation_no_show
from enrollment import services as places
from tests.enrollment.helpers import sign_up
from tests.factories import (
    CohortFactory,
    CoordinatorFactory,
    EnrollmentFactory,
    LeadFactory,
    StaffUserFactory,
)
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db
L = Lead.Status

MONDAY = pacific(2026, 3, 2, 8)
TUESDAY_10 = pacific(2026, 3, 3, 10)


@pytest.fixture
def dana(db):
    return CoordinatorFactory(display_name="Dana")


def book(lead, actor=None):
    c = lead.client
    return consultation_book(
        starts_at=TUESDAY_10,
        first_name=c.first_name,
        email=c.email,
        phone=c.phone,
        actor=actor,
        now=MONDAY,
    )


def last_note(lead) -> str:
    return LeadEvent.objects.filter(lead=lead).order_by("-at", "-pk").first().note


def test_booking_a_consultation_moves_a_new_lead_to_consultation_booked(dana):
    lead = LeadFactory()

    book(lead)

    lead.refresh_from_db()
    assert lead.status == L.CONSULTATION_BOOKED
    assert Lead.objects.count() == 1
    assert last_note(lead) == "Booked a free consultation"


def test_a_booking_by_staff_counts_as_first_contact_and_makes_them_the_owner(dana, coordinator):
    lead = LeadFactory()

    book(lead, actor=coordinator)

    lead.refresh_from_db()
    assert lead.assignee == coordinator
    assert lead.first_contacted_at == MONDAY


def test_a_completed_consultation_moves_the_lead_to_consultation_done(dana, coordinator):
    lead = LeadFactory()
    consultation = book(lead)

    consultation_complete(
        consultation_id=consultation.pk, actor=coordinator, now=TUESDAY_10 + dt.timedelta(hours=1)
    )

    lead.refresh_from_db()
    assert lead.status == L.CONSULTATION_DONE
    event = LeadEvent.objects.filter(lead=lead).last()
    assert (event.from_status, event.to_status, event.actor) == (
        L.CONSULTATION_BOOKED,
        L.CONSULTATION_DONE,
        coordinator,
    )


def test_a_no_show_takes_the_lead_back_to_contacted_with_a_follow_up_that_day(dana, coordinator):
    lead = LeadFactory()
    consultation = book(lead)

    consultation_no_show(
        consultation_id=consultation.pk, actor=coordinator, now=TUESDAY_10 + dt.timedelta(hours=1)
    )

    lead.refresh_from_db()
    assert lead.status == L.CONTACTED
    assert lead.follow_up_on == dt.date(2026, 3, 3)
    assert last_note(lead) == "Missed the free consultation"


def test_a_sign_up_joins_the_persons_open_request_instead_of_starting_another(cohort):
    lead = LeadFactory(client__email="ana.rivera@mail.example")

    result = sign_up(cohort)

    assert Lead.objects.count() == 1
    assert result.enrollment.lead_id == lead.pk
    assert last_note(lead) == "Signed up for a group"


def test_a_sign_up_with_a_crisis_answer_flags_the_open_request_urgent(cohort):
    lead = LeadFactory(client__email="ana.rivera@mail.example", status=L.CONTACTED)

    sign_up(cohort, crisis=True)

    lead.refresh_from_db()
    assert lead.is_urgent


def test_a_sign_up_to_a_full_cohort_puts_the_lead_on_waitlisted(cohort):
    for taken in range(cohort.capacity):
        EnrollmentFactory(cohort=cohort, client__email=f"seat{taken}@mail.example")
    lead = LeadFactory(client__email="ana.rivera@mail.example")

    sign_up(cohort)

    lead.refresh_from_db()
    assert lead.status == L.WAITLISTED


def test_an_offer_then_an_enrollment_move_the_lead_to_offered_then_enrolled(cohort, coordinator):
    lead = LeadFactory(status=L.WAITLISTED)
    place = EnrollmentFactory(cohort=cohort, client=lead.client, lead=lead, waitlisted=True)

    places.offer_make(enrollment_id=place.pk, actor=coordinator)
    lead.refresh_from_db()
    assert lead.status == L.OFFERED

    places.offer_accept(enrollment_id=place.pk, actor=coordinator)
    lead.refresh_from_db()
    assert lead.status == L.OFFERED
    assert last_note(lead) == "Accepted the offered seat"

    places.enrollment_enroll(enrollment_id=place.pk, actor=coordinator)
    lead.refresh_from_db()
    assert lead.status == L.ENROLLED


def test_moving_a_place_to_the_waitlist_moves_the_lead_to_waitlisted(cohort, coordinator):
    lead = LeadFactory(status=L.CONTACTED)
    place = EnrollmentFactory(cohort=cohort, client=lead.client, lead=lead)

    places.enrollment_waitlist(enrollment_id=place.pk, actor=coordinator)

    lead.refresh_from_db()
    assert lead.status == L.WAITLISTED


def test_a_withdrawal_takes_an_enrolled_lead_back_to_contacted(cohort, coordinator):
    lead = LeadFactory(status=L.ENROLLED)
    place = EnrollmentFactory(cohort=cohort, client=lead.client, lead=lead, enrolled=True)

    places.enrollment_withdraw(enrollment_id=place.pk, actor=coordinator)

    lead.refresh_from_db()
    assert lead.status == L.CONTACTED
    assert last_note(lead) == "Left a group or its waitlist"


def test_a_lead_closed_by_hand_stays_closed_whatever_happens(cohort, coordinator):
    lead = LeadFactory(status=L.REFERRED_OUT)
    place = EnrollmentFactory(cohort=cohort, client=lead.client, lead=lead, waitlisted=True)

    places.offer_make(enrollment_id=place.pk, actor=coordinator)

    lead.refresh_from_db()
    assert lead.status == L.REFERRED_OUT
    assert not LeadEvent.objects.filter(lead=lead).exists()


def test_a_fact_never_moves_a_lead_backwards_along_the_pipeline():
    lead = LeadFactory(status=L.CONSULTATION_DONE)
    staff = StaffUserFactory()

    lead_follow(client_id=lead.client_id, event=LeadFact.CONSULTATION_BOOKED, by=staff, now=MONDAY)

    lead.refresh_from_db()
    assert lead.status == L.CONSULTATION_DONE
    event = LeadEvent.objects.get(lead=lead)
    assert (event.from_status, event.to_status) == (L.CONSULTATION_DONE, L.CONSULTATION_DONE)


def test_a_fact_about_someone_without_an_open_lead_starts_none_unless_it_is_a_request():
    closed = LeadFactory(status=L.NOT_A_FIT)

    assert lead_follow(client_id=closed.client_id, event=LeadFact.ENROLLED, now=MONDAY) is None
    assert Lead.objects.count() == 1


@pytest.fixture
def cohort(db):
    return CohortFactory(capacity=3, min_to_run=2)
