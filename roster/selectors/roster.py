"""A cohort's roster: seat holders, their attendance grid, flags and warnings; and the
print-friendly sheet for one meeting.

The roster is opened before every meeting, so its reads are counted: the seat holders (with
their open flag and whether an emergency contact is on file) in one query, the sessions and
every mark in a second, whatever the size of the group or the length of the schedule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Subquery

from clients.models import EmergencyContact
from cohorts.models import Cohort, Session
from enrollment.models import SEAT_HOLDING, Enrollment, EnrollmentStatus

from ..models import Attendance, MissedSessionsFlag
from ..rules import attendance_refusal
from .common import (
    PENDING,
    STATE_LABELS,
    expected,
    partners_of,
    partners_together,
    session_members,
    sort_key,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class RosterAnnotations(TypedDict):
    """What `roster_page` adds to each seat holder's row (see its query)."""

    open_flag: str | None
    has_emergency_contact: bool


CELL_LABELS = {
    **dict(Attendance.Mark.choices),
    "unmarked": "Not yet marked",
    "upcoming": "Upcoming",
    "not_started": "Not started yet",
}
# Short enough for a phone-width grid; the full label is read out to screen readers.
CELL_GLYPHS = {"present": "P", "late": "L", "absent": "A", "excused": "E", "unmarked": "?"}
FLAG_LABELS: dict[str, str] = {
    MissedSessionsFlag.Reason.IN_A_ROW: "Missed two meetings in a row: worth a call",
    MissedSessionsFlag.Reason.IN_COHORT: "Missed three meetings: worth a call",
}


@dataclass(frozen=True)
class Cell:
    session: Session
    # present / late / absent / excused; unmarked (held, nobody marked it); upcoming;
    # not_started (before an open-group member's first session).
    state: str
    # Online groups: a present or late member nobody ticked as being in California.
    missing_california: bool = False

    @property
    def label(self) -> str:
        label = CELL_LABELS[self.state]
        return f"{label}, not ticked as in California" if self.missing_california else label

    @property
    def glyph(self) -> str:
        return CELL_GLYPHS.get(self.state, "\u00b7")


@dataclass
class Member:
    enrollment: WithAnnotations[Enrollment, RosterAnnotations]
    label: str
    cells: list[Cell] = field(default_factory=list)
    is_new: bool = False
    # Couples groups: the partner's enrollment when they hold a seat too. Their name and
    # nothing else of theirs is shown on this member's row.
    partner: Enrollment | None = None

    @property
    def client(self):
        return self.enrollment.client

    @property
    def is_enrolled(self) -> bool:
        return self.enrollment.status == EnrollmentStatus.ENROLLED

    @property
    def is_pending(self) -> bool:
        return self.enrollment.status in PENDING

    @property
    def name(self) -> str:
        client = self.client
        return f"{client.greeting_name} {client.last_name}".strip()

    @property
    def name_on_file(self) -> str:
        """The first name on file when the member goes by another one."""
        client = self.client
        if client.preferred_name and client.preferred_name != client.first_name:
            return client.first_name
        return ""

    @property
    def partner_name(self) -> str:
        if self.partner is None:
            return ""
        client = self.partner.client
        return f"{client.greeting_name} {client.last_name}".strip()

    @property
    def flag(self) -> str:
        return FLAG_LABELS.get(self.enrollment.open_flag or "", "")

    @property
    def has_emergency_contact(self) -> bool:
        return self.enrollment.has_emergency_contact


@dataclass(frozen=True)
class SessionSummary:
    session: Session
    number: int | None  # 1-based among held sessions; None for a skipped week
    present: int
    late: int
    absent: int
    excused: int
    unmarked: int
    can_mark: bool
    is_past: bool
    # Names of present or late members of an online group with no California tick.
    missing_california: tuple[str, ...] = ()

    @property
    def any_marked(self) -> bool:
        return bool(self.present or self.late or self.absent or self.excused)


@dataclass(frozen=True)
class RosterPage:
    cohort: Cohort
    members: list[Member]
    sessions: list[SessionSummary]
    # The meeting under way or next (None once the cohort is over): "new this week" and the
    # print sheet are about this one.
    current: Session | None = None

    @property
    def enrolled(self) -> list[Member]:
        return [m for m in self.members if m.is_enrolled]

    @property
    def held_sessions(self) -> list[Session]:
        return [s.session for s in self.sessions if s.number is not None]

    @property
    def latest_markable(self) -> SessionSummary | None:
        """The session a therapist most likely opened the roster for."""
        return next((s for s in reversed(self.sessions) if s.can_mark), None)

    @property
    def next_sheet(self) -> SessionSummary | None:
        """The meeting under way or next, when it is not the one offered for marking: its
        sheet can be printed days ahead, though it cannot be marked yet."""
        latest = self.latest_markable
        if self.current is None or (latest and latest.session.pk == self.current.pk):
            return None
        return next((s for s in self.sessions if s.session.pk == self.current.pk), None)

    @property
    def client_ids(self) -> list[int]:
        return [m.enrollment.client_id for m in self.members]

    @property
    def california_warnings(self) -> list[SessionSummary]:
        return [s for s in self.sessions if s.missing_california]


