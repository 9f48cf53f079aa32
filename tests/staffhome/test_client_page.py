"""One admin page per client: contact details, then leads, consultations, places in groups
(status, waitlist position, offer deadline), attendance, emails, the timeline, the access
log link and the buttons. Opening it writes one access-log row."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from clients.models import ClientAccessLog, ClientNote, Lead, LeadEvent
from tests.factories import (
    AttendanceFactory,
    ClientFactory,
    CohortFactory,
    ConsultationFactory,
    EmergencyContactFactory,
    EnrollmentFactory,
    LeadFactory,
    MissedSessionsFlagFactory,
    NotificationFactory,
    SessionFactory,
)
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db
MONDAY_9 = pacific(2026, 12, 7, 9)


@pytest.fixture
def staff(client, coordinator, time_machine):
    time_machine.move_to(MONDAY_9, tick=False)
    client.force_login(coordinator)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def page_url(person) -> str:
    return reverse("admin:clients_client_change", args=[person.pk])


def test_the_client_page_shows_everything_about_the_person(staff):
    person = ClientFactory(first_name="Noor", email="noor@mail.example")
    LeadFactory(client=person, interest="group")
    ConsultationFactory(client=person, starts_at=pacific(2026, 12, 8, 10))
    cohort = CohortFactory(group__name="Steady Ground", capacity=1)
    EnrollmentFactory(cohort=cohort, enrolled=True)
    EnrollmentFactory(cohort=cohort, waitlisted=True, priority=1)
    EnrollmentFactory(cohort=cohort, client=person, waitlisted=True)
    other = CohortFactory(group__name="Calm Conversations")
    EnrollmentFactory(
        cohort=other, client=person, offered=True, offer_expires_at=pacific(2026, 12, 9, 18)
    )
    session = SessionFactory(cohort=CohortFactory(group__name="Past Group", sessions=False))
    place = EnrollmentFactory(cohort=session.cohort, client=person, enrolled=True)
    AttendanceFactory(session=session, enrollment=place)
    AttendanceFactory(
        session=SessionFactory(
            cohort=session.cohort, scheduled_date=session.scheduled_date + dt.timedelta(7)
        ),
        enrollment=place,
        absent=True,
    )
    NotificationFactory(kind="enrollment_waitlisted", to_email="noor@mail.example", sent=True)

    page = text(staff.get(page_url(person)))

    assert 'name="email"' in page  # contact details first, as a form
    for heading in (
        "Requests (leads)",
        "Consultations",
        "Places in groups and attendance",
        "Emails to them",
        "Timeline",
    ):
        assert heading in page
    assert "Tue Dec 8, 2026 10:00 AM" in page
    assert "Steady Ground" in page and "Waitlisted</td>" in page
    assert "<td>2</td>" in page  # second in line: one person with priority ahead
    assert "Wed Dec 9, 6:00 PM" in page  # the offer's deadline, Pacific
    assert "enrollment waitlisted" in page
    assert f"/staff/clients/clientaccesslog/?client={person.pk}" in page
    assert f"/staff/consultations/consultation/book/?client={person.pk}" in page
    assert "Log a call" in page and "Refer out" in page


def test_attendance_is_counted_per_cohort(staff):
    person = ClientFactory()
    session = SessionFactory(cohort=CohortFactory(group__name="Past Group", sessions=False))
    place = EnrollmentFactory(cohort=session.cohort, client=person, enrolled=True)
    AttendanceFactory(session=session, enrollment=place)
    later = SessionFactory(
        cohort=session.cohort, scheduled_date=session.scheduled_date + dt.timedelta(days=7)
    )
    AttendanceFactory(session=later, enrollment=place, absent=True)

    page = text(staff.get(page_url(person)))

    row = page[page.index("Past Group") :]
    row = row[: row.index("</tr>")]
    assert row.count("<td>1</td>") == 2 and "<td>0</td>" in row  # present 1, absent 1, excused 0


def test_opening_the_client_page_writes_one_access_log_row(staff, coordinator):
    person = ClientFactory()

    staff.get(page_url(person))

    log = ClientAccessLog.objects.get()
    assert (log.client, log.user, log.where) == (person, coordinator, f"admin client #{person.pk}")


@pytest.mark.parametrize("places", [1, 20])
def test_the_client_page_stays_within_twelve_queries(staff, django_assert_max_num_queries, places):
    person = ClientFactory()
    LeadFactory(client=person)
    EmergencyContactFactory(client=person)
    for _ in range(places):
        EnrollmentFactory(client=person, cohort=CohortFactory(sessions=False), waitlisted=True)
        MissedSessionsFlagFactory(enrollment__client=person)

    # Once before counting: Django reads content types once per process and caches them,
    # and a transactional test run earlier in the same process empties that cache.
    staff.get(page_url(person))
    with django_assert_max_num_queries(12):
        response = staff.get(page_url(person))

    assert response.status_code == 200
    assert response.content.decode().count("Two meetings missed in a row") == places


def test_the_coordinator_sees_the_emergency_contact_and_missed_sessions(staff):
    person = ClientFactory()
    EmergencyContactFactory(client=person, name="Rosa Delgado", phone="951-555-0188")
    MissedSessionsFlagFactory(enrollment__client=person)

    page = html.unescape(staff.get(page_url(person)).content.decode())

    assert "Rosa Delgado (Sister)" in page and "951-555-0188" in page
    assert "Missed sessions" in page and "Open" in page


def test_logging_a_call_from_the_client_page_marks_their_open_lead_contacted(staff, coordinator):
    person = ClientFactory()
    lead = LeadFactory(client=person)

    staff.post(
        reverse("admin:clients_client_call", args=[person.pk]),
        {"call-note": "Asked about evening groups.", "call-follow_up_on": ""},
    )

    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED and lead.assignee == coordinator
    assert ClientNote.objects.get().lead == lead


def test_a_call_with_someone_without_a_lead_is_still_noted(staff, coordinator):
    person = ClientFactory()

    staff.post(
        reverse("admin:clients_client_call", args=[person.pk]), {"call-note": "Wrong number."}
    )

    assert ClientNote.objects.get().client == person
    assert not Lead.objects.exists()


def test_refer_out_closes_every_open_request_with_where_to(staff, coordinator):
    person = ClientFactory()
    open_leads = LeadFactory.create_batch(2, client=person)
    LeadFactory(client=person, status=Lead.Status.ENROLLED)

    staff.post(
        reverse("admin:clients_client_refer", args=[person.pk]),
        {"refer-note": "Individual therapy with a DBT clinic"},
    )

    for lead in open_leads:
        lead.refresh_from_db()
        assert lead.status == Lead.Status.REFERRED_OUT
    assert Lead.objects.filter(status=Lead.Status.ENROLLED).count() == 1
    assert set(LeadEvent.objects.values_list("note", flat=True)) == {
        "Individual therapy with a DBT clinic"
    }


def test_refer_out_without_where_to_or_without_an_open_request_saves_nothing(staff):
    person = ClientFactory()
    lead = LeadFactory(client=person)
    nobody = ClientFactory()

    no_note = staff.post(
        reverse("admin:clients_client_refer", args=[person.pk]), {"refer-note": ""}, follow=True
    )
    no_lead = staff.post(
        reverse("admin:clients_client_refer", args=[nobody.pk]),
        {"refer-note": "Elsewhere"},
        follow=True,
    )

    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW
    assert not LeadEvent.objects.exists()
    assert "Please say where they were referred to." in text(no_note)
    assert "no open request to refer out" in text(no_lead)


def test_book_a_consultation_opens_the_caller_picker_filled_in(staff):
    person = ClientFactory(first_name="Noor", email="noor@mail.example", phone="951-555-0123")

    page = text(staff.get(f"/staff/consultations/consultation/book/?client={person.pk}"))

    assert 'value="noor@mail.example"' in page and 'value="951-555-0123"' in page
    assert ClientAccessLog.objects.filter(client=person).count() == 1


def test_emails_sent_before_the_person_changed_their_address_stay_on_their_timeline(staff):
    person = ClientFactory(first_name="Noor", email="noor@old.example")
    NotificationFactory(kind="enrollment_waitlisted", to_email="noor@old.example", sent=True)
    person.email = "noor@new.example"
    person.save()
    NotificationFactory(kind="enrollment_offered", to_email="Noor@New.example", sent=True)
    NotificationFactory(kind="enrollment_enrolled", to_email="someone@else.example", sent=True)

    page = text(staff.get(page_url(person)))
    timeline = page[page.index("Timeline") :]

    assert "enrollment waitlisted" in timeline
    assert "enrollment offered" in timeline
    assert "enrollment enrolled" not in timeline
