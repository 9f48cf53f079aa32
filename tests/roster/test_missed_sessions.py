"""Missed sessions: two absences in a row, or three in one cohort, flag the member (excused
never counts); one nameless email each to the therapists and the coordinator, sent once;
the flag clears when the member comes back or the coordinator marks it handled."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from notifications.dispatch import dispatch_due
from notifications.kinds import Kind
from notifications.models import Notification
from roster.models import MissedSessionsFlag
from roster.selectors import missed_session_flags_for
from roster.services import (
    NOTE_NEEDED,
    FlagError,
    attendance_record,
    missed_flag_handle,
)
from tests.factories import EnrollmentFactory, TherapistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(running_cohort):
    return list(running_cohort.sessions.order_by("starts_at"))


def mark(session, member, status, by):
    attendance_record(session_id=session.pk, marks={member.pk: status}, by=by, now=session.ends_at)


def marks(sessions, member, statuses, by):
    for session, status in zip(sessions, statuses, strict=False):
        mark(session, member, status, by)


def open_flags():
    return list(MissedSessionsFlag.objects.filter(cleared_at=None))


def test_two_absences_in_a_row_flag_the_member(therapist, sessions, member):
    marks(sessions, member, ["present", "absent"], therapist.user)
    assert open_flags() == []

    mark(sessions[2], member, "absent", therapist.user)

    flag = MissedSessionsFlag.objects.get()
    assert (flag.enrollment, flag.reason, flag.trigger_session) == (
        member,
        MissedSessionsFlag.Reason.IN_A_ROW,
        sessions[2],
    )


def test_a_mis_click_corrected_back_to_absent_opens_the_flag_again_without_a_second_email(
    therapist, sessions, member
):
    marks(sessions, member, ["absent", "absent"], therapist.user)
    flag = MissedSessionsFlag.objects.get()

    mark(sessions[1], member, "present", therapist.user)  # the wrong box
    assert open_flags() == []
    mark(sessions[1], member, "absent", therapist.user)  # put right

    assert open_flags() == [flag]
    emails = Notification.objects.filter(kind=Kind.MISSED_SESSIONS)
    assert emails.count() == len({n.to_email for n in emails})


def test_three_absences_apart_in_one_cohort_flag_the_member(therapist, sessions, member):
    marks(sessions, member, ["absent", "present", "absent", "present"], therapist.user)
    assert open_flags() == []

    mark(sessions[4], member, "absent", therapist.user)

    assert [f.reason for f in open_flags()] == [MissedSessionsFlag.Reason.IN_COHORT]


@pytest.mark.parametrize(
    "statuses",
    [
        ["absent", "excused"],
        ["excused", "excused", "excused"],
        ["absent", "excused", "present", "excused", "absent"],
        ["late", "absent", "late", "absent"],
    ],
)
def test_excused_weeks_and_single_absences_raise_nothing(therapist, sessions, member, statuses):
    marks(sessions, member, statuses, therapist.user)

    assert MissedSessionsFlag.objects.count() == 0
    assert Notification.objects.filter(kind=Kind.MISSED_SESSIONS).count() == 0


def test_an_excused_week_between_two_absences_does_not_break_the_run(therapist, sessions, member):
    marks(sessions, member, ["absent", "excused", "absent"], therapist.user)

    assert [f.reason for f in open_flags()] == [MissedSessionsFlag.Reason.IN_A_ROW]


def test_each_therapist_and_the_coordinator_get_one_nameless_email_once(
    therapist, running_cohort, sessions, member
):
    running_cohort.co_therapist = TherapistFactory(display_name="Sam Patel")
    running_cohort.save()
    marks(sessions, member, ["absent", "absent"], therapist.user)
    # Saved again, and corrected back and forth: still one email each.
    mark(sessions[1], member, "absent", therapist.user)
    mark(sessions[1], member, "excused", therapist.user)
    mark(sessions[1], member, "absent", therapist.user)

    dispatch_due(now=sessions[1].ends_at)
    dispatch_due(now=sessions[1].ends_at)

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [therapist.user.email, running_cohort.co_therapist.user.email, settings.COORDINATOR_EMAIL]
    )
    client = member.client
    for message in mail.outbox:
        text = message.subject + message.body + str(message.alternatives)
        assert client.first_name not in text and client.last_name not in text
        assert client.preferred_name not in text
        assert running_cohort.group.name not in text
        assert "/accounts/login/?next=" in message.body
    assert MissedSessionsFlag.objects.count() == 1


def test_a_coordinator_who_leads_the_cohort_gets_one_email_not_two(
    therapist, sessions, member, settings
):
    # A small practice: the coordinator also runs this group, under one inbox.
    settings.COORDINATOR_EMAIL = therapist.user.email.upper()
    marks(sessions, member, ["absent", "absent"], therapist.user)

    dispatch_due(now=sessions[1].ends_at)

    assert [m.to[0].lower() for m in mail.outbox] == [therapist.user.email.lower()]


def test_the_flag_clears_when_the_member_next_attends(therapist, sessions, member):
    marks(sessions, member, ["absent", "absent"], therapist.user)

    mark(sessions[2], member, "late", therapist.user)

    flag = MissedSessionsFlag.objects.get()
    assert flag.cleared_how == MissedSessionsFlag.Cleared.ATTENDED
    assert flag.cleared_at == sessions[2].ends_at


def test_a_flag_cleared_before_its_email_went_out_sends_nothing(therapist, sessions, member):
    marks(sessions, member, ["absent", "absent", "present"], therapist.user)

    dispatch_due(now=sessions[2].ends_at)

    assert mail.outbox == []


def test_after_coming_back_the_third_absence_flags_again(therapist, sessions, member):
    marks(sessions, member, ["absent", "absent", "present", "absent"], therapist.user)

    assert [(f.trigger_session, f.reason) for f in open_flags()] == [
        (sessions[3], MissedSessionsFlag.Reason.IN_COHORT)
    ]
    assert MissedSessionsFlag.objects.count() == 2


def test_the_coordinator_marks_a_flag_handled_with_a_note(coordinator, therapist, sessions, member):
    marks(sessions, member, ["absent", "absent"], therapist.user)
    flag = MissedSessionsFlag.objects.get()

    with pytest.raises(FlagError, match=NOTE_NEEDED):
        missed_flag_handle(flag_id=flag.pk, by=coordinator, note="  ")
    missed_flag_handle(
        flag_id=flag.pk, by=coordinator, note="Called; back next week.", now=sessions[2].starts_at
    )

    flag.refresh_from_db()
    assert (flag.cleared_how, flag.cleared_by, flag.note) == (
        MissedSessionsFlag.Cleared.HANDLED,
        coordinator,
        "Called; back next week.",
    )


def test_the_coordinator_marks_it_handled_from_admin(
    as_user, coordinator, therapist, sessions, member
):
    marks(sessions, member, ["absent", "absent"], therapist.user)
    flag = MissedSessionsFlag.objects.get()
    url = reverse("admin:roster_missedsessionsflag_changelist")
    client = as_user(coordinator)

    asked = client.post(url, {"action": "mark_handled", "_selected_action": [flag.pk]})
    done = client.post(
        url, {"action": "mark_handled", "_selected_action": [flag.pk], "note": "Left a message."}
    )

    assert "How it was handled" in asked.content.decode()
    assert done.status_code == 302
    flag.refresh_from_db()
    assert flag.note == "Left a message." and not flag.is_open


def test_the_flag_shows_on_the_roster_and_for_the_client_page(
    as_user, therapist, running_cohort, sessions, member
):
    marks(sessions, member, ["absent", "absent"], therapist.user)

    page = as_user(therapist.user).get(reverse("roster:cohort", args=[running_cohort.pk]))

    assert "Missed two meetings in a row: worth a call" in page.content.decode()
    assert [f.reason for f in missed_session_flags_for(member.client, open_only=True)] == [
        MissedSessionsFlag.Reason.IN_A_ROW
    ]


def test_only_the_member_marked_is_flagged(therapist, running_cohort, sessions, member):
    other = EnrollmentFactory(cohort=running_cohort, enrolled=True)
    for session in sessions[:2]:
        attendance_record(
            session_id=session.pk,
            marks={member.pk: "absent", other.pk: "present"},
            by=therapist.user,
            now=session.ends_at,
        )

    assert [f.enrollment for f in open_flags()] == [member]
