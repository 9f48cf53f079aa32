"""Working a lead in admin: the needs-action list, a lead's own page and the bulk actions,
each through the clients services."""

import csv
import datetime as dt
import html
import io

import pytest
from django.urls import reverse

from clients.models import ClientAccessLog, ClientNote, Lead, LeadEvent
from tests.factories import LeadFactory, NotificationFactory, StaffUserFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db
L = Lead.Status
LEADS = "/staff/clients/lead/"
# Monday 7 December 2026, 10 am Pacific: a working morning.
MONDAY_10 = pacific(2026, 12, 7, 10)


@pytest.fixture
def staff(client, coordinator, time_machine):
    time_machine.move_to(MONDAY_10, tick=False)
    client.force_login(coordinator)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def lead_at(moment, **kwargs):
    lead = LeadFactory(**kwargs)
    Lead.objects.filter(pk=lead.pk).update(created_at=moment)
    return lead


def page_of(lead) -> str:
    return reverse("admin:clients_lead_change", args=[lead.pk])


def test_the_lead_list_opens_on_needs_action_urgent_then_overdue_then_new(staff):
    new = lead_at(MONDAY_10 - dt.timedelta(hours=1), client__first_name="Newest")
    overdue = lead_at(pacific(2026, 12, 3, 9), client__first_name="Waited")
    urgent = lead_at(MONDAY_10 - dt.timedelta(minutes=5), client__first_name="Crisis", urgent=True)
    lead_at(pacific(2026, 12, 1, 9), client__first_name="Handled", status=L.CONTACTED)

    page = text(staff.get(LEADS))

    assert page.index("Crisis") < page.index("Waited") < page.index("Newest")
    assert "Handled" not in page
    for column in ("Name", "Interest", "Status", "Age", "Last contact", "Next follow-up", "Owner"):
        assert f">{column}<" in page or f">{column}</a>" in page
    assert "(urgent)" in page and "(overdue)" in page
    assert str(new.client) in page and str(overdue.client) in page and str(urgent.client) in page


def test_all_leads_are_one_click_away(staff):
    lead_at(pacific(2026, 12, 1, 9), client__first_name="Handled", status=L.CONTACTED)

    assert "Handled" in text(staff.get(LEADS, {"attention": "all"}))


@pytest.mark.parametrize("count", [5, 200])
def test_the_lead_list_stays_within_eight_queries(staff, django_assert_max_num_queries, count):
    owner = StaffUserFactory()
    LeadFactory.create_batch(count, assignee=owner, follow_up_on=dt.date(2026, 12, 7))

    with django_assert_max_num_queries(8):
        response = staff.get(LEADS)

    assert response.status_code == 200


def test_a_button_moves_the_lead_through_the_service_with_the_note(staff, coordinator):
    lead = LeadFactory()

    page = text(staff.get(page_of(lead)))
    assert 'value="contacted"' in page and 'value="enrolled"' not in page
    staff.post(
        reverse("admin:clients_lead_move", args=[lead.pk]),
        {"to_status": "contacted", "note": "Left a voicemail, then she called back"},
    )

    lead.refresh_from_db()
    assert lead.status == L.CONTACTED
    assert lead.assignee == coordinator  # whoever first contacts owns it
    event = LeadEvent.objects.get(lead=lead, to_status=L.CONTACTED)
    assert (event.actor, event.note) == (coordinator, "Left a voicemail, then she called back")


def test_a_move_the_table_refuses_saves_nothing(staff):
    lead = LeadFactory()

    response = staff.post(
        reverse("admin:clients_lead_move", args=[lead.pk]), {"to_status": "enrolled"}, follow=True
    )

    lead.refresh_from_db()
    assert lead.status == L.NEW
    assert not LeadEvent.objects.filter(lead=lead).exists()
    assert "cannot move from new to enrolled" in text(response)


def test_logging_a_call_writes_the_note_marks_contact_and_plans_the_follow_up(staff, coordinator):
    lead = LeadFactory()

    staff.post(
        reverse("admin:clients_lead_call", args=[lead.pk]),
        {"call-note": "Talked about the Tuesday group.", "call-follow_up_on": "2026-12-09"},
    )

    lead.refresh_from_db()
    assert lead.status == L.CONTACTED
    assert (lead.assignee, lead.first_contacted_at, lead.last_contacted_at) == (
        coordinator,
        MONDAY_10,
        MONDAY_10,
    )
    assert lead.follow_up_on == dt.date(2026, 12, 9)
    note = ClientNote.objects.get()
    assert (note.text, note.author, note.lead) == (
        "Talked about the Tuesday group.",
        coordinator,
        lead,
    )
    page = text(staff.get(page_of(lead)))
    assert "Talked about the Tuesday group." in page and "Call note" in page


def test_a_call_without_a_note_is_refused_and_saves_nothing(staff):
    lead = LeadFactory()

    response = staff.post(
        reverse("admin:clients_lead_call", args=[lead.pk]), {"call-note": "  "}, follow=True
    )

    lead.refresh_from_db()
    assert lead.status == L.NEW and lead.first_contacted_at is None
    assert not ClientNote.objects.exists()
    assert "Call not logged" in text(response)


