"""The lead and the co-therapist save one session's attendance at the same moment."""

import threading

import pytest
from django.db import connection

from roster.models import Attendance
from roster.services import attendance_record
from tests.factories import EnrollmentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_therapists_saving_at_once_leave_one_row_per_member(
    therapist, other_therapist, running_cohort
):
    running_cohort.co_therapist = other_therapist
    running_cohort.save()
    members = EnrollmentFactory.create_batch(6, cohort=running_cohort, enrolled=True)
    session = running_cohort.sessions.order_by("starts_at").first()
    now = session.ends_at
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def save(user, mark):
        try:
            start.wait()
            for _ in range(10):
                attendance_record(
                    session_id=session.pk,
                    marks={m.pk: mark for m in members},
                    by=user,
                    now=now,
                )
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(therapist.user, "present")),
        threading.Thread(target=save, args=(other_therapist.user, "absent")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    rows = list(Attendance.objects.filter(session=session))
    assert len(rows) == len(members)
    # Whoever saved last wins for the whole session, and the row says who that was.
    assert len({(r.status, r.marked_by_id) for r in rows}) == 1


def test_two_sheets_saved_at_once_raise_one_missed_sessions_flag(therapist, running_cohort):
    from roster.models import MissedSessionsFlag
    from tests.races import race

    member = EnrollmentFactory(cohort=running_cohort, enrolled=True)
    first, second, third = running_cohort.sessions.order_by("starts_at")[:3]
    attendance_record(
        session_id=first.pk, marks={member.pk: "absent"}, by=therapist.user, now=first.ends_at
    )

    # Each sheet on its own makes two in a row; saved together they must raise one flag.
    outcomes = race(
        2,
        lambda i: attendance_record(
            session_id=(second, third)[i].pk,
            marks={member.pk: "absent"},
            by=therapist.user,
            now=third.ends_at,
        ),
    )

    assert outcomes == [1, 1]
    assert MissedSessionsFlag.objects.filter(cleared_at=None).count() == 1
