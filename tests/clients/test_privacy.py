"""Data rights: a client's data exported as JSON, erased on request, and erased by the
retention rule once a closed lead has been kept long enough."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from clients import tasks
from clients.models import Client, ClientAccessLog, EmergencyContact, Lead
from clients.privacy import (
    ERASED_FIRST_NAME,
    ErasureRefused,
    client_erase,
    client_export,
    closed_leads_erase,
    erased_email,
)
from clients.services import lead_move
from consultations.models import Consultation
from enrollment.models import Enrollment
from notifications.models import Notification
from tests.factories import (
    AttendanceFactory,
    ClientFactory,
    ClientNoteFactory,
    ConsultationFactory,
    EmergencyContactFactory,
    EnrollmentFactory,
    LeadEventFactory,
    LeadFactory,
    NotificationFactory,
    TherapistFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def person(db):
    """Someone with a bit of everything: details, a lead with a note, a past call, a finished
    place in a group with an attendance mark, and emails sent and still due."""
    client = ClientFactory(
        first_name="Marisol",
        last_name="Quintero",
        email="marisol.q@mail.example",
        phone="951-555-0177",
    )
    lead = LeadFactory(
        client=client, message="Hard year since the divorce", status=Lead.Status.CONTACTED
    )
    LeadEventFactory(lead=lead, note="Left a voicemail for Marisol")
    ConsultationFactory(
        client=client,
        lead=lead,
        starts_at=NOW - dt.timedelta(days=20),
        status=Consultation.Status.COMPLETED,
        note="Prefers evenings",
    )
    attendance = AttendanceFactory(
        enrollment__client=client, enrollment__hopes="Feel less alone", absent=True
    )
    Enrollment.objects.filter(pk=attendance.enrollment_id).update(status="withdrawn")
    NotificationFactory(to_email=client.email, kind="lead_received", sent=True)
    NotificationFactory(to_email="MARISOL.Q@mail.example", kind="consultation_reminder")
    ClientNoteFactory(client=client, text="Talked about her sister's health")
    EmergencyContactFactory(client=client, name="Rosa Delgado", phone="951-555-0188")
    return client


# --- export -------------------------------------------------------------------------------


def test_the_export_holds_every_part_of_a_clients_data_and_no_email_text(person, coordinator):
    data = client_export(client_id=person.pk, by=coordinator, now=NOW)

    assert data["client"]["email"] == "marisol.q@mail.example"
    assert data["client"]["last_name"] == "Quintero"
    (lead,) = data["leads"]
    assert lead["message"] == "Hard year since the divorce"
    assert lead["history"][0]["note"] == "Left a voicemail for Marisol"
    assert data["consultations"][0]["note"] == "Prefers evenings"
    assert data["enrollments"][0]["hopes"] == "Feel less alone"
    assert data["attendance"][0]["mark"] == "absent"
    assert sorted(e["kind"] for e in data["emails"]) == ["consultation_reminder", "lead_received"]
    assert set(data["emails"][0]) == {"kind", "due_at", "sent_at", "status"}
    json.dumps(data)  # JSON-ready as it is


def test_an_export_writes_an_access_log_row(person, coordinator):
    client_export(client_id=person.pk, by=coordinator, now=NOW)

    (row,) = ClientAccessLog.objects.all()
    assert (row.client_id, row.user, row.action) == (person.pk, coordinator, "export")


def test_the_coordinator_confirms_then_downloads_the_export_from_admin(client, coordinator, person):
    client.force_login(coordinator)
    url = f"/staff/clients/client/{person.pk}/export/"

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Download the data" in confirm.content.decode()
    assert not ClientAccessLog.objects.filter(action="export").exists()

    download = client.post(url)

    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="client-{person.pk}-data.json"'
    assert json.loads(download.content)["client"]["first_name"] == "Marisol"
    assert ClientAccessLog.objects.filter(action="export", client=person).count() == 1


def test_a_therapist_cannot_export_or_erase(client, person):
    therapist = TherapistFactory()
    client.force_login(therapist.user)

    assert client.get(f"/staff/clients/client/{person.pk}/export/").status_code in (302, 403)
    assert client.post(
        f"/staff/clients/client/{person.pk}/erase/", {"confirm": "yes"}
    ).status_code in (
        302,
        403,
    )
    assert Client.objects.get(pk=person.pk).erased_at is None


# --- erase --------------------------------------------------------------------------------


def test_erasing_replaces_personal_data_and_keeps_the_shape_of_history(person, coordinator):
    leads, places = person.leads.count(), person.enrollments.count()

    client_erase(client_id=person.pk, by=coordinator, now=NOW)

    erased = Client.objects.get(pk=person.pk)
    assert (erased.first_name, erased.last_name, erased.phone, erased.email) == (
        ERASED_FIRST_NAME,
        "",
        "",
        erased_email(person.pk),
    )
    assert erased.erased_at == NOW
    assert (erased.leads.count(), erased.enrollments.count()) == (leads, places)
    lead = erased.leads.get()
    assert (lead.message, lead.status) == ("", Lead.Status.CONTACTED)
    assert lead.events.get().note == "(erased)"
    assert Consultation.objects.get(client=erased).note == ""
    enrollment = erased.enrollments.get()
    assert (enrollment.hopes, enrollment.status) == ("", "withdrawn")
    assert enrollment.attendance.get().status == "absent"
    assert erased.notes.get().text == "(erased)"
    assert not EmergencyContact.objects.filter(client=erased).exists()


def test_the_export_holds_call_notes_and_the_emergency_contact(person, coordinator):
    data = client_export(client_id=person.pk, by=coordinator, now=NOW)

    assert [note["text"] for note in data["notes"]] == ["Talked about her sister's health"]
    assert data["emergency_contact"]["name"] == "Rosa Delgado"


def test_erasing_cancels_pending_emails_and_forgets_the_address_on_sent_ones(person, coordinator):
    client_erase(client_id=person.pk, by=coordinator, now=NOW)

    rows = Notification.objects.order_by("kind")
    assert [(r.kind, r.status) for r in rows] == [
        ("consultation_reminder", "cancelled"),
        ("lead_received", "sent"),
    ]
    assert {r.to_email for r in rows} == {erased_email(person.pk)}


def test_erasing_scrubs_the_change_history_too(person, coordinator):
    lead = person.leads.get()
    lead_move(lead_id=lead.pk, to_status=Lead.Status.NOT_A_FIT, actor=coordinator, now=NOW)
    person.phone = "951-555-0000"
    person.save()

    client_erase(client_id=person.pk, by=coordinator, now=NOW)

    client_rows = Client.history.filter(id=person.pk)
    assert client_rows.count() >= 2  # the rows stay: who changed what and when
    values = " ".join(f"{r.email} {r.first_name} {r.last_name} {r.phone}" for r in client_rows)
    assert "Marisol" not in values and "Quintero" not in values and "951-555" not in values
    assert not Lead.history.filter(id=lead.pk).exclude(message="").exists()
    assert not Enrollment.history.filter(client_id=person.pk).exclude(hopes="").exists()
    assert client_rows.first().history_change_reason


def test_erasing_writes_an_access_log_row(person, coordinator):
    client_erase(client_id=person.pk, by=coordinator, now=NOW)

    assert ClientAccessLog.objects.get(action="erase").client_id == person.pk


def test_an_upcoming_call_or_a_live_place_must_be_settled_before_erasing(coordinator):
    caller = ClientFactory(first_name="Waiting")
    ConsultationFactory(client=caller, starts_at=NOW + dt.timedelta(days=2))
    EnrollmentFactory(client=caller, waitlisted=True)

    with pytest.raises(ErasureRefused) as refused:
        client_erase(client_id=caller.pk, by=coordinator, now=NOW)

    assert "upcoming call" in str(refused.value) and "waitlisted" in str(refused.value)
    assert Client.objects.get(pk=caller.pk).first_name == "Waiting"
    assert not ClientAccessLog.objects.exists()


def test_the_admin_erase_page_asks_first_and_erases_only_when_confirmed(
    client, coordinator, person
):
    client.force_login(coordinator)
    url = f"/staff/clients/client/{person.pk}/erase/"

    assert "cannot be undone" in client.get(url).content.decode()
    unconfirmed = client.post(url, {})
    assert "Tick the box" in unconfirmed.content.decode()
    assert Client.objects.get(pk=person.pk).erased_at is None

    done = client.post(url, {"confirm": "yes"})

    assert done.status_code == 302
    assert Client.objects.get(pk=person.pk).first_name == ERASED_FIRST_NAME


def test_the_admin_erase_page_lists_what_to_settle_and_has_no_button(client, coordinator):
    caller = ClientFactory()
    ConsultationFactory(client=caller, starts_at=timezone.now() + dt.timedelta(days=2))
    client.force_login(coordinator)

    page = client.get(f"/staff/clients/client/{caller.pk}/erase/").content.decode()

    assert "cannot be erased yet" in page and "upcoming call" in page
    assert "Erase the data" not in page


# --- retention ----------------------------------------------------------------------------


def closed_lead(*, months_ago: int, status=Lead.Status.NOT_A_FIT, **client_fields):
    lead = LeadFactory(status=status, **{f"client__{k}": v for k, v in client_fields.items()})
    at = NOW - dt.timedelta(days=round(months_ago * 30.5))
    Lead.objects.filter(pk=lead.pk).update(created_at=at, status_changed_at=at)
    return lead


def test_the_retention_rule_erases_only_closed_leads_kept_past_the_setting(settings):
    settings.RETENTION_CLOSED_LEAD_MONTHS = 24
    old = closed_lead(months_ago=25, first_name="Oldclosed")
    recent = closed_lead(months_ago=23, first_name="Recent")
    with_call = closed_lead(months_ago=30, first_name="Hadacall")
    ConsultationFactory(
        client=with_call.client, lead=with_call, starts_at=NOW - dt.timedelta(days=900)
    )
    with_place = closed_lead(months_ago=30, first_name="Hadaplace")
    EnrollmentFactory(client=with_place.client, withdrawn=True)
    reopened = closed_lead(months_ago=30, first_name="Reopened")
    LeadFactory(client=reopened.client, status=Lead.Status.NEW)

    assert closed_leads_erase(now=NOW) == 1

    names = dict(Client.objects.values_list("pk", "first_name"))
    assert names[old.client_id] == ERASED_FIRST_NAME
    assert {names[x.client_id] for x in (recent, with_call, with_place, reopened)} == {
        "Recent",
        "Hadacall",
        "Hadaplace",
        "Reopened",
    }
    assert Lead.objects.filter(pk=old.pk).exists()  # the count stays


def test_the_retention_command_and_the_weekly_task_run_the_same_rule(settings, time_machine):
    time_machine.move_to(NOW, tick=False)
    settings.RETENTION_CLOSED_LEAD_MONTHS = 24
    closed_lead(months_ago=25)
    closed_lead(months_ago=26, status=Lead.Status.NO_RESPONSE)
    out = StringIO()

    call_command("erase_closed_leads", "--dry-run", stdout=out)
    assert out.getvalue().startswith("2 client(s) would be erased")
    assert Client.objects.filter(erased_at__isnull=False).count() == 0

    call_command("erase_closed_leads", stdout=out)
    assert "2 client(s) erased" in out.getvalue()

    closed_lead(months_ago=27)
    assert tasks.erase_closed_leads() == 1
    assert settings.CELERY_BEAT_SCHEDULE["erase-closed-leads"]["schedule"] == dt.timedelta(days=7)


def test_a_client_page_links_to_its_history_access_log_export_and_erase(client, coordinator):
    person = ClientFactory()
    client.force_login(coordinator)

    page = client.get(f"/staff/clients/client/{person.pk}/change/").content.decode()

    for href in (
        f"/staff/clients/client/{person.pk}/history/",
        f"/staff/clients/clientaccesslog/?client={person.pk}",
        f"/staff/clients/client/{person.pk}/export/",
        f"/staff/clients/client/{person.pk}/erase/",
    ):
        assert f'href="{href}"' in page
