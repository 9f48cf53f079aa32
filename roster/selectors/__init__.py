"""Page-shaped reads for therapists: their cohorts, a roster, one session's attendance, the
print sheet, the calendar feed and missed-sessions flags.

Every roster read starts from a cohort the caller may see (`access`), so a therapist's
pages can only ever hold rows from their own cohorts. Waitlisted, withdrawn and declined
people are never read.
"""

from .attendance import AttendancePage, attendance_page
from .cohorts import RECENTLY_ENDED, MyCohorts, my_cohorts
from .common import PENDING, STATE_LABELS, expected, session_members, sort_key
from .feed import Feed, feed_for_token, feed_of, token_hash
from .flags import missed_session_flags_for
from .roster import (
    CELL_GLYPHS,
    CELL_LABELS,
    FLAG_LABELS,
    Cell,
    Member,
    PrintSheet,
    RosterPage,
    SessionSummary,
    current_meeting,
    print_sheet,
    roster_page,
)

__all__ = [
    "CELL_GLYPHS",
    "CELL_LABELS",
    "FLAG_LABELS",
    "PENDING",
    "RECENTLY_ENDED",
    "STATE_LABELS",
    "AttendancePage",
    "Cell",
    "Feed",
    "Member",
    "MyCohorts",
    "PrintSheet",
    "RosterPage",
    "SessionSummary",
    "attendance_page",
    "current_meeting",
    "expected",
    "feed_for_token",
    "feed_of",
    "missed_session_flags_for",
    "my_cohorts",
    "print_sheet",
    "roster_page",
    "session_members",
    "sort_key",
    "token_hash",
]
