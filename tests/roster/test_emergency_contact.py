"""Emergency contacts: the member gives one through their own link once enrolled; the
cohort's therapists see it only after a deliberate, logged "Show"; the coordinator sees it;
nobody else does."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from clients.emergency import WHY_WE_ASK, emergency_contact_for, emergency_contact_save
from clients.models import ClientAccessLog, EmergencyContact
from enrollment.forms import CONTACT_INCOMPLETE
from enrollment.links import manage_path
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Rosa Delgado", "relationship": "Sister", "phone": "951-555-0188"}


@pytest.fixture
def with_contact(member):
    emergency_contact_save(client_id=member.client_id, **CONTACT)
    return member


def show(client, cohort, enrollment):
    return client.post(reverse("roster:emergency", args=[cohort.pk]), {"member": enrollment.pk})


# --- the member ------------------------------------------------------------------------------
def test_an_enrolled_member_is_asked_for_a_contact_and_told_why(client, member):
    page = client.get(manage_path(member.pk)).content.decode()

    assert "Emergency contact" in page
    assert escape(str(WHY_WE_ASK)) in page
    assert 'name="phone"' in page


def test_nobody_is_asked_before_their_place_is_an_enrollment(client, running_cohort):
    pending = EnrollmentFactory(cohort=running_cohort)

    page = client.get(manage_path(pending.pk)).content.decode()

    assert "Emergency contact" not in page


def test_a_member_adds_then_changes_their_contact_through_their_link(client, member):
    url = manage_path(member.pk)

    client.post(url, {"action": "emergency_contact", **CONTACT})
    client.post(url, {"action": "emergency_contact", **CONTACT, "phone": "951-555-0199"})

    contact = EmergencyContact.objects.get(client=member.client)
    assert (contact.name, contact.relationship, contact.phone) == (
        "Rosa Delgado",
        "Sister",
        "951-555-0199",
    )
    assert 'value="951-555-0199"' in client.get(url).content.decode()


def test_a_name_without_a_phone_is_refused_and_nothing_is_saved(client, member):
    response = client.post(
        manage_path(member.pk), {"action": "emergency_contact", "name": "Rosa", "phone": ""}
    )

    assert str(CONTACT_INCOMPLETE) in response.content.decode()
    assert EmergencyContact.objects.count() == 0


def test_emptying_the_fields_removes_the_contact(client, with_contact):
    client.post(
        manage_path(with_contact.pk),
        {"action": "emergency_contact", "name": "", "relationship": "", "phone": ""},
    )

    assert EmergencyContact.objects.count() == 0


# --- staff -----------------------------------------------------------------------------------
def test_the_roster_says_a_contact_is_on_file_but_not_what_it_is(
    as_user, therapist, running_cohort, with_contact
):
    page = as_user(therapist.user).get(reverse("roster:cohort", args=[running_cohort.pk]))

    text = page.content.decode()
    assert "Show<span" in text
    assert "Rosa Delgado" not in text and "0188" not in text


def test_the_cohorts_therapist_sees_the_contact_after_show_and_the_look_is_logged(
    as_user, therapist, running_cohort, with_contact
):
    ClientAccessLog.objects.all().delete()

    response = show(as_user(therapist.user), running_cohort, with_contact)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Rosa Delgado" in text and "Sister" in text and 'href="tel:9515550188"' in text
    log = ClientAccessLog.objects.get()
    assert (log.client_id, log.user_id) == (with_contact.client_id, therapist.user_id)
    assert log.where == f"emergency contact, cohort {running_cohort.pk}"


def test_show_is_a_post_so_the_member_never_appears_in_a_url(
    as_user, therapist, running_cohort, with_contact
):
    url = reverse("roster:emergency", args=[running_cohort.pk])
    assert as_user(therapist.user).get(url).status_code == 405


def test_another_therapist_gets_a_404_and_nothing_is_logged(
    as_user, other_therapist, running_cohort, with_contact
):
    ClientAccessLog.objects.all().delete()

    response = show(as_user(other_therapist.user), running_cohort, with_contact)

    assert response.status_code == 404
    assert "Rosa" not in response.content.decode()
    assert ClientAccessLog.objects.count() == 0


def test_a_member_of_another_cohort_cannot_be_shown_through_this_one(
    as_user, therapist, running_cohort, other_cohort
):
    stranger = EnrollmentFactory(cohort=other_cohort, enrolled=True)
    emergency_contact_save(client_id=stranger.client_id, **CONTACT)

    response = show(as_user(therapist.user), running_cohort, stranger)

    assert response.status_code == 404


def test_the_coordinator_sees_the_contact(as_user, coordinator, running_cohort, with_contact):
    response = show(as_user(coordinator), running_cohort, with_contact)

    assert "Rosa Delgado" in response.content.decode()
    # The coordinator's client page reads it through this selector.
    assert emergency_contact_for(with_contact.client).phone == "951-555-0188"


def test_staff_who_are_neither_see_nothing(as_user, plain_user, running_cohort, with_contact):
    plain_user.is_staff = True
    plain_user.save()

    response = show(as_user(plain_user), running_cohort, with_contact)

    assert response.status_code == 403
    assert "Rosa" not in response.content.decode()


def test_the_print_sheet_adds_contacts_only_when_asked_and_logs_that_look(
    as_user, therapist, running_cohort, with_contact
):
    client = as_user(therapist.user)
    session = running_cohort.sessions.order_by("starts_at").last()
    url = reverse("roster:print", args=[session.pk])
    ClientAccessLog.objects.all().delete()

    plain = client.get(url).content.decode()
    full = client.post(url, {"contacts": "show"}).content.decode()

    assert "Lex" in plain and "951-555-0133" in plain and "Rosa Delgado" not in plain
    assert "Garcia" not in plain  # first names only on paper
    assert "Rosa Delgado (Sister), 951-555-0188" in full
    assert [log.where for log in ClientAccessLog.objects.order_by("pk")] == [
        f"print roster, session {session.pk}",
        f"print roster with emergency contacts, session {session.pk}",
    ]
