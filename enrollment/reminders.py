"""Reminders to group members, the reminder of an open offer, and the coordinator's alert
about a cohort under its minimum.

Why members' reminders are daily kinds: a member's meetings move (a session moved by hand),
disappear (a skipped week), appear (the week a skip adds at the end, an open group's rolling
weeks) and shift (a schedule edited in admin), and only a move by hand sends a signal.
Instead of keeping a row per member and meeting in step with all of that, the daily task
writes each day's rows a day ahead from the schedule as it then stands (`register_daily`),
and every renderer checks at send time that what its key says still holds: the member still
enrolled, a meeting of theirs still on that day. A reminder whose cause went away is
cancelled instead of sent; a new meeting gets its reminder without anyone scheduling it.

Rows that are known earlier are written earlier, under the same keys: the start reminders
in the transaction that enrolls a member (so admin shows them at once), and a member's rows
again when a meeting is moved (stale ones are cancelled there and then, and a meeting moved
to tomorrow after the reminder hour still gets its reminder, late rather than never).

Nothing here changes an enrollment; enrollment.services calls these inside its moves. How
each reminder reads is in reminder_emails.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Min

from cohorts.models import Cohort, Session
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.registry import (
    DailyRecipient,
    register_daily,
)
from notifications.services import (
    SCHEDULE_GRACE,
    daily_key,
    daily_key_day,
    notification_schedule,
    notifications_cancel,
)
from notifications.timing import before, local_at, local_date

from .models import Enrollment
from .selectors import member_sessions

S = Enrollment.Status

MEMBER_KINDS = (Kind.GROUP_START_REMINDER, Kind.SESSION_REMINDER)

# An offer's reminder landing this soon after the offer itself would only repeat it.
OFFER_REMINDER_MIN_GAP = timedelta(hours=2)

NO_LONGER_ENROLLED = "No longer enrolled"
OFFER_ENDED = "The offer ended"
MEETING_MOVED = "The meeting moved"


def _member_at() -> time:
    return settings.GROUP_REMINDER_TIME


def _first_is_announced() -> bool:
    """The day before a member's first meeting, the start reminder says it all: no second
    email that day (unless the start reminders leave that day out)."""
    return 1 in settings.GROUP_START_REMINDER_DAYS


# --- who meets when ------------------------------------------------------------------------


def _sessions_on(day: date):
    """Meetings held on a Pacific day in published cohorts (the day's local midnights are
    23 or 25 hours apart on clock-change days; local_at handles both)."""
    return (
        Session.objects.held()
        .filter(
            starts_at__gte=local_at(day, time.min),
            starts_at__lt=local_at(day + timedelta(days=1), time.min),
            cohort__status=Cohort.Status.PUBLISHED,
        )
        .select_related("cohort__group")
        .order_by("starts_at", "pk")
    )


def _members_at(session: Session) -> Iterator[tuple[Enrollment, bool]]:
    """The enrolled members expected at `session`, each with whether it is their first.

    The same rule as member_sessions (their calendar): every held meeting of a closed cohort,
    an open group's from the member's entry point on. Two queries per session.
    """
    cohort = session.cohort
    earlier = list(
        Session.objects.held()
        .filter(cohort_id=cohort.pk, starts_at__lt=session.starts_at)
        .values_list("starts_at", flat=True)
    )
    enrollments = Enrollment.objects.filter(cohort_id=cohort.pk, status=S.ENROLLED).select_related(
        "client", "start_session"
    )
    for enrollment in enrollments.order_by("pk"):
        start_from = None
        if cohort.is_open_group and enrollment.start_session is not None:
            start_from = enrollment.start_session.starts_at
            if session.starts_at < start_from:
                continue
        is_first = not any(start_from is None or s >= start_from for s in earlier)
        yield enrollment, is_first


def _start_days_in(key: str) -> int:
    return int(key.rsplit(":", 1)[1].removesuffix("d"))


def _start_part(enrollment: Enrollment, days: int) -> str:
    return f"enrollment{enrollment.pk}:{days}d"


def _session_part(enrollment: Enrollment) -> str:
    return f"enrollment{enrollment.pk}"


def _enrollment_of(notification: Notification) -> Enrollment | None:
    if notification.content_type_id != ContentType.objects.get_for_model(Enrollment).pk:
        return None
    return (
        Enrollment.objects.select_related("client", "cohort__group__office", "start_session")
        .filter(pk=notification.object_id)
        .first()
    )


def _meeting(notification: Notification, now: datetime) -> tuple[Enrollment, Session] | None:
    """The member and the meeting a member reminder is about, if both still hold."""
    enrollment = _enrollment_of(notification)
    if (
        enrollment is None
        or enrollment.status != S.ENROLLED
        or enrollment.cohort.status != Cohort.Status.PUBLISHED
    ):
        return None
    day = daily_key_day(notification.key)
    meetings = member_sessions(enrollment)
    if notification.kind == Kind.GROUP_START_REMINDER:
        days = _start_days_in(notification.key)
        target = day + timedelta(days=days)
        nearer = [d for d in settings.GROUP_START_REMINDER_DAYS if d < days]
        if nearer and now >= local_at(target - timedelta(days=max(nearer)), _member_at()):
            return None  # sent so late that a nearer one is due: one email, not two
        candidates = meetings[:1]
    else:
        target = day + timedelta(days=1)
        candidates = meetings[1:] if _first_is_announced() else meetings
    for session in candidates:
        if local_date(session.starts_at) == target and session.starts_at > now:
            return enrollment, session
    return None


# --- writing rows early, and following changes ------------------------------------------


def _schedule_member_row(
    enrollment: Enrollment,
    *,
    kind: str,
    session: Session,
    days: int,
    part: str,
    now: datetime,
    late_ok: bool,
) -> None:
    send_day = local_date(session.starts_at) - timedelta(days=days)
    due_at = local_at(send_day, _member_at())
    if due_at < now - SCHEDULE_GRACE:
        if not (late_ok and session.starts_at > now):
            return
        due_at = now  # a meeting moved into the next day or so: tell them now
    notification_schedule(
        kind=kind,
        key=daily_key(kind, send_day, part),
        to_email=enrollment.client.email,
        due_at=due_at,
        related=enrollment,
        now=now,
    )


def member_reminders_schedule(
    *, enrollment: Enrollment, now: datetime, moved: Session | None = None
) -> None:
    """Write a member's start reminders (and, after `moved` changed time, its reminder).

    Called inside the transaction that enrolls the member, and by the session-moved signal.
    Pending rows that no longer hold are cancelled first; rewriting a key revives or moves
    its row, and never touches one already sent.
    """
    open_rows = Notification.objects.for_object(enrollment).filter(kind__in=MEMBER_KINDS)
    stale = [row.pk for row in open_rows.cancellable() if _meeting(row, now) is None]
    if stale:
        notifications_cancel(rows=open_rows.filter(pk__in=stale), reason=MEETING_MOVED)
    meetings = member_sessions(enrollment)
    if not meetings:
        return
    first = meetings[0]
    # A move of a later meeting leaves the start reminders alone: rewriting their keys would
    # revive rows staff cancelled in admin.
    start_changed = moved is None or moved.pk == first.pk
    if first.starts_at > now and start_changed:
        nearest = min(settings.GROUP_START_REMINDER_DAYS, default=None)
        for days in settings.GROUP_START_REMINDER_DAYS:
            _schedule_member_row(
                enrollment,
                kind=Kind.GROUP_START_REMINDER,
                session=first,
                days=days,
                part=_start_part(enrollment, days),
                now=now,
                late_ok=moved is not None and days == nearest,
            )
    if moved is None or moved.starts_at <= now:
        return
    is_first = moved.pk == first.pk
    if any(m.pk == moved.pk for m in meetings) and not (is_first and _first_is_announced()):
        _schedule_member_row(
            enrollment,
            kind=Kind.SESSION_REMINDER,
            session=moved,
            days=1,
            part=_session_part(enrollment),
            now=now,
            late_ok=True,
        )


def session_move_follow(*, session: Session, now: datetime) -> None:
    """Inside the moving transaction: every member's reminders follow the meeting."""
    enrollments = Enrollment.objects.filter(
        cohort_id=session.cohort_id, status=S.ENROLLED
    ).select_related("client", "cohort__group", "start_session")
    for enrollment in enrollments:
        member_reminders_schedule(enrollment=enrollment, now=now, moved=session)


