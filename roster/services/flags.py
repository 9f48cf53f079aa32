"""Missed-sessions flags: two absences in a row, or a third absence in one cohort, is worth
a call.

"Excused" neither counts as an absence nor breaks a run: absent, excused, absent is two in a
row. A flag is raised at the absence that made the rule true and clears when the member
next comes (present or late) or when the coordinator marks it handled with a note. A flag
raised once for a meeting is never raised again for that meeting, so saving a sheet twice,
or correcting and restoring a mark, never sends a second email; a flag cleared by a mark
that is corrected back to absent opens again. The third absence raises a
flag once; later single absences do not (a run of two still does).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort, Session
from enrollment.models import Enrollment
from notifications.kinds import Kind
from notifications.services import notification_schedule

from ..models import Attendance, MissedSessionsFlag

NOTE_NEEDED = "Please add a short note on how it was handled."
ALREADY_CLEARED = "That flag was already cleared."

Reason = MissedSessionsFlag.Reason
Mark = Attendance.Mark


def _reason(counted: list[tuple[int, str]]) -> Reason | None:
    """Whether a member's marks (session order, excused left out) call for a flag now."""
    if not counted or counted[-1][1] != Mark.ABSENT:
        return None
    if len(counted) >= 2 and counted[-2][1] == Mark.ABSENT:
        return Reason.IN_A_ROW
    if sum(1 for _, status in counted if status == Mark.ABSENT) == 3:
        return Reason.IN_COHORT
    return None


def missed_sessions_review(*, cohort: Cohort, enrollment_ids: Iterable[int], now: datetime) -> int:
    """Inside the attendance transaction: raise or clear the flags of these members.

    Returns how many flags were raised.
    """
    ids = sorted(set(enrollment_ids))
    # Two sheets of the same cohort saved at once (different sessions, so different session
    # locks) may review the same member: the member's row lock makes the second one see the
    # first one's flag instead of raising a second. Locked in id order, so never a deadlock.
    list(Enrollment.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    marks: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = (
        Attendance.objects.filter(
            enrollment_id__in=ids,
            session__cohort=cohort,
            session__status=Session.Status.SCHEDULED,
        )
        .exclude(status=Mark.EXCUSED)
        .order_by("session__starts_at", "session_id")
        .values_list("enrollment_id", "session_id", "status")
    )
    for enrollment_id, session_id, status in rows:
        marks[enrollment_id].append((session_id, status))
    flags = MissedSessionsFlag.objects.select_for_update().filter(enrollment_id__in=ids)
    open_flags: dict[int, MissedSessionsFlag] = {}
    raised_for = set()
    # A flag cleared by a mark that was itself corrected away (a mis-click on the sheet)
    # opens again for the same meeting, rather than staying silent for good.
    cleared_by_attending: dict[tuple[int, int | None], MissedSessionsFlag] = {}
    for row in flags:
        raised_for.add((row.enrollment_id, row.trigger_session_id))
        if row.cleared_at is None:
            open_flags[row.enrollment_id] = row
        elif row.cleared_how == MissedSessionsFlag.Cleared.ATTENDED:
            cleared_by_attending[(row.enrollment_id, row.trigger_session_id)] = row

    raised: list[MissedSessionsFlag] = []
    for enrollment_id in ids:
        counted = marks.get(enrollment_id, [])
        flag = open_flags.get(enrollment_id)
        if flag and counted and counted[-1][1] in Attendance.ATTENDED:
            flag.cleared_at = now
            flag.cleared_how = MissedSessionsFlag.Cleared.ATTENDED
            flag.save(update_fields=["cleared_at", "cleared_how"])
            continue
        reason = _reason(counted)
        if reason is None or flag is not None:
            continue
        trigger = counted[-1][0]  # a reason means there is a mark
        reopen = cleared_by_attending.get((enrollment_id, trigger))
        if reopen is not None:
            # Its email is keyed on the flag: reopening never sends a second one.
            reopen.cleared_at, reopen.cleared_how = None, ""
            reopen.save(update_fields=["cleared_at", "cleared_how"])
            continue
        if (enrollment_id, trigger) not in raised_for:
            raised.append(
                MissedSessionsFlag.objects.create(
                    enrollment_id=enrollment_id,
                    trigger_session_id=trigger,
                    reason=reason,
                    raised_at=now,
                )
            )
    for flag in raised:
        _tell_staff(flag, cohort=cohort, now=now)
    return len(raised)


def _tell_staff(flag: MissedSessionsFlag, *, cohort: Cohort, now: datetime) -> None:
    """One email each to the cohort's therapists and the coordinator, keyed on the flag so
    it goes out once; the text (no name) is rendered by `roster.emails`. A coordinator who
    also leads the cohort has one inbox, so gets one email."""
    recipients = [(f"therapist{t.pk}", t.user.email) for t in cohort.therapists() if t.user.email]
    if settings.COORDINATOR_EMAIL:
        recipients.append(("coordinator", settings.COORDINATOR_EMAIL))
    inboxes: dict[str, tuple[str, str]] = {}
    for part, to_email in recipients:
        inboxes.setdefault(to_email.strip().lower(), (part, to_email))
    for part, to_email in inboxes.values():
        notification_schedule(
            kind=Kind.MISSED_SESSIONS,
            key=f"{Kind.MISSED_SESSIONS}:flag{flag.pk}:{part}",
            to_email=to_email,
            due_at=now,
            related=flag,
            now=now,
        )


class FlagError(Exception):
    pass


def missed_flag_handle(
    *, flag_id: int, by: User, note: str, now: datetime | None = None
) -> MissedSessionsFlag:
    """The coordinator called (or decided not to): the flag clears, with their note."""
    now = now or timezone.now()
    note = note.strip()
    if not note:
        raise FlagError(NOTE_NEEDED)
    with transaction.atomic():
        flag = MissedSessionsFlag.objects.select_for_update().get(pk=flag_id)
        if flag.cleared_at is not None:
            raise FlagError(ALREADY_CLEARED)
        flag.cleared_at = now
        flag.cleared_how = MissedSessionsFlag.Cleared.HANDLED
        flag.cleared_by = by
        flag.note = note[:500]
        flag.save(update_fields=["cleared_at", "cleared_how", "cleared_by", "note"])
    return flag
