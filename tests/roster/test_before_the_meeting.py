"""Before a meeting: the print sheet, the CSV export, "new this week" in open groups, and
therapists kept out of the coordinator's admin."""

import datetime as dt

import pytest
from django.urls import reverse

from clients.models import ClientAccessLog
from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory
from tests.factories.consultations import pacific

from .conftest import pacific_today

pytestmark = pytest.mark.django_db


def test_the_print_sheet_has_the_meeting_and_its_video_link(
    as_user, therapist, running_cohort, member
):
    running_cohort.video_link = "https://video.example/room-to-breathe"
    running_cohort.save()
    session = running_cohort.sessions.order_by("starts_at")[2]

    page = as_user(therapist.user).get(reverse("roster:print", args=[session.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "https://video.example/room-to-breathe" in text
    assert session.starts_at.astimezone(dt.UTC).strftime("%Y") in text
    assert "Lex" in text and "951-555-0133" in text


def test_another_therapists_print_sheet_is_a_404(as_user, other_therapist, running_cohort, member):
    session = running_cohort.sessions.first()

    response = as_user(other_therapist.user).get(reverse("roster:print", args=[session.pk]))

    assert response.status_code == 404
    assert ClientAccessLog.objects.count() == 0


def test_an_open_groups_new_members_are_marked_new_this_week(as_user, therapist):
    cohort = CohortFactory(
        group=TherapyGroupFactory(open_group=True),
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(weeks=4),
        entry_interval_weeks=1,
    )
    client = as_user(therapist.user)
    upcoming = cohort.sessions.filter(status="scheduled").order_by("starts_at")
    now = dt.datetime.now(dt.UTC)
    current = next(s for s in upcoming if s.ends_at > now)
    EnrollmentFactory(
        cohort=cohort, enrolled=True, start_session=current, client__first_name="Newton"
    )
    EnrollmentFactory(
        cohort=cohort, enrolled=True, start_session=upcoming[0], client__first_name="Oldham"
    )

    roster = client.get(reverse("roster:cohort", args=[cohort.pk])).content.decode()
    sheet = client.get(reverse("roster:print", args=[current.pk])).content.decode()

    for page in (roster, sheet):
        assert page.count("New this week") == 1
        newton = page.index("Newton")
        assert "New this week" in page[newton : newton + 200]


@pytest.mark.parametrize("url", ["/staff/", "/staff/clients/client/", "/staff/login/"])
def test_staff_admin_answers_a_therapist_with_a_403_linking_to_their_portal(
    as_user, therapist, url
):
    response = as_user(therapist.user).get(url)

    assert response.status_code == 403
    text = response.content.decode()
    assert 'href="/therapist/"' in text and "Go to my cohorts" in text


def test_the_coordinator_keeps_admin(as_user, coordinator):
    assert as_user(coordinator).get("/staff/").status_code == 200


def test_a_therapist_who_signs_in_lands_on_the_portal(client, therapist):
    therapist.user.set_password("a-long-therapist-password")
    therapist.user.save()

    response = client.post(
        reverse("login"),
        {"username": therapist.user.username, "password": "a-long-therapist-password"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("roster:home")


def test_the_next_meetings_sheet_can_be_printed_days_before_it(as_user, therapist, time_machine):
    # Session 2 met on Monday; on Wednesday the next one, session 3, is five days away.
    monday = pacific(2026, 11, 9, 12)
    time_machine.move_to(monday + dt.timedelta(days=9), tick=False)
    cohort = CohortFactory(lead_therapist=therapist, first_session_date=monday.date())
    session_3 = cohort.sessions.order_by("starts_at")[2]
    EnrollmentFactory(cohort=cohort, enrolled=True, client__first_name="Lex")

    roster = as_user(therapist.user).get(reverse("roster:cohort", args=[cohort.pk])).content
    sheet = as_user(therapist.user).get(reverse("roster:print", args=[session_3.pk]))

    assert reverse("roster:print", args=[session_3.pk]).encode() in roster
    assert b"Print the sheet for session 3" in roster
    assert sheet.status_code == 200 and b"Lex" in sheet.content
