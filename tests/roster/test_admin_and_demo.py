"""Attendance in admin (read-only, the coordinator's; therapists are kept out) and the demo
seed."""

import io

import pytest
from django.core.management import call_command

from demo.practice import THERAPIST_LOGINS
from groups_site.timezones import PACIFIC
from roster.models import Attendance
from tests.factories import AttendanceFactory

pytestmark = pytest.mark.django_db

URL = "/staff/roster/attendance/"


def test_the_coordinator_reads_attendance_in_admin_but_cannot_change_it(
    as_user, coordinator, running_cohort, member
):
    mark = AttendanceFactory(session=running_cohort.sessions.first(), enrollment=member)
    client = as_user(coordinator)

    listing = client.get(URL)
    detail = client.get(f"{URL}{mark.pk}/change/")

    assert listing.status_code == 200
    assert "Room to Breathe" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="status"' not in detail.content.decode()
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}{mark.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Attendance.objects.count() == 1


def test_a_therapist_is_kept_out_of_admin_with_a_link_back_to_their_portal(
    as_user, therapist, running_cohort, member
):
    AttendanceFactory(session=running_cohort.sessions.first(), enrollment=member)
    client = as_user(therapist.user)

    for url in ("/staff/", URL, "/staff/clients/client/"):
        response = client.get(url)
        assert response.status_code == 403, url
        page = response.content.decode()
        assert 'href="/therapist/"' in page
        assert "Room to Breathe" not in page


def test_a_superuser_who_is_also_a_therapist_keeps_admin(as_user, therapist):
    therapist.user.is_superuser = True
    therapist.user.save()

    assert as_user(therapist.user).get("/staff/").status_code == 200


def test_the_demo_gives_running_cohorts_attendance_once(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    marks = Attendance.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert marks > 0
    assert Attendance.objects.count() == marks
    assert "/accounts/login/" in out.getvalue()
    assert {a.marked_by.username for a in Attendance.objects.select_related("marked_by")} <= {
        login.username for login in THERAPIST_LOGINS
    }


def test_the_demo_has_an_online_group_meeting_today_with_a_member_who_missed_two(db):
    from django.utils import timezone

    from cohorts.models import Session
    from roster.models import MissedSessionsFlag

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    today = timezone.now().astimezone(PACIFIC).date()
    meeting = Session.objects.get(
        scheduled_date=today, cohort__group__slug="evening-connection-online"
    )
    assert meeting.cohort.group.is_online
    flag = MissedSessionsFlag.objects.get()
    assert flag.is_open and flag.reason == MissedSessionsFlag.Reason.IN_A_ROW
    assert flag.enrollment.cohort == meeting.cohort
