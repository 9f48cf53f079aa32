"""Every change to a client's details, a lead, an enrollment and an attendance mark keeps the
old value, the new value, who made it and when; admin shows it read-only."""

import datetime as dt
import html

import pytest

from clients.models import Client, ClientAccessLog, Lead
from clients.services import client_get_or_create, lead_move
from enrollment.services import enrollment_screen
from tests.factories import ClientFactory, EnrollmentFactory, LeadFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)


def changes(record):
    """{field: (old, new)} between a history row and the one before it."""
    delta = record.diff_against(record.prev_record)
    return {c.field: (c.old, c.new) for c in delta.changes}


def test_a_client_edited_in_admin_keeps_old_and_new_details_and_who(client, coordinator):
    person = ClientFactory(first_name="Ana", phone="951-555-0100", email="ana@mail.example")
    client.force_login(coordinator)

    response = client.post(
        f"/staff/clients/client/{person.pk}/change/",
        {
            "email": "ana@mail.example",
            "first_name": "Ana",
            "last_name": person.last_name,
            "preferred_name": "",
            "phone": "951-555-0199",
            "preferred_contact": "email",
            "state": "CA",
            "city": "Riverside",
            "language": "en",
            "leads-TOTAL_FORMS": "0",
            "leads-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    latest = person.history.first()
    assert latest.history_user == coordinator
    assert latest.history_type == "~"
    assert changes(latest) == {"phone": ("951-555-0100", "951-555-0199")}


def test_details_filled_in_from_a_public_form_are_recorded_with_no_user():
    client_get_or_create(email="noor@mail.example", first_name="Noor")

    client_get_or_create(email="NOOR@mail.example", first_name="Other", phone="951-555-0123")

    person = Client.objects.get()
    created, filled = person.history.order_by("history_date", "history_id")
    assert created.history_type == "+" and created.first_name == "Noor"
    assert changes(filled) == {"phone": ("", "951-555-0123")}
    assert filled.history_user is None


def test_a_lead_moved_by_the_coordinator_records_old_and_new_status_and_who(coordinator):
    lead = LeadFactory(status=Lead.Status.NEW)

    lead_move(lead_id=lead.pk, to_status=Lead.Status.CONTACTED, actor=coordinator, now=NOW)

    latest = lead.history.first()
    assert changes(latest)["status"] == ("new", "contacted")
    assert latest.history_user == coordinator


def test_an_enrollment_move_records_old_and_new_status_and_who(coordinator):
    enrollment = EnrollmentFactory()

    enrollment_screen(enrollment_id=enrollment.pk, actor=coordinator, now=NOW)

    latest = enrollment.history.first()
    assert changes(latest)["status"] == ("requested", "screening")
    assert latest.history_user == coordinator


def test_the_admin_history_page_shows_old_and_new_values_read_only_and_is_logged(
    client, coordinator
):
    lead = LeadFactory(status=Lead.Status.NEW)
    lead_move(lead_id=lead.pk, to_status=Lead.Status.CONTACTED, actor=coordinator, now=NOW)
    client.force_login(coordinator)

    response = client.get(f"/staff/clients/lead/{lead.pk}/history/")

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Old value" in page and "New value" in page
    assert "New</td><td>Contacted" in page.replace("\n", "")
    assert "Revert" not in page and "<form" not in page.split('id="content-main"')[1]
    row = ClientAccessLog.objects.get(where=f"admin lead #{lead.pk} change history")
    assert (row.client_id, row.user) == (lead.client_id, coordinator)


@pytest.mark.parametrize(
    "url",
    [
        "/staff/clients/client/{client}/history/",
        "/staff/enrollment/enrollment/{enrollment}/history/",
        "/staff/roster/attendance/{attendance}/history/",
    ],
)
def test_each_record_has_a_history_page(client, coordinator, url):
    from tests.factories import AttendanceFactory

    attendance = AttendanceFactory()
    enrollment = attendance.enrollment
    client.force_login(coordinator)

    response = client.get(
        url.format(client=enrollment.client_id, enrollment=enrollment.pk, attendance=attendance.pk)
    )

    assert response.status_code == 200
    assert "Created" in response.content.decode()


def test_a_request_typed_in_by_the_coordinator_names_them_on_the_new_clients_history(
    client, coordinator
):
    client.force_login(coordinator)

    client.post(
        "/staff/clients/lead/phone/",
        {
            "first_name": "Caller",
            "email": "caller@mail.example",
            "preferred_contact": "phone",
            "phone": "951-555-0111",
            "state": "CA",
            "interest": "group",
        },
    )

    created = Client.objects.get(email="caller@mail.example").history.get()
    assert (created.history_type, created.history_user) == ("+", coordinator)
