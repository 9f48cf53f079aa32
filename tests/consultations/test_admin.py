import datetime as dt
import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import ClientAccessLog, Lead
from consultations.models import Consultation
from notifications.dispatch import dispatch_due
from notifications.models import Notification
from tests.factories import ConsultationFactory, CoordinatorFactory, TherapyGroupFactory
from tests.factories.consultations import pacific

from .conftest import NOW

pytestmark = pytest.mark.django_db

CHANGELIST = "/staff/consultations/consultation/"
DAY = "/staff/consultations/consultation/day/"
BOOK = "/staff/consultations/consultation/book/"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def calls_on_monday(dana, count):
    group = TherapyGroupFactory(name="Men's evening group")
    made = []
    for i in range(count):
        c = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 2, 9 + i))
        c.lead.interested_group = group if i % 2 else None
        c.lead.save()
        made.append(c)
    return made


def test_the_day_view_lists_todays_calls_with_phone_numbers_and_interest(staff, dana, frozen):
    first, second = calls_on_monday(dana, 2)
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))  # tomorrow

    page = text(staff.get(DAY))

    assert "Calls on Monday, March 2, 2026" in page
    assert "9:00 AM PST" in page and "10:00 AM PST" in page
    assert first.client.phone in page
    assert str(first.client) in page and str(second.client) in page
    assert "Not sure yet" in page  # first lead's interest
    assert "Men's evening group" in page  # second lead's group
    assert "Tuesday" not in page.split("Calls on")[1].split("</table>")[0]
    assert ClientAccessLog.objects.filter(where="consultation day view 2026-03-02").count() == 2


def test_the_day_view_shows_another_day_on_request(staff, dana, frozen):
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9, 30))

    page = text(staff.get(DAY, {"date": "2026-03-03"}))

    assert "Calls on Tuesday, March 3, 2026" in page
    assert "9:30 AM PST" in page


def test_the_day_view_queries_do_not_grow_with_the_number_of_calls(staff, dana, frozen):
    calls_on_monday(dana, 1)
    with CaptureQueriesContext(connection) as one:
        staff.get(DAY)
    calls_on_monday(dana, 0)
    for hour in (11, 12, 13, 14, 15):
        ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 2, hour))
    with CaptureQueriesContext(connection) as six:
        staff.get(DAY)

    assert len(six) == len(one)
    assert len(six) <= 8


def test_the_consultation_list_runs_a_fixed_number_of_queries(
    staff, dana, frozen, django_assert_max_num_queries
):
    calls_on_monday(dana, 6)

    with django_assert_max_num_queries(10):
        response = staff.get(CHANGELIST)

    assert response.status_code == 200
    assert "Today's calls" in text(response)


def test_the_today_and_this_week_filters_count_pacific_days(staff, dana, time_machine):
    # 11 pm Monday Pacific is already Tuesday in UTC.
    time_machine.move_to(pacific(2026, 3, 2, 23), tick=False)
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 2, 16))
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 9, 9))

    today = text(staff.get(CHANGELIST, {"when": "today"}))
    week = text(staff.get(CHANGELIST, {"when": "week"}))

    assert "Mon Mar 2, 4:00 PM PST" in today and "Mar 3" not in today
    assert "Mar 2" in week and "Tue Mar 3" in week and "Mar 9" not in week


def test_status_actions_go_through_the_services_and_report_what_was_skipped(
    staff, dana, time_machine
):
    past = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 2, 9))
    future = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))
    time_machine.move_to(pacific(2026, 3, 2, 10), tick=False)

    response = staff.post(
        CHANGELIST,
        {"action": "mark_completed", "_selected_action": [past.pk, future.pk]},
        follow=True,
    )

    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.status, future.status) == ("completed", "booked")
    page = text(response)
    assert "1 consultation(s) marked completed." in page
    assert "hasn't started yet" in page


def test_cancelling_from_admin_tells_the_client(staff, dana, frozen):
    consultation = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))

    staff.post(CHANGELIST, {"action": "cancel_selected", "_selected_action": [consultation.pk]})

    consultation.refresh_from_db()
    assert consultation.status == "cancelled"
    assert consultation.events.get().actor.username == "coordinator"
    dispatch_due(now=NOW)
    assert "is cancelled" in mail.outbox[0].subject


def test_rescheduling_from_admin_goes_through_an_intermediate_form(staff, dana, frozen):
    consultation = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))

    picked = staff.post(
        CHANGELIST, {"action": "reschedule_selected", "_selected_action": [consultation.pk]}
    )
    form_page = staff.get(picked["Location"])
    moved = staff.post(picked["Location"], {"slot": "20260302T1800Z"}, follow=True)

    assert picked["Location"].endswith(f"/{consultation.pk}/reschedule/")
    assert "Reschedule" in text(form_page)
    new = Consultation.objects.get(status="booked")
    assert new.starts_at == pacific(2026, 3, 2, 10)  # staff may book inside the notice
    assert "Moved to Mon Mar 2, 10:00 AM PST with Dana." in text(moved)


def test_booking_for_a_caller_uses_the_same_rules_and_sends_the_confirmation(staff, dana, frozen):
    details = {
        "slot": "20260302T1900Z",
        "coordinator": "",
        "first_name": "Rosa",
        "last_name": "Diaz",
        "email": "rosa@mail.example",
        "phone": "951-555-0111",
        "mode": "phone",
        "state": "CA",
        "interest": "group",
        "note": "",
    }

    response = staff.post(BOOK, details)
    again = staff.post(BOOK, {**details, "email": "other@mail.example"})

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.booked_by.username == "coordinator"
    assert consultation.lead.source == Lead.Source.PHONE
    assert Notification.objects.filter(kind="consultation_confirmation").count() == 1
    # The same time again: refused on the form, nothing saved.
    assert again.status_code == 200
    assert "That time was just taken" in text(again)
    assert Consultation.objects.count() == 1


def test_the_add_button_leads_to_booking_for_a_caller(staff, dana, frozen):
    response = staff.get(CHANGELIST + "add/")

    assert response["Location"] == BOOK


def test_opening_a_consultation_records_who_saw_the_client(staff, dana, coordinator, frozen):
    consultation = ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9))

    page = text(
        staff.get(reverse("admin:consultations_consultation_change", args=[consultation.pk]))
    )

    assert consultation.client.email in page
    log = ClientAccessLog.objects.get()
    assert (log.client, log.user) == (consultation.client, coordinator)


def test_availability_is_edited_on_the_coordinator_page(staff, dana, frozen):
    page = text(staff.get(reverse("admin:consultations_coordinator_change", args=[dana.pk])))

    assert "Weekly hours" in page
    assert "Date exceptions" in page
    assert "Booking rules" in page


def test_a_second_coordinator_in_admin_adds_their_times_to_the_public_list(client, dana, frozen):
    CoordinatorFactory(display_name="Luis", hours=[(0, dt.time(18), dt.time(19))])

    page = text(client.get("/consultation/"))

    assert "6:00 PM PST" in page and "9:00 AM PST" in page


def test_an_empty_day_points_to_the_next_day_with_calls(staff, dana, frozen):
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 4, 9))

    page = text(staff.get(DAY))

    assert "No calls booked on this day." in page
    assert 'href="?date=2026-03-04"' in page
