"""One session's attendance sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cohorts.models import Cohort, Session
from enrollment.models import Enrollment

from ..models import Attendance
from ..rules import attendance_refusal
from .common import partners_together, session_members, sort_key


@dataclass(frozen=True)
class AttendancePage:
    session: Session
    members: list[Enrollment]
    marks: dict[int, Attendance]
    refusal: str | None
    number: int | None

    @property
    def cohort(self) -> Cohort:
        return self.session.cohort

    @property
    def last_marked(self) -> Attendance | None:
        return max(self.marks.values(), key=lambda a: a.marked_at, default=None)


def attendance_page(*, session: Session, now: datetime) -> AttendancePage:
    members = partners_together(
        sorted(session_members(session), key=sort_key), enrollment=lambda e: e
    )
    marks = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(
            session=session, enrollment_id__in=[m.pk for m in members]
        ).select_related("marked_by")
    }
    number = None
    if session.is_held:
        number = Session.objects.filter(
            cohort_id=session.cohort_id,
            status=Session.Status.SCHEDULED,
            starts_at__lte=session.starts_at,
        ).count()
    return AttendancePage(
        session=session,
        members=members,
        marks=marks,
        refusal=attendance_refusal(session, now=now),
        number=number,
    )
