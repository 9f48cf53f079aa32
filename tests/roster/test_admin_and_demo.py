"""Attendance in admin (read-only, narrowed for therapists) and the demo seed."""

import io

import pytest
from django.core.management import call_command

from cohorts.demo import THERAPIST_LOGINS
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


def test_a_therapist_sees_only_their_own_cohorts_attendance_in_admin(
    as_user, therapist, other_therapist, running_cohort, other_cohort, member
):
    from tests.factories import EnrollmentFactory

    AttendanceFactory(session=running_cohort.sessions.first(), enrollment=member)
    stranger = EnrollmentFactory(cohort=other_cohort, enrolled=True)
    AttendanceFactory(session=other_cohort.sessions.first(), enrollment=stranger)

    page = as_user(therapist.user).get(URL).content.decode()

    assert "Room to Breathe" in page
    assert "Steady Ground" not in page


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