def _seat_holders(cohort: Cohort) -> list[WithAnnotations[Enrollment, RosterAnnotations]]:
    open_flag = MissedSessionsFlag.objects.filter(enrollment=OuterRef("pk"), cleared_at=None)
    rows = (
        Enrollment.objects.filter(cohort=cohort, status__in=SEAT_HOLDING)
        .select_related("client", "start_session")
        .only(
            "pk",
            "status",
            "is_urgent",
            "offer_expires_at",
            "cohort_id",
            "couple_id",
            "client__id",
            "client__first_name",
            "client__last_name",
            "client__preferred_name",
            "client__email",
            "client__phone",
            "client__preferred_contact",
            "start_session__id",
            "start_session__starts_at",
        )
        .annotate(
            open_flag=Subquery(open_flag.values("reason")[:1]),
            # Whether one is on file, never what it says: that takes a logged "Show".
            has_emergency_contact=Exists(
                EmergencyContact.objects.filter(client_id=OuterRef("client_id"))
            ),
        )
    )
    return partners_together(sorted(rows, key=sort_key), enrollment=lambda e: e)


_SESSION_FIELDS = [f.attname for f in Session._meta.concrete_fields]


def _sessions_and_marks(cohort: Cohort) -> tuple[list[Session], dict]:
    """Every session of the cohort and every mark in it, in one query (an outer join)."""
    rows = (
        Session.objects.filter(cohort=cohort)
        .order_by("starts_at", "pk")
        .values_list(
            *_SESSION_FIELDS,
            "attendance__enrollment_id",
            "attendance__status",
            "attendance__in_california",
        )
    )
    sessions: dict[int, Session] = {}
    marks: dict[tuple[int, int], tuple[str, bool | None]] = {}
    width = len(_SESSION_FIELDS)
    for row in rows:
        pk = row[_SESSION_FIELDS.index("id")]
        if pk not in sessions:
            session = Session.from_db("default", _SESSION_FIELDS, row[:width])
            session.cohort = cohort  # saves a query per session in attendance_refusal
            sessions[pk] = session
        enrollment_id, status, in_california = row[width:]
        if enrollment_id is not None:
            marks[(pk, enrollment_id)] = (status, in_california)
    return list(sessions.values()), marks


def current_meeting(sessions: list[Session], *, now: datetime) -> Session | None:
    return next((s for s in sessions if s.is_held and s.ends_at > now), None)


def roster_page(*, cohort: Cohort, now: datetime) -> RosterPage:
    """Seat holders (enrolled first, then pending screening, then open offers) and, for the
    enrolled, a mark per held session. Two queries whatever the size of the group."""
    enrollments = _seat_holders(cohort)
    sessions, marks = _sessions_and_marks(cohort)
    held = [s for s in sessions if s.is_held]
    online = cohort.group.is_online
    current = current_meeting(sessions, now=now)
    partners = partners_of(enrollments)

    members = []
    for enrollment in enrollments:
        member = Member(
            enrollment=enrollment,
            label=STATE_LABELS[enrollment.status],
            is_new=bool(
                cohort.is_open_group and current and enrollment.start_session_id == current.pk
            ),
            partner=partners.get(enrollment.pk),
        )
        if member.is_enrolled:
            for session in held:
                status, in_california = marks.get((session.pk, enrollment.pk), (None, None))
                state = status
                if state is None:
                    if not expected(enrollment, session):
                        state = "not_started"
                    elif session.starts_at <= now:
                        state = "unmarked"
                    else:
                        state = "upcoming"
                not_ticked = online and status in Attendance.ATTENDED and not in_california
                member.cells.append(Cell(session, state, missing_california=not_ticked))
        members.append(member)

    summaries = []
    number = 0
    for session in sessions:
        if not session.is_held:
            summaries.append(SessionSummary(session, None, 0, 0, 0, 0, 0, False, False))
            continue
        number += 1
        counts = dict.fromkeys(["present", "late", "absent", "excused", "unmarked"], 0)
        missing: list[str] = []
        for member in members:
            if not member.is_enrolled or not expected(member.enrollment, session):
                continue
            status, in_california = marks.get((session.pk, member.enrollment.pk), (None, None))
            counts[status or "unmarked"] += 1
            if online and status in Attendance.ATTENDED and not in_california:
                missing.append(member.name)
        summaries.append(
            SessionSummary(
                session,
                number,
                **counts,
                can_mark=attendance_refusal(session, now=now) is None,
                is_past=session.starts_at <= now,
                missing_california=tuple(missing),
            )
        )
    return RosterPage(cohort=cohort, members=members, sessions=summaries, current=current)


# --- The print sheet ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PrintRow:
    enrollment: Enrollment
    is_new: bool
    contact: EmergencyContact | None
    partner: Enrollment | None = None

    @property
    def client(self):
        return self.enrollment.client


@dataclass(frozen=True)
class PrintSheet:
    session: Session
    rows: list[PrintRow]
    with_contacts: bool

    @property
    def cohort(self) -> Cohort:
        return self.session.cohort

    @property
    def client_ids(self) -> list[int]:
        return [row.enrollment.client_id for row in self.rows]


def print_sheet(*, session: Session, with_contacts: bool) -> PrintSheet:
    """The members expected at one meeting, first names and phones; their emergency
    contacts only when asked for (the view logs that look)."""
    rows_read = session_members(session)
    if with_contacts:
        rows_read = rows_read.select_related("client__emergency_contact")
    open_group = session.cohort.is_open_group
    members = partners_together(sorted(rows_read, key=sort_key), enrollment=lambda e: e)
    partners = partners_of(members)
    rows = []
    for enrollment in members:
        contact = None
        if with_contacts:
            contact = getattr(enrollment.client, "emergency_contact", None)
        rows.append(
            PrintRow(
                enrollment=enrollment,
                is_new=open_group and enrollment.start_session_id == session.pk,
                contact=contact,
                partner=partners.get(enrollment.pk),
            )
        )
    return PrintSheet(session=session, rows=rows, with_contacts=with_contacts)
