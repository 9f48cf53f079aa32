import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from clients.models import Client, Lead
from consultations.links import manage_path, manage_token
from consultations.messages import SLOT_TAKEN
from consultations.models import Consultation
from consultations.services import consultation_book, consultation_reschedule
from notifications.dispatch import dispatch_due
from tests.factories import ConsultationFactory, CoordinatorFactory
from tests.factories.consultations import pacific

from .conftest import NOW, TUESDAY_10

pytestmark = pytest.mark.django_db

BOOK = "/consultation/"
TUESDAY_10_VALUE = "20260303T1800Z"


def text(response) -> str:
    """The page as a reader sees it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def post_booking(client, caller, slot=TUESDAY_10_VALUE):
    return client.post(BOOK, {**caller, "slot": slot})


def test_the_home_page_link_and_the_url_name_lead_to_the_slot_picker():
    assert reverse("consultations:book") == BOOK


def test_the_slot_picker_shows_pacific_times_with_their_zone(client, dana, frozen):
    response = client.get(BOOK)

    assert response.status_code == 200
    page = text(response)
    assert "Monday, March 2" in page
    assert "9:00 AM PST" in page
    assert 'value="20260302T1700Z"' in page
    assert "Pacific Time" in page
    assert response["Cache-Control"].startswith("max-age=0")


def radios(page: str) -> list[str]:
    return re.findall(r'name="slot" value="([^"]+)"', page)


def test_the_slot_picker_first_shows_the_first_open_day_and_the_rest_of_its_week(
    client, dana, frozen
):
    page = text(client.get(BOOK))

    assert "Monday, March 2" in page  # the day whose times are shown
    # 9:00 to 4:45 PM PST, Monday's 32 quarter hours and no other day's
    assert radios(page)[0] == "20260302T1700Z" and radios(page)[-1] == "20260303T0045Z"
    assert len(radios(page)) == 32
    for later_day in ("03", "04", "05", "06"):  # Tuesday to Friday, one tap away
        assert f'href="?from=2026-03-{later_day}"' in page
    assert 'href="?from=2026-03-09"' in page  # "Later times": the next week
    assert "Later times" in page and "Earlier times" not in page


def test_later_times_shows_the_next_week_without_script(client, dana, frozen):
    page = text(client.get(BOOK, {"from": "2026-03-09"}))

    assert "Monday, March 9" in page
    assert radios(page)[0] == "20260309T1600Z"  # 9:00 AM PDT: the clocks changed
    assert "9:00 AM PDT" in page
    assert 'href="?from=2026-03-10"' in page and 'href="?from=2026-03-06"' not in page
    assert 'href="?from=2026-03-02"' in page  # "Earlier times": back to the first week
    assert "Earlier times" in page


def test_a_day_of_the_week_shows_its_own_times(client, dana, frozen):
    page = text(client.get(BOOK, {"from": "2026-03-04"}))

    assert "Wednesday, March 4" in page
    assert radios(page)[0] == "20260304T1700Z" and radios(page)[-1] == "20260305T0045Z"
    assert 'href="?from=2026-03-02"' in page  # Monday is in the same week's links
    assert "Earlier times" not in page


def test_a_day_with_every_time_booked_is_skipped_for_the_next_open_one(client, frozen):
    dana = CoordinatorFactory(display_name="Dana", hours=[(1, dt.time(9), dt.time(10))])
    for minute in (0, 15, 30, 45):  # Tuesday 3 March: all four quarter hours taken
        ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 3, 9, minute))

    page = text(client.get(BOOK, {"from": "2026-03-03"}))

    assert "Tuesday, March 10" in page
    assert radios(page) == [
        "20260310T1600Z",
        "20260310T1615Z",
        "20260310T1630Z",
        "20260310T1645Z",
    ]


@pytest.mark.parametrize("value", ["garbage", "2026-02-30", "20260399", "-1", "2026-03-02T09"])
def test_a_from_that_is_not_a_date_shows_the_first_open_day(client, dana, frozen, value):
    response = client.get(BOOK, {"from": value})

    assert response.status_code == 200
    assert radios(text(response))[0] == "20260302T1700Z"


def test_a_from_past_every_open_time_says_so_and_links_back(client, dana, frozen):
    response = client.get(BOOK, {"from": "2027-01-01"})

    page = text(response)
    assert response.status_code == 200
    assert "No open times from that date" in page
    assert radios(page) == []


def test_the_slot_pickers_first_view_is_at_most_20_kb_on_a_busy_day(client, frozen):
    # Two coordinators, 8 AM to 8 PM every day, offset by a quarter hour: every quarter hour
    # of a twelve-hour day is on offer, more than the practice's busiest day.
    every_day = [(day, dt.time(8), dt.time(20)) for day in range(7)]
    CoordinatorFactory(display_name="Dana", hours=every_day)
    CoordinatorFactory(display_name="Luis", hours=every_day)

    for path in (BOOK, "/es" + BOOK):  # Spanish words run longer
        response = client.get(path)

        assert len(radios(text(response))) == 48
        assert len(response.content) <= 20 * 1024, path


def test_the_slot_picker_says_so_kindly_when_nothing_is_open(client, db, frozen):
    page = text(client.get(BOOK))

    assert "Every time in the next few weeks is taken" in page
    assert 'name="first_name"' not in page


def test_the_slot_picker_runs_a_fixed_number_of_queries(
    client, dana, frozen, django_assert_max_num_queries
):
    CoordinatorFactory(display_name="Luis")
    for day in range(3, 7):
        ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, day, 11))

    with django_assert_max_num_queries(3):
        response = client.get(BOOK)

    assert response.status_code == 200


def test_booking_leads_to_a_confirmation_page_with_the_time_and_the_next_steps(
    client, dana, caller, frozen
):
    response = post_booking(client, caller)

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == manage_path(consultation.pk)
    assert "ana" not in response["Location"].lower()  # no personal data in the link
    page = text(client.get(response["Location"]))
    assert "You're booked, Ana" in page
    assert "Tuesday, March 3 at 10:00 AM PST" in page
    assert "Add to my calendar" in page
    assert "Choose another time" in page
    assert Lead.objects.get().source == Lead.Source.CONSULTATION
    dispatch_due(now=NOW)
    assert len(mail.outbox) == 1


def test_a_time_taken_meanwhile_gets_a_kind_answer_fresh_times_and_the_details_kept(
    client, dana, caller, frozen
):
    consultation_book(starts_at=TUESDAY_10, now=NOW, **{**caller, "email": "first@mail.example"})

    response = post_booking(client, caller)

    page = text(response)
    assert response.status_code == 200
    assert str(SLOT_TAKEN) in page
    assert f'value="{TUESDAY_10_VALUE}"' not in page  # no longer offered
    assert 'value="20260303T1815Z"' in page
    assert 'value="ana.lopez@mail.example"' in page
    assert Consultation.objects.count() == 1
    assert not Client.objects.filter(email="ana.lopez@mail.example").exists()


def test_a_double_submit_lands_on_the_booking_just_made_and_books_nothing_more(
    client, dana, caller, frozen
):
    first = post_booking(client, caller)

    again = post_booking(client, caller)

    consultation = Consultation.objects.get()
    assert again.status_code == 302
    assert again["Location"] == first["Location"] == manage_path(consultation.pk)
    dispatch_due(now=NOW)
    assert len(mail.outbox) == 1


def test_another_browser_posting_the_same_details_is_told_the_time_is_taken(
    client, dana, caller, frozen
):
    post_booking(client, caller)
    client.cookies.clear()  # a different browser: it must not be shown the first booking

    response = post_booking(client, caller)

    assert response.status_code == 200
    assert str(SLOT_TAKEN) in text(response)
    assert Consultation.objects.count() == 1


def test_a_booking_without_a_time_asks_for_one_and_saves_nothing(client, dana, caller, frozen):
    response = client.post(BOOK, caller)

    assert "Please choose a time for your call." in text(response)
    assert not Consultation.objects.exists()


def test_a_forged_time_is_refused_with_a_message_not_an_error(client, dana, caller, frozen):
    response = post_booking(client, caller, slot="20260303T1807Z")
    odd_hour = post_booking(client, caller, slot="20260303T0600Z")

    assert "doesn't look like one of our times" in text(response)
    assert "isn't available any more" in text(odd_hour)
    assert not Consultation.objects.exists()


def test_video_from_outside_california_is_explained_on_the_form(client, dana, caller, frozen):
    response = post_booking(client, {**caller, "mode": "video", "state": "OR"})

    assert "A phone call works from anywhere" in text(response)
    assert not Consultation.objects.exists()


def test_a_broken_link_gets_a_friendly_page(client, db):
    response = client.get("/consultation/c/not-a-real-link/")

    assert response.status_code == 404
    assert "This link isn't working" in text(response)


def test_the_calendar_file_downloads_from_the_link(client, dana, frozen):
    consultation = ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10)

    response = client.get(reverse("consultations:ics", args=[manage_token(consultation.pk)]))

    assert response["Content-Type"] == "text/calendar"
    assert b"DTSTART:20260303T180000Z" in response.content


def test_moving_the_call_through_the_link_then_the_old_link_shows_the_new_time(
    client, dana, caller, frozen
):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    old_token = manage_token(consultation.pk)

    picker = client.get(reverse("consultations:reschedule", args=[old_token]))
    response = client.post(
        reverse("consultations:reschedule", args=[old_token]), {"slot": "20260304T2230Z"}
    )

    moved = Consultation.objects.get(status="booked")
    assert "Your call is now on" in text(picker)
    assert response["Location"] == manage_path(moved.pk)
    for token in (old_token, manage_token(moved.pk)):
        page = text(client.get(reverse("consultations:manage", args=[token])))
        assert "Wednesday, March 4 at 2:30 PM PST" in page
        assert "Tuesday, March 3" not in page


def test_moving_again_through_the_old_link_moves_the_current_booking(client, dana, caller, frozen):
    first = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    second = consultation_reschedule(
        consultation_id=first.pk, starts_at=pacific(2026, 3, 4, 9), now=NOW
    )

    client.post(
        reverse("consultations:reschedule", args=[manage_token(first.pk)]),
        {"slot": "20260305T1700Z"},
    )

    second.refresh_from_db()
    third = Consultation.objects.get(status="booked")
    assert second.status == "rescheduled" and second.rescheduled_to == third
    assert third.starts_at == pacific(2026, 3, 5, 9)


def test_cancelling_through_the_old_link_cancels_the_moved_call(client, dana, caller, frozen):
    first = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    moved = consultation_reschedule(
        consultation_id=first.pk, starts_at=pacific(2026, 3, 4, 9), now=NOW
    )
    old_link_cancel = reverse("consultations:cancel", args=[manage_token(first.pk)])

    confirm = client.get(old_link_cancel)
    response = client.post(old_link_cancel, follow=True)

    moved.refresh_from_db()
    assert "Wednesday, March 4 at 9:00 AM PST" in text(confirm)
    assert moved.status == "cancelled"
    assert "This call is cancelled" in text(response)
    new_link = client.get(reverse("consultations:manage", args=[manage_token(moved.pk)]))
    assert "This call is cancelled" in text(new_link)


def test_cancelling_through_the_new_link_works_and_a_second_click_changes_nothing(
    client, dana, caller, frozen
):
    first = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    moved = consultation_reschedule(
        consultation_id=first.pk, starts_at=pacific(2026, 3, 4, 9), now=NOW
    )
    url = reverse("consultations:cancel", args=[manage_token(moved.pk)])

    client.post(url)
    again = client.post(url)

    assert again.status_code == 302
    assert list(Consultation.objects.order_by("pk").values_list("status", flat=True)) == [
        "rescheduled",
        "cancelled",
    ]


def test_inside_the_change_window_the_page_asks_the_client_to_call_instead(
    client, dana, caller, time_machine, settings
):
    settings.CONSULTATION_CHANGE_WINDOW_HOURS = 2
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    token = manage_token(consultation.pk)
    time_machine.move_to(TUESDAY_10 - dt.timedelta(hours=1), tick=False)

    page = text(client.get(reverse("consultations:manage", args=[token])))
    cancel = client.post(reverse("consultations:cancel", args=[token]))

    assert "can't be changed online any more" in page
    assert "Choose another time" not in page
    assert "less than 2 hours away" in text(cancel)
    consultation.refresh_from_db()
    assert consultation.status == "booked"
