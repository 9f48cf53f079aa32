"""State changes for clients and leads: one function per move, keyword-only. `intake` makes
clients and leads, `pipeline` moves a lead (by hand, or following the facts), `working` is
the coordinator's daily work on a lead. Callers import from here."""

from .intake import (
    client_access_record,
    client_fill_blanks,
    client_get_or_create,
    client_language_set,
    coordinator_alert_schedule,
    lead_create,
    lead_flag_urgent,
    lead_intake_create,
)
from .pipeline import (
    ENROLLMENT_FACTS,
    LEAD_MOVE_NOT_ALLOWED,
    LEAD_MOVES,
    MANUAL_CLOSED,
    OPEN,
    LeadFact,
    LeadMoveError,
    lead_consultation_booked,
    lead_follow,
    lead_move,
)
from .working import (
    CLOSED_LEAD_FOLLOW_UP,
    FOLLOW_UP_IN_PAST,
    NOTE_REQUIRED,
    NOTHING_TO_REFER,
    REASON_REQUIRED,
    client_call_log,
    client_refer_out,
    lead_assign,
    lead_follow_up_set,
)

__all__ = [
    "CLOSED_LEAD_FOLLOW_UP",
    "ENROLLMENT_FACTS",
    "FOLLOW_UP_IN_PAST",
    "LEAD_MOVES",
    "LEAD_MOVE_NOT_ALLOWED",
    "MANUAL_CLOSED",
    "NOTE_REQUIRED",
    "NOTHING_TO_REFER",
    "OPEN",
    "REASON_REQUIRED",
    "LeadFact",
    "LeadMoveError",
    "client_access_record",
    "client_call_log",
    "client_fill_blanks",
    "client_get_or_create",
    "client_language_set",
    "client_refer_out",
    "coordinator_alert_schedule",
    "lead_assign",
    "lead_consultation_booked",
    "lead_create",
    "lead_flag_urgent",
    "lead_follow",
    "lead_follow_up_set",
    "lead_intake_create",
    "lead_move",
]
