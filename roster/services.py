"""Writes for the therapist pages: attendance marks and the record of who viewed whom."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from clients.access import access_record
from clients.history import history_write
from cohorts.models import Session

from . import rules
from .access import may_see_cohort
from .models import Attendance
from .selectors import session_members


class AttendanceError(Exception):
    pass


def roster_access_record(*, user: AbstractBaseUser, client_ids: Iterable[int], where: str) -> int:
    """One access-log row per client shown on a page, written in one insert."""
    ids = list(client_ids)
    return access_record(user=user, client_ids=ids, where=where, result_count=len(set(ids)))


def attendance_record(
    *,
    session_id: int,
    marks: Mapping[int, str],
    by: AbstractBaseUser,
    now: datetime | None = None,
) -> int:
    """Save marks ({enrollment id: present/absent/excused}) for one session; returns how
    many changed.

    All or nothing: a refused session, an unknown mark or someone who is not (or no longer)
    an enrolled member of the cohort saves nothing. A mark that is already so is left alone,
    so `marked_by`/`marked_at` always say who set the value shown and when.
    """
    now = now or timezone.now()
    if not marks:
        raise AttendanceError(rules.NOTHING_MARKED)
    if any(mark not in Attendance.Mark.values for mark in marks.values()):
        raise AttendanceError(rules.UNKNOWN_MARK)
    with transaction.atomic(durable=True):
        # The lead and the co-therapist may save the same session at once: the session row
        # lock makes the second one read the first one's marks before deciding what changed.
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("cohort")
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

        current = dict(
            Attendance.objects.filter(session=session).values_list("enrollment_id", "status")
        )
        changed = [
            Attendance(
                session=session,
                enrollment_id=enrollment_id,
                status=mark,
                marked_by=by,
                marked_at=now,
            )
            for enrollment_id, mark in marks.items()
            if current.get(enrollment_id) != mark
        ]
        Attendance.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["session", "enrollment"],
            update_fields=["status", "marked_by", "marked_at"],
        )
        # An upsert sends no signal: the change history (old mark, new mark, who) is
        # written here, first marks and corrections apart.
        new = [a for a in changed if a.enrollment_id not in current]
        history_write(Attendance, new, by=by, created=True)
        history_write(Attendance, [a for a in changed if a.enrollment_id in current], by=by)
    return len(changed)
