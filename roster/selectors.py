"""Page-shaped reads for therapists: their cohorts, a roster, one session's attendance.

Every read starts from `access.visible_cohorts`, so a therapist's pages can only ever hold
rows from their own cohorts. Waitlisted, withdrawn and declined people are never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from cohorts.models import Cohort, Session
from enrollment.models import SEAT_HOLDING, Enrollment, EnrollmentStatus

from .access import visible_cohorts
from .models import Attendance
from .rules import attendance_refusal

PENDING = (EnrollmentStatus.REQUESTED, EnrollmentStatus.SCREENING)
# Finished cohorts stay on the list a little while, for late corrections.
RECENTLY_ENDED = timedelta(days=14)

# What a member's place looks like to a therapist.
STATE_LABELS = {
    EnrollmentStatus.ENROLLED: "Enrolled",
    EnrollmentStatus.REQUESTED: "Pending screening",
    EnrollmentStatus.SCREENING: "Pending screening",
    EnrollmentStatus.OFFERED: "Offer open",
    EnrollmentStatus.PLACED: "Placed, awaiting their confirmation",
}
_STATE_ORDER = {EnrollmentStatus.ENROLLED: 0, **dict.fromkeys(PENDING, 1)}


# --- My cohorts ---------------------------------------------------------------------------
@dataclass(frozen=True)
class MyCohorts:
    running: list[Cohort]
    upcoming: list[Cohort]
    ended: list[Cohort]

    @property
    def empty(self) -> bool:
        return not (self.running or self.upcoming or self.ended)


def my_cohorts(*, user: AbstractBaseUser, now: datetime) -> MyCohorts:
    """The user's published cohorts that are running, coming up or ended in the last two
    weeks; one query however many there are (schedule and seats come from subqueries and
    one aggregate over enrollment rows)."""
    held = Session.objects.filter(cohort=OuterRef("pk"), status=Session.Status.SCHEDULED)
    upcoming = held.filter(ends_at__gt=now).order_by("starts_at")
    # The latest session attendance can be taken for: started, or starting within a day.
    markable = held.filter(starts_at__lte=now + timedelta(hours=24)).order_by("-starts_at")
    cohorts = (
        visible_cohorts(user)
        .filter(status=Cohort.Status.PUBLISHED)
        .select_related("group", "group__office", "lead_therapist", "co_therapist")
        .annotate(
            first_start=Subquery(held.order_by("starts_at").values("starts_at")[:1]),
            last_end=Subquery(held.order_by("-ends_at").values("ends_at")[:1]),
            next_start=Subquery(upcoming.values("starts_at")[:1]),
            next_end=Subquery(upcoming.values("ends_at")[:1]),
            markable_id=Subquery(markable.values("pk")[:1]),
            markable_start=Subquery(markable.values("starts_at")[:1]),
            seats_taken=Count("enrollments", filter=Q(enrollments__holds_seat=True)),
            enrolled_count=Count(
                "enrollments", filter=Q(enrollments__status=EnrollmentStatus.ENROLLED)
            ),
            pending_count=Count("enrollments", filter=Q(enrollments__status__in=PENDING)),
        )
        .filter(last_end__gte=now - RECENTLY_ENDED)
        .order_by("first_start", "pk")
    )
    running, coming, ended = [], [], []
    for cohort in cohorts:
        if cohort.next_start is None:
            ended.append(cohort)
        elif cohort.first_start <= now:
            running.append(cohort)
        else:
            coming.append(cohort)
    running.sort(key=lambda c: c.next_start)
    ended.sort(key=lambda c: c.last_end, reverse=True)
    return MyCohorts(running=running, upcoming=coming, ended=ended)


# --- A roster -----------------------------------------------------------------------------
CELL_LABELS = {
    **dict(Attendance.Mark.choices),
    "unmarked": "Not yet marked",
    "upcoming": "Upcoming",
    "not_started": "Not started yet",
}
# Short enough for a phone-width grid; the full label is read out to screen readers.
CELL_GLYPHS = {"present": "P", "absent": "A", "excused": "E", "unmarked": "?"}


@dataclass(frozen=True)
class Cell:
    session: Session
    # present / absent / excused; unmarked (held, nobody marked it); upcoming; not_started
    # (before an open-group member's first session).
    state: str

    @property
    def label(self) -> str:
        return CELL_LABELS[self.state]

    @property
    def glyph(self) -> str:
        return CELL_GLYPHS.get(self.state, "\u00b7")


@dataclass
class Member:
    enrollment: Enrollment
    label: str
    cells: list[Cell] = field(default_factory=list)

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


@dataclass(frozen=True)
class SessionSummary:
    session: Session
    number: int | None  # 1-based among held sessions; None for a skipped week
    present: int
    absent: int
    excused: int
    unmarked: int
    can_mark: bool
    is_past: bool


@dataclass(frozen=True)
class RosterPage:
    cohort: Cohort
    members: list[Member]
    sessions: list[SessionSummary]

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
    def client_ids(self) -> list[int]:
        return [m.enrollment.client_id for m in self.members]


def _sort_key(enrollment: Enrollment) -> tuple:
    client = enrollment.client
    return (
        _STATE_ORDER.get(enrollment.status, 2),
        client.greeting_name.lower(),
        client.last_name.lower(),
        enrollment.pk,
    )


def _expected(enrollment: Enrollment, session: Session) -> bool:
    # An open group's member joins at an entry point and is not expected before it.
    start = enrollment.start_session
    return start is None or start.starts_at <= session.starts_at


def _seat_holders(cohort: Cohort) -> list[Enrollment]:
    rows = (
        Enrollment.objects.filter(cohort=cohort, status__in=SEAT_HOLDING)
        .select_related("client", "start_session")
        .only(
            "pk",
            "status",
            "is_urgent",
            "offer_expires_at",
            "cohort_id",
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
    )
    return sorted(rows, key=_sort_key)


def roster_page(*, cohort: Cohort, now: datetime) -> RosterPage:
    """Seat holders (enrolled first, then pending screening, then open offers) and, for the
    enrolled, a mark per held session. Three queries whatever the size of the group."""
    enrollments = _seat_holders(cohort)
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at"))
    enrolled_ids = [e.pk for e in enrollments if e.status == EnrollmentStatus.ENROLLED]
    marks = {
        (session_id, enrollment_id): status
        for session_id, enrollment_id, status in Attendance.objects.filter(
            session__cohort=cohort, enrollment_id__in=enrolled_ids
        ).values_list("session_id", "enrollment_id", "status")
    }
    held = [s for s in sessions if s.is_held]
    for session in sessions:
        session.cohort = cohort  # saves a query per session in attendance_refusal

    members = []
    for enrollment in enrollments:
        member = Member(enrollment=enrollment, label=STATE_LABELS[enrollment.status])
        if member.is_enrolled:
            for session in held:
                state = marks.get((session.pk, enrollment.pk))
                if state is None:
                    if not _expected(enrollment, session):
                        state = "not_started"
                    elif session.starts_at <= now:
                        state = "unmarked"
                    else:
                        state = "upcoming"
                member.cells.append(Cell(session, state))
        members.append(member)

    summaries = []
    number = 0
    for session in sessions:
        if not session.is_held:
            summaries.append(SessionSummary(session, None, 0, 0, 0, 0, False, False))
            continue
        number += 1
        counts = {"present": 0, "absent": 0, "excused": 0, "unmarked": 0}
        for member in members:
            if not member.is_enrolled or not _expected(member.enrollment, session):
                continue
            counts[marks.get((session.pk, member.enrollment.pk), "unmarked")] += 1
        summaries.append(
            SessionSummary(
                session,
                number,
                **counts,
                can_mark=attendance_refusal(session, now=now) is None,
                is_past=session.starts_at <= now,
            )
        )
    return RosterPage(cohort=cohort, members=members, sessions=summaries)


# --- One session's attendance ----------------------------------------------------------------
def session_members(session: Session) -> QuerySet[Enrollment]:
    """Who is expected at this session: the cohort's enrolled members who have started."""
    return (
        Enrollment.objects.filter(cohort_id=session.cohort_id, status=EnrollmentStatus.ENROLLED)
        .filter(Q(start_session__isnull=True) | Q(start_session__starts_at__lte=session.starts_at))
        .select_related("client")
        .order_by("client__first_name", "client__last_name", "pk")
    )


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
    members = sorted(session_members(session), key=_sort_key)
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
