"""Late marks, the online group's California tick, and the history every correction keeps."""

import datetime as dt

import pytest
from django.urls import reverse

from groups_site.timezones import PACIFIC
from roster.models import Attendance, AttendanceCorrection
from roster.services import attendance_record
from tests.factories import EnrollmentFactory, StaffUserFactory, TherapistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(running_cohort):
    return running_cohort.sessions.order_by("starts_at").first()


@pytest.fixture
def members(running_cohort, member):
    return [member, EnrollmentFactory(cohort=running_cohort, enrolled=True)]


def test_a_correction_keeps_who_when_and_the_old_and_the_new_mark(
    therapist, running_cohort, first, members
):
    co = StaffUserFactory(first_name="Sam")
    running_cohort.co_therapist = TherapistFactory(user=co)
    running_cohort.save()
    ana = members[0]
    marked_at = first.ends_at
    corrected_at = first.ends_at + dt.timedelta(days=2)

    attendance_record(
        session_id=first.pk,
        marks={ana.pk: "absent"},
        in_california={ana.pk: False},
        by=therapist.user,
        now=marked_at,
    )
    attendance_record(
        session_id=first.pk,
        marks={ana.pk: "late"},
        in_california={ana.pk: True},
        by=co,
        now=corrected_at,
    )

    mark = Attendance.objects.get()
    assert (mark.status, mark.in_california, mark.marked_by, mark.marked_at) == (
        "late",
        True,
        co,
        corrected_at,
    )
    history = AttendanceCorrection.objects.get()
    assert (history.old_status, history.new_status) == ("absent", "late")
    assert (history.old_in_california, history.new_in_california) == (False, True)
    assert (history.by, history.at) == (co, corrected_at)


def test_saving_the_same_mark_again_writes_no_correction(therapist, first, members):
    for _ in range(2):
        attendance_record(
            session_id=first.pk,
            marks={members[0].pk: "present"},
            in_california={members[0].pk: True},
            by=therapist.user,
            now=first.ends_at,
        )

    assert AttendanceCorrection.objects.count() == 0


def test_the_coordinator_reads_a_marks_history_in_admin(
    as_user, coordinator, therapist, first, members
):
    for mark in ("present", "absent"):
        attendance_record(
            session_id=first.pk, marks={members[0].pk: mark}, by=therapist.user, now=first.ends_at
        )

    page = as_user(coordinator).get(
        reverse("admin:roster_attendance_change", args=[Attendance.objects.get().pk])
    )

    assert "Corrections" in page.content.decode() or "correction" in page.content.decode()
    assert AttendanceCorrection.objects.get().new_status == "absent"


def test_the_sheet_saves_late_and_the_california_tick(as_user, therapist, first, members):
    ana, ben = members
    client = as_user(therapist.user)
    url = reverse("roster:attendance", args=[first.pk])

    page = client.get(url).content.decode()
    assert "Lex Garcia said they were in California today" in page
    client.post(
        url,
        {f"member-{ana.pk}": "late", f"california-{ana.pk}": "on", f"member-{ben.pk}": "absent"},
    )

    marks = {a.enrollment_id: (a.status, a.in_california) for a in Attendance.objects.all()}
    assert marks == {ana.pk: ("late", True), ben.pk: ("absent", False)}


def test_the_roster_warns_about_a_present_online_member_with_no_tick(
    as_user, therapist, running_cohort, first, members
):
    ana, ben = members
    attendance_record(
        session_id=first.pk,
        marks={ana.pk: "present", ben.pk: "absent"},
        in_california={ana.pk: False, ben.pk: False},
        by=therapist.user,
        now=first.ends_at,
    )

    page = as_user(therapist.user).get(reverse("roster:cohort", args=[running_cohort.pk]))

    text = page.content.decode()
    assert "not ticked as in California: Lex Garcia." in text
    # An absent member was not there to ask.
    assert ben.client.first_name not in text.split("not ticked as in California:")[1][:80]


def test_an_in_person_group_has_no_tick_and_no_warning(as_user, therapist):
    from tests.factories import CohortFactory, TherapyGroupFactory

    from .conftest import pacific_today

    cohort = CohortFactory(
        group=TherapyGroupFactory(in_person=True),
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(days=7),
    )
    ana = EnrollmentFactory(cohort=cohort, enrolled=True)
    first = cohort.sessions.order_by("starts_at").first()
    attendance_record(
        session_id=first.pk, marks={ana.pk: "present"}, by=therapist.user, now=first.ends_at
    )
    client = as_user(therapist.user)

    sheet = client.get(reverse("roster:attendance", args=[first.pk])).content.decode()
    roster = client.get(reverse("roster:cohort", args=[cohort.pk])).content.decode()

    assert "in California today" not in sheet
    assert "not ticked as in California" not in roster
    assert Attendance.objects.get().in_california is None


@pytest.mark.parametrize("clock", [dt.time(0, 10), dt.time(23, 50)])
def test_todays_noon_meeting_can_be_marked_at_ten_past_midnight_and_ten_to_midnight(
    therapist, clock
):
    from tests.factories import CohortFactory

    day = dt.date(2026, 11, 1)  # the day the clocks go back, for good measure
    cohort = CohortFactory(lead_therapist=therapist, first_session_date=day, start_time=dt.time(12))
    ana = EnrollmentFactory(cohort=cohort, enrolled=True)
    meeting = cohort.sessions.get(scheduled_date=day)

    changed = attendance_record(
        session_id=meeting.pk,
        marks={ana.pk: "late"},
        in_california={ana.pk: True},
        by=therapist.user,
        now=dt.datetime.combine(day, clock, tzinfo=PACIFIC),
    )

    assert changed == 1
