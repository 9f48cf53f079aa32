"""State changes of groups, cohorts and sessions: one function per move.

Sessions are laid out on the Pacific wall clock: a 6:30 pm group meets at 6:30 pm local time
on both sides of a daylight-saving change, so its UTC time shifts by an hour.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from groups_site.timezones import PACIFIC, Weekday

from .models import Cohort, Session

# The project's only custom signals: cohorts imports no other app, so these tell the apps
# that depend on it what a cohort service did. They are sent by the services below, inside
# their transaction, never from a model's save. No rule hangs on model signals.
#
# cohort_cancelled(cohort, now): sent by cohort_cancel. Receivers:
#   enrollment.apps._cohort_cancelled -> enrollment.services.cohort_cancel_places
#     (declines every place, tells the members, points them to the next cohort);
#   roster.apps._cohort_cancelled -> roster.summaries.roster_summaries_cancel.
cohort_cancelled = Signal()
# session_moved(session, now): sent by session_move. Receivers:
#   enrollment.apps._session_moved -> enrollment.reminders.session_move_follow;
#   roster.apps._session_moved -> roster.summaries.roster_summaries_follow_move.
session_moved = Signal()

COHORT_MOVES: dict[str, set[str]] = {
    Cohort.Status.DRAFT: {Cohort.Status.PUBLISHED, Cohort.Status.CANCELLED},
    Cohort.Status.PUBLISHED: {Cohort.Status.CANCELLED},
    Cohort.Status.CANCELLED: set(),
}

COHORT_MOVE_NOT_ALLOWED = "A {from_} cohort cannot become {to}."
WEEKDAY_MISMATCH = "The first session date is a {actual}, but the cohort meets on {expected}s."
PAST_SESSION_WOULD_BE_DROPPED = (
    "This schedule change would remove a session that already took place ({when}). "
    "Move or skip future sessions instead."
)
SESSION_IN_PAST = "That session has already started; only future sessions can change."
MOVE_TO_PAST = "A session can only be moved to a future time."
NO_SUCH_WEEK = "The cohort has no session in the week of {day}."
ALREADY_STARTED = (
    "This cohort's first session has already passed. Change its dates before publishing it."
)
COHORT_IS_CANCELLED = "This cohort is cancelled, so its sessions can no longer change."
MOVE_OUT_OF_ORDER = (
    "A meeting can only move to a time after the meeting before it and before the one after it."
)


class ScheduleError(Exception):
    pass


def local_datetime(day: date, at: time) -> datetime:
    """The aware datetime of a Pacific wall-clock time on a given day."""
    return datetime.combine(day, at, tzinfo=PACIFIC)


def _weeks_elapsed(first: date, now: datetime) -> int:
    today = now.astimezone(PACIFIC).date()
    return max(0, (today - first).days // 7 + 1)


def _check_weekday(cohort: Cohort) -> None:
    if cohort.first_session_date.weekday() != cohort.weekday:
        raise ScheduleError(
            WEEKDAY_MISMATCH.format(
                actual=cohort.first_session_date.strftime("%A"),
                expected=Weekday(cohort.weekday).label,
            )
        )


class _DryRun(Exception):
    pass


def cohort_schedule_check(*, cohort: Cohort, now: datetime | None = None) -> None:
    """Raise the ScheduleError that regenerating this (possibly unsaved) schedule would raise.

    Admin forms call it before saving, so a refused change shows up as a form error and
    nothing is written: the regeneration runs and is rolled back.
    """
    _check_weekday(cohort)
    if cohort.pk is None:
        return
    try:
        with transaction.atomic():
            cohort_generate_sessions(cohort=cohort, now=now)
            raise _DryRun
    except _DryRun:
        pass


def open_groups_extend(*, now: datetime | None = None) -> tuple[int, list[tuple[Cohort, str]]]:
    """Lay out the rolling horizon of every published open group; returns (done, failures)."""
    now = now or timezone.now()
    extended, failed = 0, []
    cohorts = Cohort.objects.filter(
        status=Cohort.Status.PUBLISHED, group__kind="open"
    ).select_related("group")
    for cohort in cohorts:
        try:
            cohort_generate_sessions(cohort=cohort, now=now)
        except ScheduleError as error:
            failed.append((cohort, str(error)))
        else:
            extended += 1
    return extended, failed


def cohort_generate_sessions(*, cohort: Cohort, now: datetime | None = None) -> list[Session]:
    """Create or realign the cohort's sessions from its schedule; returns the held sessions.

    Skipped weeks do not count, so skipping one adds a week at the end. Sessions moved by
    hand and sessions already past stay where they are; a change that would drop a past
    session is refused rather than silently losing attendance history.
    """
    now = now or timezone.now()
    _check_weekday(cohort)
    with transaction.atomic():
        # Serialises concurrent regenerations of one cohort (two admins, a nightly job).
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        existing = {s.scheduled_date: s for s in Session.objects.filter(cohort=cohort)}
        target = cohort.session_count
        if cohort.is_open_group:
            target += _weeks_elapsed(cohort.first_session_date, now)
        length = cohort.session_length

        held: list[Session] = []
        kept: set[date] = set()
        day = cohort.first_session_date
        while len(held) < target:
            session = existing.get(day)
            kept.add(day)
            if session is not None and session.status == Session.Status.SKIPPED:
                day += timedelta(weeks=1)
                continue
            starts = local_datetime(day, cohort.start_time)
            if session is None:
                session = Session(cohort=cohort, scheduled_date=day)
                session.starts_at, session.ends_at = starts, starts + length
            elif not session.is_moved and session.starts_at > now:
                session.starts_at, session.ends_at = starts, starts + length
            index = len(held)
            session.is_entry_point = index == 0 or (
                cohort.is_open_group and index % max(cohort.entry_interval_weeks, 1) == 0
            )
            held.append(session)
            day += timedelta(weeks=1)

        dropped = [s for d, s in existing.items() if d not in kept]
        past = [s for s in dropped if s.starts_at <= now]
        if past:
            when = past[0].starts_at.astimezone(PACIFIC).strftime("%b %-d, %Y")
            raise ScheduleError(PAST_SESSION_WOULD_BE_DROPPED.format(when=when))
        Session.objects.filter(pk__in=[s.pk for s in dropped]).delete()
        for session in held:
            session.save()
    return held


def cohort_publish(*, cohort_id: int, now: datetime | None = None) -> Cohort:
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("group").get(pk=cohort_id)
        _check_move(cohort, Cohort.Status.PUBLISHED)
        # Open groups roll on, so only a closed cohort can be too late to publish.
        if not cohort.is_open_group and cohort.first_session_start <= now:
            raise ScheduleError(ALREADY_STARTED)
        cohort_generate_sessions(cohort=cohort, now=now)
        cohort.status = Cohort.Status.PUBLISHED
        cohort.save(update_fields=["status", "updated_at"])
    return cohort


def cohort_cancel(*, cohort_id: int, now: datetime | None = None) -> Cohort:
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("group").get(pk=cohort_id)
        _check_move(cohort, Cohort.Status.CANCELLED)
        cohort.status = Cohort.Status.CANCELLED
        cohort.save(update_fields=["status", "updated_at"])
        cohort_cancelled.send(sender=Cohort, cohort=cohort, now=now)
    return cohort


def cohort_skip_week(*, cohort_id: int, day: date, now: datetime | None = None) -> Session:
    """No meeting in the week of `day` (a holiday); the cohort gains a week at the end."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("group").get(pk=cohort_id)
        if cohort.status == Cohort.Status.CANCELLED:
            raise ScheduleError(COHORT_IS_CANCELLED)
        monday = day - timedelta(days=day.weekday())
        session = (
            Session.objects.filter(
                cohort=cohort,
                scheduled_date__gte=monday,
                scheduled_date__lt=monday + timedelta(weeks=1),
            )
            .order_by("scheduled_date")
            .first()
        )
        if session is None:
            raise ScheduleError(NO_SUCH_WEEK.format(day=day.strftime("%b %-d, %Y")))
        if session.starts_at <= now:
            raise ScheduleError(SESSION_IN_PAST)
        session.status = Session.Status.SKIPPED
        session.is_entry_point = False
        session.save(update_fields=["status", "is_entry_point"])
        cohort_generate_sessions(cohort=cohort, now=now)
    return session


