"""When a session may be marked, and the messages people see when it may not.

Shared by the attendance page (to explain before anyone fills in the form) and by the
service (which checks again under a lock before saving).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cohorts.models import Cohort, Session
from groups_site.timezones import PACIFIC

# A therapist may note an expected absence the day before, not a week ahead by mistake.
MARK_OPENS_BEFORE = timedelta(hours=24)

TOO_EARLY = "Attendance for this session opens 24 hours before it starts, on {opens} Pacific time."
NOTHING_SAVED = "Nothing was saved."

SESSION_SKIPPED = "There is no meeting that week, so there is no attendance to take."
COHORT_CANCELLED = "This group was cancelled, so its attendance cannot be changed."
NOT_A_MEMBER = (
    "The list of members changed while you were marking. Please check the list and save again."
)
UNKNOWN_MARK = "Please choose present, late, absent or excused."
NOTHING_MARKED = "Choose present, late, absent or excused for at least one member."
NOT_YOUR_COHORT = "Only this group's therapists and the intake coordinator can take attendance."


def marking_opens_at(session: Session) -> datetime:
    return session.starts_at - MARK_OPENS_BEFORE


def attendance_refusal(session: Session, *, now: datetime) -> str | None:
    """Why this session cannot be marked right now, or None when it can."""
    if not session.is_held:
        return SESSION_SKIPPED
    if session.cohort.status == Cohort.Status.CANCELLED:
        return COHORT_CANCELLED
    opens = marking_opens_at(session)
    if now < opens:
        return TOO_EARLY.format(opens=opens.astimezone(PACIFIC).strftime("%a, %b %-d at %-I:%M %p"))
    return None
