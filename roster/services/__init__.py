"""Writes for the therapist pages: attendance (with corrections and missed-sessions flags),
and the calendar address (the access log is written by clients.access)."""

from .attendance import AttendanceError, attendance_record
from .feed import calendar_feed_regenerate, calendar_feed_revoke
from .flags import (
    ALREADY_CLEARED,
    NOTE_NEEDED,
    FlagError,
    missed_flag_handle,
    missed_sessions_review,
)

__all__ = [
    "ALREADY_CLEARED",
    "NOTE_NEEDED",
    "AttendanceError",
    "FlagError",
    "attendance_record",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
    "missed_flag_handle",
    "missed_sessions_review",
]