def session_move(*, session_id: int, new_start: datetime, now: datetime | None = None) -> Session:
    """Move one meeting (a naive `new_start` is read as Pacific wall-clock time)."""
    now = now or timezone.now()
    if timezone.is_naive(new_start):
        new_start = new_start.replace(tzinfo=PACIFIC)
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("cohort__group").get(pk=session_id)
        )
        if session.cohort.status == Cohort.Status.CANCELLED:
            raise ScheduleError(COHORT_IS_CANCELLED)
        if session.starts_at <= now:
            raise ScheduleError(SESSION_IN_PAST)
        if new_start <= now:
            raise ScheduleError(MOVE_TO_PAST)
        # Members count meetings in order ("session 3 of 8"), and two at once is a mistake.
        neighbours = Session.objects.held().filter(cohort=session.cohort).exclude(pk=session.pk)
        before = neighbours.filter(starts_at__lte=session.starts_at).order_by("-starts_at").first()
        after = neighbours.filter(starts_at__gt=session.starts_at).order_by("starts_at").first()
        if (before and new_start <= before.starts_at) or (after and new_start >= after.starts_at):
            raise ScheduleError(MOVE_OUT_OF_ORDER)
        session.starts_at = new_start
        session.ends_at = new_start + session.cohort.session_length
        session.is_moved = True
        session.save(update_fields=["starts_at", "ends_at", "is_moved"])
        session_moved.send(sender=Session, session=session, now=now)
    return session


def _check_move(cohort: Cohort, to: str) -> None:
    if to not in COHORT_MOVES[cohort.status]:
        raise ScheduleError(COHORT_MOVE_NOT_ALLOWED.format(from_=cohort.status, to=to))
