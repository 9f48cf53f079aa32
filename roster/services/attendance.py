"""Attendance marks: saving a sheet, keeping every correction, and (in the same
transaction) raising or clearing missed-sessions flags."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from clients.history import history_write
from cohorts.models import Session

from .. import rules
from ..access import may_see_cohort
from ..models import Attendance, AttendanceCorrection
from ..selectors import session_members
from .flags import missed_sessions_review


class AttendanceError(Exception):
    pass


def attendance_record(
    *,
    session_id: int,
    marks: Mapping[int, str],
    by: User,
    in_california: Mapping[int, bool] | None = None,
    now: datetime | None = None,
) -> int:
    """Save marks ({enrollment id: present/late/absent/excused}) for one session; returns
    how many changed.

    `in_california` ({enrollment id: ticked}) is the online-group tick; it is stored only
    for online groups, and a member left out of it keeps their current tick.

    All or nothing: a refused session, an unknown mark or someone who is not (or no longer)
    an enrolled member of the cohort saves nothing. A mark that is already so is left alone,
    so `marked_by`/`marked_at` always say who set the value shown and when; a mark that
    changes writes a correction row with the old and the new value.
    """
    now = now or timezone.now()
    in_california = in_california or {}
    if not marks:
        raise AttendanceError(rules.NOTHING_MARKED)
    if any(mark not in Attendance.Mark.values for mark in marks.values()):
        raise AttendanceError(rules.UNKNOWN_MARK)
    with transaction.atomic(durable=True):
        # The lead and the co-therapist may save the same session at once: the session row
        # lock makes the second one read the first one's marks before deciding what changed.
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("cohort__group")
            .filter(pk=session_id)
            .first()
        )
        if session is None or not may_see_cohort(by, session.cohort):
            raise AttendanceError(rules.NOT_YOUR_COHORT)
        refusal = rules.attendance_refusal(session, now=now)
        if refusal:
            raise AttendanceError(refusal)
        members = set(session_members(session).values_list("pk", flat=True))
        if not set(marks) <= members:
            raise AttendanceError(rules.NOT_A_MEMBER)

        online = session.cohort.group.is_online
        current = {
            row.enrollment_id: row
            for row in Attendance.objects.filter(session=session).only(
                "pk", "enrollment_id", "status", "in_california"
            )
        }
        changed, corrections = [], []
        for enrollment_id, mark in marks.items():
            before = current.get(enrollment_id)
            tick = None
            if online:
                kept = before.in_california if before else None
                tick = bool(in_california.get(enrollment_id, kept))
            if before and (before.status, before.in_california) == (mark, tick):
                continue
            changed.append(
                Attendance(
                    session=session,
                    enrollment_id=enrollment_id,
                    status=mark,
                    in_california=tick,
                    marked_by=by,
                    marked_at=now,
                )
            )
            if before:
                corrections.append(
                    AttendanceCorrection(
                        attendance_id=before.pk,
                        old_status=before.status,
                        new_status=mark,
                        old_in_california=before.in_california,
                        new_in_california=tick,
                        by=by,
                        at=now,
                    )
                )
        Attendance.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["session", "enrollment"],
            update_fields=["status", "in_california", "marked_by", "marked_at"],
        )
        AttendanceCorrection.objects.bulk_create(corrections)
        # An upsert sends no signal: the change history (old mark, new mark, who) is
        # written here, first marks and corrections apart.
        history_write(
            Attendance, [a for a in changed if a.enrollment_id not in current], by=by, created=True
        )
        history_write(Attendance, [a for a in changed if a.enrollment_id in current], by=by)
        if changed:
            missed_sessions_review(
                cohort=session.cohort,
                enrollment_ids=[row.enrollment_id for row in changed],
                now=now,
            )
    return len(changed)
