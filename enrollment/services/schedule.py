"""Telling people that their group's schedule changed.

The cohort's own service moves the meetings; the caller (the cohort admin) calls
`schedule_change_notify` in the same transaction, so the emails exist exactly when the
change does. One email per person per change, rendered at send time from the schedule as it
then stands, with a fresh calendar file. It goes out whatever reminders were sent before:
a reminder for the old time is exactly why the person needs this one.
"""

from __future__ import annotations

from datetime import datetime

from notifications.kinds import Kind
from notifications.services import notification_create

from ..selectors import schedule_audience

# What changed, carried in the notification key (no payload column; the key holds no
# health information, only the kind of change).
CHANGES = ("postponed", "moved", "skipped", "time")


def schedule_audience_count(*, cohort_id: int) -> int:
    """How many people a schedule change of this cohort would email (for the admin's
    confirmation page)."""
    return schedule_audience(cohort_id).count()


def schedule_change_notify(*, cohort_id: int, change: str, now: datetime) -> int:
    """Write one "your group's schedule changed" email for every member and open offer of
    the cohort; returns how many. Call inside the transaction that changed the schedule."""
    if change not in CHANGES:
        raise ValueError(f"Unknown schedule change {change!r}")
    # A new key per change (its moment), so a second change the same day is a second email.
    stamp = now.strftime("%Y%m%dT%H%M%S%f")
    count = 0
    for enrollment in schedule_audience(cohort_id).select_related("client"):
        notification_create(
            kind=Kind.ENROLLMENT_SCHEDULE_CHANGED,
            key=f"enrollment:{enrollment.pk}:schedule:{change}:{stamp}",
            to_email=enrollment.client.email,
            due_at=now,
            related=enrollment,
        )
        count += 1
    return count
