"""Taking attendance: saved, corrected, refused (and then nothing saved)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import ClientAccessLog
from groups_site.timezones import PACIFIC
from roster import rules
from roster.models import Attendance
from roster.services import AttendanceError, attendance_record
from roster.views import NO_CHANGE, SAVED
from tests.factories import (
    AttendanceFactory,
    EnrollmentFactory,
    SessionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(running_cohort):
    return list(running_cohort.sessions.order_by("starts_at"))


@pytest.fixture
def first(sessions):
    return sessions[0]


@pytest.fixture
def members(running_cohort, member):
    return [member, EnrollmentFactory(cohort=running_cohort, enrolled=True)]


def marks_shown():
    return {(a.session_id, a.enrollment_id): a.status for a in Attendance.objects.all()}


# --- the service ----------------------------------------------------------------------------
def test_attendance_is_saved_with_who_marked_it_and_when(therapist, first, members):
    at = first.ends_at + dt.timedelta(minutes=5)

    changed = attendance_record(
        session_id=first.pk,
        marks={members[0].pk: "present", members[1].pk: "absent"},
        by=therapist.user,
        now=at,
    )

    assert changed == 2
    assert marks_shown() == {
        (first.pk, members[0].pk): "present",
        (first.pk, members[1].pk): "absent",
    }
    assert {(a.marked_by_id, a.marked_at) for a in Attendance.objects.all()} == {
        (therapist.user_id, at)
    }


def test_a_correction_overwrites_the_mark_and_says_who_corrected_it(
    therapist, coordinator, first, members
):
    attendance_record(
        session_id=first.pk, marks={members[0].pk: "absent"}, by=therapist.user, now=first.ends_at
    )
    later = first.ends_at + dt.timedelta(days=2)

    changed = attendance_record(
        session_id=first.pk, marks={members[0].pk: "excused"}, by=coordinator, now=later
    )

    row = Attendance.objects.get()
    assert changed == 1
    assert (row.status, row.marked_by_id, row.marked_at) == ("excused", coordinator.pk, later)


def test_saving_the_same_marks_again_changes_nothing(therapist, other_therapist, first, members):
    first.cohort.co_therapist = other_therapist
    first.cohort.save()
    attendance_record(
        session_id=first.pk, marks={members[0].pk: "present"}, by=therapist.user, now=first.ends_at
    )

    changed = attendance_record(
        session_id=first.pk,
        marks={members[0].pk: "present"},
        by=other_therapist.user,
        now=first.ends_at + dt.timedelta(hours=1),
    )

    row = Attendance.objects.get()
    assert changed == 0
    assert (row.marked_by_id, row.marked_at) == (therapist.user_id, first.ends_at)


def test_marking_more_than_a_day_ahead_is_refused_and_nothing_is_saved(
    therapist, sessions, members
):
    later = sessions[4]

    with pytest.raises(AttendanceError) as refused:
        attendance_record(
            session_id=later.pk,
            marks={members[0].pk: "excused"},
            by=therapist.user,
            now=later.starts_at - dt.timedelta(hours=24, minutes=1),
        )

    assert str(refused.value).startswith("Attendance for this session opens 24 hours before")
    assert Attendance.objects.count() == 0


def test_marking_opens_exactly_a_day_before_the_session(therapist, sessions, members):
    later = sessions[4]

    changed = attendance_record(
        session_id=later.pk,
        marks={members[0].pk: "excused"},
        by=therapist.user,
        now=later.starts_at - dt.timedelta(hours=24),
    )

    assert changed == 1


def test_a_skipped_week_cannot_be_marked(therapist, running_cohort, members):
    skipped = SessionFactory(
        cohort=running_cohort,
        scheduled_date=running_cohort.first_session_date - dt.timedelta(weeks=1),
        skipped=True,
    )

    with pytest.raises(AttendanceError, match="There is no meeting that week"):
        attendance_record(
            session_id=skipped.pk,
            marks={members[0].pk: "present"},
            by=therapist.user,
            now=skipped.ends_at,
        )
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("trait", ["waitlisted", "withdrawn", "screening"])
def test_only_enrolled_members_can_be_marked(therapist, running_cohort, first, members, trait):
    outsider = EnrollmentFactory(cohort=running_cohort, **{trait: True})

    with pytest.raises(AttendanceError, match="The list of members changed"):
        attendance_record(
            session_id=first.pk,
            marks={members[0].pk: "present", outsider.pk: "present"},
            by=therapist.user,
            now=first.ends_at,
        )
    assert Attendance.objects.count() == 0


def test_someone_from_another_cohort_cannot_be_marked(therapist, other_cohort, first, members):
    stranger = EnrollmentFactory(cohort=other_cohort, enrolled=True)

    with pytest.raises(AttendanceError, match="The list of members changed"):
        attendance_record(
            session_id=first.pk,
            marks={stranger.pk: "present"},
            by=therapist.user,
            now=first.ends_at,
        )
    assert Attendance.objects.count() == 0


def test_another_therapist_cannot_mark_through_the_service(other_therapist, first, members):
    with pytest.raises(AttendanceError, match="Only this group's therapists"):
        attendance_record(
            session_id=first.pk,
            marks={members[0].pk: "present"},
            by=other_therapist.user,
            now=first.ends_at,
        )
    assert Attendance.objects.count() == 0


def test_an_unknown_mark_or_no_mark_is_refused(therapist, first, members):
    with pytest.raises(AttendanceError, match="Please choose present, late, absent or excused"):
        attendance_record(
            session_id=first.pk,
            marks={members[0].pk: "tardy"},
            by=therapist.user,
            now=first.ends_at,
        )
    with pytest.raises(AttendanceError, match="at least one member"):
        attendance_record(session_id=first.pk, marks={}, by=therapist.user, now=first.ends_at)
    assert Attendance.objects.count() == 0


def test_a_cancelled_cohort_cannot_be_marked(therapist, first, members):
    first.cohort.status = "cancelled"
    first.cohort.save()

    with pytest.raises(AttendanceError, match=rules.COHORT_CANCELLED):
        attendance_record(
            session_id=first.pk,
            marks={members[0].pk: "present"},
            by=therapist.user,
            now=first.ends_at,
        )


# --- the page ----------------------------------------------------------------------------------
def test_the_attendance_page_lists_the_members_with_a_choice_each(
    as_user, therapist, first, members
):
    response = as_user(therapist.user).get(reverse("roster:attendance", args=[first.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Session 1:" in page
    assert "Lex Garcia" in page
    assert page.count('type="radio"') == 4 * 2
    assert "<legend" in page
    assert (
        ClientAccessLog.objects.filter(where=f"therapist attendance, session {first.pk}").count()
        == 2
    )


def test_a_therapist_marks_attendance_and_sees_it_saved_on_the_roster(
    as_user, therapist, first, members
):
    client = as_user(therapist.user)

    response = client.post(
        reverse("roster:attendance", args=[first.pk]),
        {f"member-{members[0].pk}": "present", f"member-{members[1].pk}": "absent"},
        follow=True,
    )

    page = response.content.decode()
    local = first.starts_at.astimezone(PACIFIC)
    assert response.redirect_chain[-1][0] == reverse("roster:cohort", args=[first.cohort_id])
    assert SAVED.format(when=f"{local:%a, %b} {local.day}") in page
    assert "1 present, 1 absent, 0 excused" in page
    assert marks_shown() == {
        (first.pk, members[0].pk): "present",
        (first.pk, members[1].pk): "absent",
    }


def test_a_correction_through_the_page_keeps_the_other_marks(as_user, therapist, first, members):
    client = as_user(therapist.user)
    url = reverse("roster:attendance", args=[first.pk])
    client.post(url, {f"member-{members[0].pk}": "present", f"member-{members[1].pk}": "absent"})

    page = client.get(url).content.decode()
    assert f'value="absent"  id="id_member-{members[1].pk}_2" checked' in page
    assert page.count("checked") == 2
    client.post(url, {f"member-{members[1].pk}": "excused"})

    assert marks_shown() == {
        (first.pk, members[0].pk): "present",
        (first.pk, members[1].pk): "excused",
    }


def test_saving_unchanged_marks_says_nothing_changed(as_user, therapist, first, members):
    client = as_user(therapist.user)
    url = reverse("roster:attendance", args=[first.pk])
    client.post(url, {f"member-{members[0].pk}": "present"})

    response = client.post(url, {f"member-{members[0].pk}": "present"}, follow=True)

    assert NO_CHANGE in response.content.decode()


def test_a_form_with_nothing_chosen_asks_for_a_choice(as_user, therapist, first, members):
    response = as_user(therapist.user).post(reverse("roster:attendance", args=[first.pk]), {})

    assert response.status_code == 400
    assert rules.NOTHING_MARKED in response.content.decode()
    assert Attendance.objects.count() == 0


def test_a_session_weeks_away_shows_when_marking_opens_and_saves_nothing(
    as_user, therapist, sessions, members
):
    later = sessions[5]
    client = as_user(therapist.user)
    url = reverse("roster:attendance", args=[later.pk])

    page = client.get(url).content.decode()
    assert "Attendance for this session opens 24 hours before it starts" in page
    assert 'type="radio"' not in page
    assert rules.NOTHING_SAVED not in page

    response = client.post(url, {f"member-{members[0].pk}": "excused"})

    assert response.status_code == 409
    assert "opens 24 hours before it starts" in response.content.decode()
    assert rules.NOTHING_SAVED in response.content.decode()
    assert Attendance.objects.count() == 0


def test_the_coordinator_can_take_attendance_for_any_cohort(as_user, coordinator, first, members):
    response = as_user(coordinator).post(
        reverse("roster:attendance", args=[first.pk]), {f"member-{members[0].pk}": "present"}
    )

    assert response.status_code == 302
    assert Attendance.objects.get().marked_by_id == coordinator.pk


def test_a_mark_for_someone_not_on_the_form_is_ignored(
    as_user, therapist, running_cohort, first, members
):
    waiting = EnrollmentFactory(cohort=running_cohort, waitlisted=True)

    as_user(therapist.user).post(
        reverse("roster:attendance", args=[first.pk]),
        {f"member-{members[0].pk}": "present", f"member-{waiting.pk}": "present"},
    )

    assert marks_shown() == {(first.pk, members[0].pk): "present"}


def test_staff_without_a_cohort_cannot_mark(as_user, first, members):
    response = as_user(StaffUserFactory()).post(
        reverse("roster:attendance", args=[first.pk]), {f"member-{members[0].pk}": "present"}
    )

    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def _queries_for_attendance(client, session, expected_members: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("roster:attendance", args=[session.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("<legend") == expected_members
    return len(queries)


def test_the_attendance_page_costs_the_same_queries_for_3_and_12_members(
    as_user, therapist, running_cohort, first
):
    running_cohort.capacity = 12
    running_cohort.save()
    client = as_user(therapist.user)
    for enrollment in EnrollmentFactory.create_batch(3, cohort=running_cohort, enrolled=True):
        AttendanceFactory(session=first, enrollment=enrollment)
    three = _queries_for_attendance(client, first, 3)

    for enrollment in EnrollmentFactory.create_batch(9, cohort=running_cohort, enrolled=True):
        AttendanceFactory(session=first, enrollment=enrollment)
    twelve = _queries_for_attendance(client, first, 12)

    assert twelve == three
