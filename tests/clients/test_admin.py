import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.models import ClientAccessLog, Lead, LeadEvent
from notifications.models import Notification
from tests.factories import ClientFactory, LeadFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db

LEADS = "/staff/clients/lead/"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def age(lead, hours):
    Lead.objects.filter(pk=lead.pk).update(created_at=timezone.now() - dt.timedelta(hours=hours))


def test_urgent_leads_come_first_in_the_list(staff):
    calm = LeadFactory(client__first_name="Calm")
    urgent = LeadFactory(client__first_name="Urgent", urgent=True)
    age(urgent, 5)

    page = text(staff.get(LEADS))

    assert page.index(str(urgent.client)) < page.index(str(calm.client))
    assert "(urgent)" in page


def test_the_lead_list_runs_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    for _ in range(8):
        LeadFactory()

    with django_assert_max_num_queries(10):
        response = staff.get(LEADS)

    assert response.status_code == 200


def test_the_new_and_overdue_filters_show_what_needs_a_call_back(staff, coordinator, time_machine):
    monday_4pm = pacific(2026, 12, 7, 16)
    time_machine.move_to(monday_4pm, tick=False)
    staff.force_login(coordinator)  # a session from the real clock may have ended by then
    fresh = LeadFactory(client__first_name="Fresh")
    stale = LeadFactory(client__first_name="Stale")
    Lead.objects.filter(pk=stale.pk).update(created_at=pacific(2026, 12, 4, 10))
    done = LeadFactory(client__first_name="Done", status="contacted")

    new_page = text(staff.get(LEADS, {"attention": "new"}))
    overdue_page = text(staff.get(LEADS, {"attention": "overdue"}))

    assert str(fresh.client) in new_page and str(stale.client) in new_page
    assert str(done.client) not in new_page
    assert str(stale.client) in overdue_page and str(fresh.client) not in overdue_page
    assert "(overdue)" in overdue_page


def test_the_status_filter_narrows_the_list(staff):
    LeadFactory(client__first_name="Waiting", status="waitlisted")
    LeadFactory(client__first_name="Brandnew")

    page = text(staff.get(LEADS, {"status__exact": "waitlisted"}))

    assert "Waiting" in page and "Brandnew" not in page


def test_search_finds_a_lead_by_phone(staff):
    LeadFactory(client__first_name="Findme", client__phone="909-555-0177")
    LeadFactory(client__first_name="Other")

    page = text(staff.post(LEADS, {"_search": "1", "q": "909-555-0177"}, follow=True))

    assert "Findme" in page and "Other" not in page


def test_actions_move_leads_through_the_service_with_history(staff, coordinator):
    new = LeadFactory()
    enrolled = LeadFactory(status="enrolled")

    response = staff.post(
        LEADS + "?attention=all",
        {"action": "move_to_not_a_fit", "_selected_action": [new.pk, enrolled.pk]},
        follow=True,
    )

    new.refresh_from_db()
    enrolled.refresh_from_db()
    assert (new.status, enrolled.status) == ("not_a_fit", "enrolled")
    event = LeadEvent.objects.get(lead=new)
    assert (event.from_status, event.to_status, event.actor) == ("new", "not_a_fit", coordinator)
    page = text(response)
    assert "1 lead(s) moved to not a fit." in page
    assert "cannot move from enrolled to not a fit" in page


def test_the_lead_page_lets_nothing_be_typed_in_that_a_service_should_change(staff):
    lead = LeadFactory(urgent=True)

    page = text(staff.get(reverse("admin:clients_lead_change", args=[lead.pk])))

    for field in ("status", "is_urgent", "interest", "message", "assignee", "follow_up_on"):
        assert f'name="{field}"' not in page
    assert 'name="call-note"' in page  # the call log, which goes through client_call_log


def test_opening_a_client_or_a_lead_records_who_saw_them(staff, coordinator):
    lead = LeadFactory()

    staff.get(reverse("admin:clients_client_change", args=[lead.client.pk]))
    staff.get(reverse("admin:clients_lead_change", args=[lead.pk]))

    assert list(ClientAccessLog.objects.order_by("viewed_at").values_list("where", flat=True)) == [
        f"admin client #{lead.client.pk}",
        f"admin lead #{lead.pk}",
    ]
    assert set(ClientAccessLog.objects.values_list("user", flat=True)) == {coordinator.pk}


def test_the_client_list_searches_and_stays_within_a_few_queries(
    staff, django_assert_max_num_queries
):
    for _ in range(6):
        ClientFactory()

    with django_assert_max_num_queries(10):
        staff.get("/staff/clients/client/")


def test_the_client_list_keeps_contact_details_for_the_logged_client_page(staff):
    ClientFactory(first_name="Noor", email="noor@mail.example", phone="951-555-0123")

    found = staff.post(
        "/staff/clients/client/", {"_search": "1", "q": "noor@mail.example"}, follow=True
    )

    page = found.content.decode()
    assert "Noor" in page  # search still finds the person by email
    assert "951-555-0123" not in page and "noor@mail.example</td>" not in page
    # The search is on record (who, how many found), never the words searched for.
    (row,) = ClientAccessLog.objects.all()
    assert (row.action, row.result_count) == ("search", 1)
    assert "noor" not in row.where


def test_the_coordinator_enters_a_request_from_a_phone_call(staff, coordinator):
    add = staff.get(LEADS + "add/")
    response = staff.post(
        add["Location"],
        {
            "first_name": "Vic",
            "last_name": "",
            "email": "vic@mail.example",
            "phone": "951-555-0150",
            "preferred_contact": "phone",
            "preferred_times": "",
            "state": "CA",
            "city": "",
            "interest": "individual",
            "interested_group": "",
            "message": "",
            "heard_about": "",
            "is_urgent": "on",
        },
    )

    lead = Lead.objects.get()
    assert response.status_code == 302
    assert (lead.source, lead.is_urgent) == ("phone", True)
    assert LeadEvent.objects.get(lead=lead).actor == coordinator
    assert not Notification.objects.exists()  # they are already on the phone
