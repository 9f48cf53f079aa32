"""An attendance mark's change history: old and new mark, who and when (simple-history)."""

import datetime as dt

import pytest

from roster.services import attendance_record

pytestmark = pytest.mark.django_db


def changes(record):
    delta = record.diff_against(record.prev_record)
    return {c.field: (c.old, c.new) for c in delta.changes}


def test_an_attendance_correction_records_old_and_new_mark_and_who(
    therapist, coordinator, running_cohort, member
):
    session = running_cohort.sessions.order_by("starts_at").first()
    attendance_record(
        session_id=session.pk, marks={member.pk: "absent"}, by=therapist.user, now=session.ends_at
    )
    later = session.ends_at + dt.timedelta(days=1)

    attendance_record(
        session_id=session.pk, marks={member.pk: "excused"}, by=coordinator, now=later
    )

    first, correction = member.attendance.get().history.order_by("history_date")
    assert (first.history_type, first.status, first.history_user) == ("+", "absent", therapist.user)
    assert correction.history_type == "~"
    assert changes(correction)["status"] == ("absent", "excused")
    assert correction.history_user == coordinator