def status_follow(*, enrollment: Enrollment, from_: str, to: str, now: datetime) -> None:
    """Reminders after a move of an enrollment (its cohort row locked by the caller)."""
    if from_ == S.OFFERED:
        notifications_cancel(related=enrollment, kinds=[Kind.OFFER_REMINDER], reason=OFFER_ENDED)
    if from_ == S.ENROLLED:
        notifications_cancel(related=enrollment, kinds=MEMBER_KINDS, reason=NO_LONGER_ENROLLED)
    if to == S.ENROLLED:
        member_reminders_schedule(enrollment=enrollment, now=now)


def offer_reminder_schedule(*, enrollment: Enrollment, offer_key: str, now: datetime) -> None:
    """A reminder WAITLIST_OFFER_REMINDER_HOURS before an offer runs out (elapsed hours)."""
    due_at = before(enrollment.offer_expires_at, hours=settings.WAITLIST_OFFER_REMINDER_HOURS)
    if due_at < now + OFFER_REMINDER_MIN_GAP:
        return
    notification_schedule(
        kind=Kind.OFFER_REMINDER,
        key=f"enrollment:{enrollment.pk}:offer_reminder:{offer_key}",
        to_email=enrollment.client.email,
        due_at=due_at,
        related=enrollment,
        now=now,
    )


