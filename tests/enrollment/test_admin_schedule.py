"""Schedule changes made in the cohort admin reach the people holding a seat: one email per
person per change, with the new dates in Pacific time and a fresh calendar file."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups_site.timezones import PACIFIC
from notifications.dispatch import dispatch_due
from notifications.kinds import Kind
from notifications.models import Notification
from tests.cohorts.test_admin import _form_data
from tests.factories import CohortFactory, EnrollmentFactory, NotificationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:cohorts_cohort_changelist")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def cohort(db):
    """Three seat holders of different kinds, and three people who are not told."""
    cohort = CohortFactory(session_count=4, capacity=6, group__name="Steady Ground")
    EnrollmentFactory(cohort=cohort, enrolled=True, client__email="member@mail.example")
    EnrollmentFactory(cohort=cohort, offered=True, client__email="offer@mail.example")
    EnrollmentFactory(cohort=cohort, placed=True, client__email="placed@mail.example")
    EnrollmentFactory(cohort=cohort, waitlisted=True, client__email="waiting@mail.example")
    EnrollmentFactory(cohort=cohort, withdrawn=True, client__email="left@mail.example")
    EnrollmentFactory(cohort=cohort, declined=True, client__email="declined@mail.example")
    return cohort


TOLD = {"member@mail.example", "offer@mail.example", "placed@mail.example"}


def schedule_rows():
    return Notification.objects.filter(kind=Kind.ENROLLMENT_SCHEDULE_CHANGED)


def told():
    return sorted(schedule_rows().values_list("to_email", flat=True))


def messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def move(staff, cohort, session, day, at="17:15"):
    url = reverse("admin:cohorts_cohort_move_session", args=[cohort.pk])
    data = {"session": session.pk, "new_date": day.isoformat(), "new_time": at}
    return staff.post(url, data, follow=True)


def test_moving_a_later_meeting_tells_each_seat_holder_once(staff, cohort):
    session = cohort.sessions.order_by("starts_at")[1]

    response = move(staff, cohort, session, session.scheduled_date + dt.timedelta(days=1))

    assert told() == sorted(TOLD)
    assert {row.key.split(":")[3] for row in schedule_rows()} == {"moved"}
    assert any("3 people emailed the new dates" in m for m in messages(response))


def test_moving_the_first_meeting_is_a_postponed_start(staff, cohort):
    first = cohort.sessions.order_by("starts_at")[0]
    second = cohort.sessions.order_by("starts_at")[1]

    move(staff, cohort, first, second.scheduled_date - dt.timedelta(days=1))

    assert told() == sorted(TOLD)
    assert {row.key.split(":")[3] for row in schedule_rows()} == {"postponed"}


def test_two_changes_are_two_emails_each(staff, cohort):
    sessions = list(cohort.sessions.order_by("starts_at"))

    move(staff, cohort, sessions[1], sessions[1].scheduled_date + dt.timedelta(days=1))
    move(staff, cohort, sessions[2], sessions[2].scheduled_date + dt.timedelta(days=1))

    assert schedule_rows().count() == 6
    assert schedule_rows().filter(to_email="member@mail.example").count() == 2


def test_the_email_goes_out_even_after_a_reminder_was_sent(staff, cohort):
    member = cohort.enrollments.get(status="enrolled")
    NotificationFactory(
        kind="session_reminder",
        to_email=member.client.email,
        content_type=ContentType.objects.get_for_model(member),
        object_id=member.pk,
        sent=True,
    )
    session = cohort.sessions.order_by("starts_at")[1]

    move(staff, cohort, session, session.scheduled_date + dt.timedelta(days=1))
    dispatch_due(now=timezone.now() + dt.timedelta(seconds=5))

    sent = [m for m in mail.outbox if m.to == ["member@mail.example"]]
    assert len(sent) == 1
    [message] = sent
    assert "schedule" in message.subject and "Steady Ground" not in message.subject
    moved = session.scheduled_date + dt.timedelta(days=1)
    assert f"{moved:%A, %B} {moved.day} at 5:15 PM" in message.body
    assert message.attachments[0][0].endswith(".ics")


def test_skipping_a_week_tells_each_seat_holder_once(staff, cohort):
    holiday = cohort.sessions.order_by("starts_at")[2].scheduled_date
    url = reverse("admin:cohorts_cohort_skip_week", args=[cohort.pk])

    response = staff.post(url, {"day": holiday.isoformat()}, follow=True)

    assert told() == sorted(TOLD)
    assert any("3 people emailed the new dates" in m for m in messages(response))


def test_the_skip_action_for_several_cohorts_says_how_many_will_be_told_first(staff, cohort):
    other = CohortFactory(first_session_date=cohort.first_session_date, session_count=4)
    EnrollmentFactory(cohort=other, enrolled=True)
    holiday = cohort.sessions.order_by("starts_at")[2].scheduled_date
    data = {"action": "skip_week", ACTION_CHECKBOX_NAME: [cohort.pk, other.pk]}

    asked = staff.post(CHANGELIST, data)
    assert "emails the new dates to 4 people" in asked.content.decode()
    assert not schedule_rows().exists()

    staff.post(CHANGELIST, {**data, "day": holiday.isoformat()})

    assert schedule_rows().count() == 4


def test_changing_the_time_in_the_cohort_form_tells_everyone(staff, cohort):
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    assert "emails the new dates to 3 people" in staff.get(url).content.decode()

    response = staff.post(url, _form_data(cohort, start_time="19:00"), follow=True)

    assert told() == sorted(TOLD)
    assert {row.key.split(":")[3] for row in schedule_rows()} == {"time"}
    assert any("3 people emailed the new dates" in m for m in messages(response))


def test_postponing_the_first_date_in_the_cohort_form_tells_everyone(staff, cohort):
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    later = cohort.first_session_date + dt.timedelta(weeks=2)

    staff.post(url, _form_data(cohort, first_session_date=later.isoformat()))

    assert told() == sorted(TOLD)
    assert {row.key.split(":")[3] for row in schedule_rows()} == {"postponed"}
    first = cohort.sessions.filter(status="scheduled").order_by("starts_at").first()
    assert first.starts_at.astimezone(PACIFIC).date() == later


def test_a_change_that_touches_no_dates_tells_nobody(staff, cohort):
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])

    staff.post(url, _form_data(cohort, capacity=7))

    assert not schedule_rows().exists()


def test_the_move_page_says_how_many_will_be_told_before_saving(staff, cohort):
    url = reverse("admin:cohorts_cohort_move_session", args=[cohort.pk])

    page = staff.get(url).content.decode()

    assert "Saving emails the new dates to 3 people holding a seat" in page
    assert not schedule_rows().exists()


def test_a_refused_move_tells_nobody(staff, cohort):
    session = cohort.sessions.order_by("starts_at")[1]

    response = move(staff, cohort, session, dt.date(2020, 1, 6), at="18:00")

    assert response.status_code == 200
    assert not schedule_rows().exists()
    session.refresh_from_db()
    assert not session.is_moved