def test_the_owner_and_follow_up_are_set_on_the_lead_page(staff, coordinator):
    lead = LeadFactory(status=L.CONTACTED)
    colleague = StaffUserFactory(first_name="Luis")

    staff.post(
        reverse("admin:clients_lead_plan", args=[lead.pk]),
        {"plan-assignee": colleague.pk, "plan-follow_up_on": "2026-12-08"},
    )

    lead.refresh_from_db()
    assert (lead.assignee, lead.follow_up_on) == (colleague, dt.date(2026, 12, 8))
    notes = set(LeadEvent.objects.filter(lead=lead).values_list("note", flat=True))
    assert notes == {"Assigned to Luis", "Next follow-up Tue Dec 8"}


def test_a_follow_up_in_the_past_is_refused_and_saves_nothing(staff):
    lead = LeadFactory(status=L.CONTACTED)

    response = staff.post(
        reverse("admin:clients_lead_plan", args=[lead.pk]),
        {"plan-follow_up_on": "2026-12-04"},
        follow=True,
    )

    lead.refresh_from_db()
    assert lead.follow_up_on is None
    assert not LeadEvent.objects.filter(lead=lead).exists()
    assert "cannot be in the past" in text(response)


def test_bulk_assign_to_me_reports_what_changed(staff, coordinator):
    mine = LeadFactory(assignee=coordinator)
    others = LeadFactory.create_batch(2)

    response = staff.post(
        LEADS,
        {"action": "assign_to_me", "_selected_action": [mine.pk, *[o.pk for o in others]]},
        follow=True,
    )

    assert Lead.objects.filter(assignee=coordinator).count() == 3
    assert "2 lead(s) assigned to you. 1 already yours." in text(response)


def test_bulk_mark_contacted_reports_counts_new_owners_and_refusals(staff, coordinator):
    fresh = LeadFactory.create_batch(2)
    done = LeadFactory(status=L.CONTACTED, follow_up_on=dt.date(2026, 12, 7))

    response = staff.post(
        LEADS,
        {"action": "mark_contacted", "_selected_action": [f.pk for f in fresh] + [done.pk]},
        follow=True,
    )

    page = text(response)
    assert Lead.objects.filter(status=L.CONTACTED).count() == 3
    assert "2 lead(s) marked contacted. 2 of them now yours" in page
    assert "1 already marked contacted." in page
    assert Lead.objects.get(pk=done.pk).assignee is None  # it did not move, nothing changed


def test_bulk_set_follow_up_asks_for_the_date_then_sets_it(staff):
    leads = LeadFactory.create_batch(2, status=L.NEW)
    selected = [lead.pk for lead in leads]

    ask = staff.post(LEADS, {"action": "set_follow_up", "_selected_action": selected})
    assert "Next follow-up" in text(ask)
    done = staff.post(
        LEADS,
        {
            "action": "set_follow_up",
            "_selected_action": selected,
            "apply": "1",
            "follow_up_on": "2026-12-10",
        },
        follow=True,
    )

    assert set(Lead.objects.values_list("follow_up_on", flat=True)) == {dt.date(2026, 12, 10)}
    assert "Next follow-up set to Thu Dec 10 on 2 lead(s)." in text(done)


def test_bulk_close_as_no_response_clears_the_planned_follow_ups(staff):
    planned = LeadFactory(follow_up_on=dt.date(2026, 12, 7))
    plain = LeadFactory()

    response = staff.post(
        LEADS,
        {"action": "close_no_response", "_selected_action": [planned.pk, plain.pk]},
        follow=True,
    )

    assert set(Lead.objects.values_list("status", "follow_up_on")) == {(L.NO_RESPONSE, None)}
    assert "2 lead(s) closed as no response. 1 planned follow-up(s) cleared" in text(response)


def test_the_lead_page_timeline_shows_status_changes_and_emails_with_who(staff, coordinator):
    lead = LeadFactory(client__email="tl@mail.example")
    staff.post(reverse("admin:clients_lead_move", args=[lead.pk]), {"to_status": "contacted"})
    NotificationFactory(kind="lead_received", to_email="tl@mail.example", status="sent")

    page = text(staff.get(page_of(lead)))

    assert "Request: New → Contacted" in page
    assert "lead received" in page and "Email: Sent" in page
    assert coordinator.first_name in page


def test_the_csv_export_follows_the_filter_leaves_out_crisis_answers_and_is_logged(
    staff, coordinator
):
    urgent = LeadFactory(urgent=True, message="I feel unsafe", client__first_name="Rae")
    LeadFactory(status=L.CONTACTED, client__first_name="Otto")

    response = staff.get(reverse("admin:clients_lead_export"), {"attention": "urgent"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 2 and rows[1][1] == "Rae"
    body = response.content.decode()
    assert "unsafe" not in body and "urgent" not in body.lower()
    log = ClientAccessLog.objects.get()
    assert (log.client_id, log.user, log.where) == (
        urgent.client_id,
        coordinator,
        "lead CSV export (1 rows)",
    )


def test_a_bulk_close_the_table_refuses_leaves_that_lead_untouched(staff):
    enrolled = LeadFactory(status=L.ENROLLED, follow_up_on=dt.date(2026, 12, 9))
    fresh = LeadFactory()

    response = staff.post(
        LEADS + "?attention=all",
        {"action": "close_no_response", "_selected_action": [enrolled.pk, fresh.pk]},
        follow=True,
    )

    enrolled.refresh_from_db()
    assert (enrolled.status, enrolled.follow_up_on) == (L.ENROLLED, dt.date(2026, 12, 9))
    assert not LeadEvent.objects.filter(lead=enrolled).exists()
    page = text(response)
    assert "1 lead(s) closed as no response." in page
    assert "1 left as they were: This lead cannot move from enrolled to no response." in page