# --- the daily kinds: who gets a row for a day -----------------------------------------


@register_daily(Kind.GROUP_START_REMINDER, at=_member_at)
def _start_recipients(day: date) -> Iterator[DailyRecipient]:
    for days in settings.GROUP_START_REMINDER_DAYS:
        for session in _sessions_on(day + timedelta(days=days)):
            for enrollment, is_first in _members_at(session):
                if is_first:
                    yield DailyRecipient(
                        to_email=enrollment.client.email,
                        related=enrollment,
                        key=_start_part(enrollment, days),
                    )


@register_daily(Kind.SESSION_REMINDER, at=_member_at)
def _session_recipients(day: date) -> Iterator[DailyRecipient]:
    for session in _sessions_on(day + timedelta(days=1)):
        for enrollment, is_first in _members_at(session):
            if not (is_first and _first_is_announced()):
                yield DailyRecipient(
                    to_email=enrollment.client.email,
                    related=enrollment,
                    key=_session_part(enrollment),
                )


@dataclass(frozen=True)
class _AtRisk:
    cohort: Cohort
    first_start: datetime


def _at_risk_on(start_day: date) -> Iterator[_AtRisk]:
    """Published cohorts whose first held meeting is on `start_day`, with fewer seat holders
    than their minimum (as the Cohort fill list in admin counts them)."""
    firsts = dict(
        Session.objects.held()
        .filter(cohort__status=Cohort.Status.PUBLISHED)
        .values("cohort_id")
        .annotate(first=Min("starts_at"))
        .filter(
            first__gte=local_at(start_day, time.min),
            first__lt=local_at(start_day + timedelta(days=1), time.min),
        )
        .values_list("cohort_id", "first")
    )
    if not firsts:
        return
    cohorts = (
        Cohort.objects.filter(pk__in=firsts)
        .with_seats_taken()
        .select_related("group__office")
        .order_by("pk")
    )
    for cohort in cohorts:
        if cohort.seats_taken < cohort.min_to_run:
            yield _AtRisk(cohort, firsts[cohort.pk])


@register_daily(Kind.COHORT_UNDER_MINIMUM, at=lambda: settings.UNDER_MINIMUM_ALERT_TIME)
def _under_minimum_recipients(day: date) -> Iterator[DailyRecipient]:
    for at_risk in _at_risk_on(day + timedelta(days=settings.UNDER_MINIMUM_ALERT_DAYS)):
        yield DailyRecipient(
            to_email=settings.COORDINATOR_EMAIL,
            related=at_risk.cohort,
            key=f"cohort{at_risk.cohort.pk}",
        )
