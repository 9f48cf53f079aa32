import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.services import cohort_cancel
from enrollment import services
from enrollment.links import manage_path, manage_token
from enrollment.models import Enrollment, EnrollmentEvent
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import CohortFactory, EnrollmentFactory

from .helpers import enrollment_rows, fill, sign_up, text

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def counts():
    return EnrollmentEvent.objects.count(), Notification.objects.count()


@pytest.fixture
def offered(cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example", first_name="Lee").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    return waiting


def test_the_link_carries_no_personal_data(cohort):
    enrollment = sign_up(cohort).enrollment

    path = manage_path(enrollment.pk)

    assert "ana" not in path.lower() and "rivera" not in path.lower()
    assert "mail.example" not in path


def test_my_enrollment_shows_the_status_and_the_meeting_dates(
    client, cohort, django_assert_max_num_queries
):
    enrollment = sign_up(cohort).enrollment
    first = cohort.sessions.order_by("starts_at").first()

    with django_assert_max_num_queries(6):
        response = client.get(manage_path(enrollment.pk))

    page = text(response)
    assert "We're holding a seat for you" in page
    assert "Hi Ana" in page
    assert timezone.localtime(first.starts_at).strftime("%a, %b %-d, %-I:%M %p") in page
    assert page.count("<li>") >= cohort.session_count
    assert "Add the dates to my calendar" in page
    assert "I am no longer interested" in page


def test_a_tampered_link_shows_a_calm_page_and_no_details(client, cohort):
    enrollment = sign_up(cohort).enrollment
    token = manage_token(enrollment.pk)

    response = client.get(reverse("enrollment:mine", args=[token[:-2] + "xx"]))

    assert response.status_code == 404
    assert "This link no longer works" in text(response)
    assert "Ana" not in text(response)


def test_an_expired_link_no_longer_works(client, cohort, settings):
    enrollment = sign_up(cohort).enrollment
    path = manage_path(enrollment.pk)
    settings.SELF_SERVICE_LINK_DAYS = 0

    response = client.get(path)

    assert response.status_code == 404
    assert "This link no longer works" in text(response)


def test_withdrawing_frees_the_seat_and_sends_a_note(client, cohort):
    enrollment = sign_up(cohort).enrollment

    response = client.post(
        manage_path(enrollment.pk), {"action": "withdraw", "confirm": "yes"}, follow=True
    )

    enrollment.refresh_from_db()
    assert enrollment.status == S.WITHDRAWN
    assert enrollment.events.last().by == EnrollmentEvent.By.CLIENT
    page = text(response)
    assert "You're off the list" in page
    assert "Take me off the list" not in page
    assert enrollment_rows().filter(kind=Kind.ENROLLMENT_WITHDRAWN).count() == 1


def test_leaving_without_ticking_the_confirmation_changes_nothing(client, cohort):
    enrollment = sign_up(cohort).enrollment
    before = counts()

    response = client.post(manage_path(enrollment.pk), {"action": "withdraw"}, follow=True)

    assert "Please tick the box to confirm you want to leave." in text(response)
    enrollment.refresh_from_db()
    assert enrollment.status == S.REQUESTED
    assert counts() == before


def test_opening_the_link_never_changes_anything(client, cohort):
    enrollment = sign_up(cohort).enrollment
    before = counts()

    client.get(manage_path(enrollment.pk) + "?action=withdraw")

    enrollment.refresh_from_db()
    assert enrollment.status == S.REQUESTED
    assert counts() == before


def test_an_old_link_after_withdrawing_shows_the_current_state_and_refuses_again(client, cohort):
    enrollment = sign_up(cohort).enrollment
    path = manage_path(enrollment.pk)
    client.post(path, {"action": "withdraw", "confirm": "yes"})
    before = counts()

    page = text(client.get(path))
    again = text(client.post(path, {"action": "withdraw", "confirm": "yes"}, follow=True))

    assert "not on the list for this group" in page
    assert "Take me off the list" not in page
    assert "That page was out of date, so nothing was changed." in again
    assert "cannot be moved" not in again  # never the staff wording of the move table
    assert counts() == before


def test_a_waitlisted_person_sees_their_place_in_line(client, cohort):
    fill(cohort, 3)
    first = sign_up(cohort, email="first@mail.example").enrollment
    second = sign_up(cohort, email="second@mail.example").enrollment

    assert "next in line" in text(client.get(manage_path(first.pk)))
    assert "number 2 in line" in text(client.get(manage_path(second.pk)))
    Enrollment.objects.filter(pk=second.pk).update(priority=1)
    assert "next in line" in text(client.get(manage_path(second.pk)))


def test_a_waitlisted_person_can_say_they_are_no_longer_interested(client, cohort):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    page = text(client.get(manage_path(waiting.pk)))

    client.post(manage_path(waiting.pk), {"action": "withdraw", "confirm": "yes"})

    assert "You're on the waitlist" in page and 'id="leave"' in page
    assert "Add the dates" not in page
    waiting.refresh_from_db()
    assert waiting.status == S.WITHDRAWN


def test_an_offer_can_be_accepted_from_the_link(client, offered):
    page = text(client.get(manage_path(offered.pk)))
    response = client.post(manage_path(offered.pk), {"action": "accept"}, follow=True)

    assert "A seat is free for you" in page and "Yes, I'll take the seat" in page
    offered.refresh_from_db()
    assert offered.status == S.REQUESTED
    assert "The seat is yours" in text(response)


def test_a_stale_accept_button_changes_nothing(client, offered):
    path = manage_path(offered.pk)
    client.post(path, {"action": "accept"})
    before = counts()

    response = client.post(path, {"action": "accept"}, follow=True)

    assert str(services.OFFER_NOT_OPEN) in text(response)
    assert "Yes, I'll take the seat" not in text(response)
    assert counts() == before


def test_an_offer_can_be_declined_from_the_link(client, offered):
    client.post(manage_path(offered.pk), {"action": "decline"})

    offered.refresh_from_db()
    assert offered.status == S.WITHDRAWN


def test_an_expired_offer_shows_no_buttons_and_refuses_an_accept(client, offered):
    Enrollment.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    before = counts()

    page = text(client.get(manage_path(offered.pk)))
    response = client.post(manage_path(offered.pk), {"action": "accept"}, follow=True)

    assert "This offer has ended" in page and "take the seat" not in page
    assert str(services.OFFER_EXPIRED) in text(response)
    offered.refresh_from_db()
    assert offered.status == S.OFFERED
    assert counts() == before


def test_an_unknown_action_changes_nothing(client, cohort):
    enrollment = sign_up(cohort).enrollment
    before = counts()

    response = client.post(manage_path(enrollment.pk), {"action": "enroll"}, follow=True)

    assert "Nothing was changed" in text(response)
    assert counts() == before


def test_a_cancelled_cohort_points_to_the_next_one(client, cohort):
    following = CohortFactory(
        group=cohort.group, first_session_date=cohort.first_session_date + dt.timedelta(weeks=9)
    )
    enrollment = sign_up(cohort).enrollment
    cohort_cancel(cohort_id=cohort.pk)

    page = text(client.get(manage_path(enrollment.pk)))

    assert "won't go ahead" in page
    assert reverse("enrollment:signup", args=[following.pk]) in page


def test_the_calendar_file_has_every_meeting_in_pacific_time_and_nobody_else(client, cohort):
    EnrollmentFactory(cohort=cohort, client__email="other.member@mail.example", enrolled=True)
    enrollment = sign_up(cohort).enrollment
    token = manage_token(enrollment.pk)

    response = client.get(reverse("enrollment:calendar", args=[token]))

    assert response["Content-Type"] == "text/calendar"
    assert "attachment" in response["Content-Disposition"]
    body = text(response)
    cal = icalendar.Calendar.from_ical(response.content)
    zones = cal.walk("VTIMEZONE")
    events = cal.walk("VEVENT")
    assert [z["TZID"] for z in zones] == ["America/Los_Angeles"]
    assert len(events) == cohort.session_count
    assert all(e.decoded("DTSTART").tzinfo.key == "America/Los_Angeles" for e in events)
    assert "other.member" not in body and "ATTENDEE" not in body
    assert "ana.rivera" not in body


def test_someone_on_the_waitlist_gets_no_calendar(client, cohort):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment

    response = client.get(reverse("enrollment:calendar", args=[manage_token(waiting.pk)]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("first_day", "change"),
    [(dt.date(2027, 3, 2), dt.date(2027, 3, 14)), (dt.date(2027, 10, 26), dt.date(2027, 11, 7))],
)
def test_calendar_meetings_keep_their_wall_clock_time_across_daylight_saving(
    client, db, first_day, change
):
    cohort = CohortFactory(first_session_date=first_day, session_count=4)
    enrollment = EnrollmentFactory(cohort=cohort, enrolled=True)

    response = client.get(reverse("enrollment:calendar", args=[manage_token(enrollment.pk)]))

    cal = icalendar.Calendar.from_ical(response.content)
    starts = [e.decoded("DTSTART") for e in cal.walk("VEVENT")]
    assert [(s.hour, s.minute) for s in starts] == [(18, 30)] * 4
    offsets = {s.date() < change: s.utcoffset() for s in starts}
    assert offsets[True] != offsets[False]
    zone = cal.walk("VTIMEZONE")[0]
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_when_the_first_week_is_skipped_people_already_signed_up_see_the_new_first_meeting(
    client, cohort, send_due
):
    from cohorts.services import cohort_skip_week
    from groups_site.dates import pacific_when as pacific

    enrollment = sign_up(cohort).enrollment
    first, second = cohort.sessions.order_by("starts_at")[:2]
    already = len(send_due())

    cohort_skip_week(cohort_id=cohort.pk, day=first.scheduled_date)
    services.enrollment_enroll(enrollment_id=enrollment.pk)

    page = text(client.get(manage_path(enrollment.pk)))
    shown = timezone.localtime(second.starts_at).strftime("%A, %B %-d, %-I:%M %p")
    assert f"First meeting: <strong>{shown}</strong>" in page
    (enrolled,) = send_due()[already:]
    assert f"The first meeting is {pacific(second.starts_at)}." in enrolled.body
    assert pacific(first.starts_at) not in enrolled.body
