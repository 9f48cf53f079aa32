"""Schedule changes that reach people: the cohort admin's moves of meetings, each written
together with one "your group's schedule changed" email per person holding a seat.

Admin composes the apps: the cohort's own services move the meetings, and the enrollment
app's service writes the emails in the same transaction, so they exist exactly when the
change does (no signal: the caller sees what saving does).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from enrollment.services import schedule_change_notify

from .models import Session
from .services import cohort_skip_week, session_move


def told(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


# What the coordinator reads before saving a schedule change.
WILL_BE_TOLD = "Saving emails the new dates to {told} holding a seat (members and open offers)."
# Changes of these fields are a "your group's schedule changed" email; a longer or shorter
# run (session count) is arranged with members in person.
DATE_FIELDS = {"first_session_date"}
TIME_FIELDS = {"weekday", "start_time"}


def move_and_tell(cleaned: dict, *, now) -> tuple[Session, int]:
    """Move one meeting and tell everyone holding a seat; moving the first held meeting is
    a postponed start."""
    session = cleaned["session"]
    with transaction.atomic():
        first = session.cohort.sessions.held().order_by("starts_at").first()
        moved = session_move(session_id=session.pk, new_start=cleaned["new_start"], now=now)
        kind = "postponed" if first is not None and first.pk == session.pk else "moved"
        return moved, schedule_change_notify(cohort_id=moved.cohort_id, change=kind, now=now)


def skip_and_tell(cohort_id: int, day, now=None) -> int:
    now = now or timezone.now()
    with transaction.atomic():
        cohort_skip_week(cohort_id=cohort_id, day=day, now=now)
        return schedule_change_notify(cohort_id=cohort_id, change="skipped", now=now)
