"""The therapists' morning summary: on a meeting day, who is expected, and the roster link.

A daily kind (`register_daily`): each day's rows are written a day ahead from the schedule
as it stands, one per meeting and therapist (the lead and the co-therapist each get their
own). The renderer re-reads everything at send time: a meeting moved to another day,
skipped, or in a cohort since cancelled sends nothing, and a therapist taken off the
cohort gets nothing. The email holds first names and a count; contact details stay on the
roster page, behind sign-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, Session, Therapist
from enrollment.wording import meets
from groups_site.timezones import PACIFIC
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.registry import (
    DailyRecipient,
    EmailContent,
    register,
    register_daily,
    render_email,
)
from notifications.services import (
    SCHEDULE_GRACE,
    daily_key,
    daily_key_day,
    notification_schedule,
    notifications_cancel,
)
from notifications.timing import day_word, local_at, local_date, same_day_at

from .selectors import session_members

MEETING_CHANGED = "The meeting moved or was cancelled"


def _at() -> time:
    return settings.ROSTER_SUMMARY_TIME


def _part(session: Session, therapist: Therapist) -> str:
    return f"session{session.pk}:therapist{therapist.pk}"


def _recipients(session: Session) -> Iterator[DailyRecipient]:
    for therapist in session.cohort.therapists():
        if therapist.user.email:
            yield DailyRecipient(
                to_email=therapist.user.email, related=session, key=_part(session, therapist)
            )


@register_daily(Kind.ROSTER_SUMMARY, at=_at)
def _summary_recipients(day: date) -> Iterator[DailyRecipient]:
    sessions = (
        Session.objects.held()
        .filter(
            starts_at__gte=local_at(day, time.min),
            starts_at__lt=local_at(day + timedelta(days=1), time.min),
            cohort__status=Cohort.Status.PUBLISHED,
        )
        .select_related("cohort__lead_therapist__user", "cohort__co_therapist__user")
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        yield from _recipients(session)


def _summaries_of(sessions) -> QuerySet[Notification]:
    return Notification.objects.filter(
        kind=Kind.ROSTER_SUMMARY,
        content_type=ContentType.objects.get_for_model(Session),
        object_id__in=[s.pk for s in sessions],
    )


def roster_summaries_follow_move(*, session: Session, now: datetime) -> None:
    """Inside the moving transaction: the summary goes out on the meeting's new day.

    Moved into today after the summary hour, it goes out at once (late rather than never).
    """
    new_day = local_date(session.starts_at)
    summaries = _summaries_of([session])
    stale = [row.pk for row in summaries.cancellable() if daily_key_day(row.key) != new_day]
    if stale:
        notifications_cancel(rows=summaries.filter(pk__in=stale), reason=MEETING_CHANGED)
    if session.starts_at <= now:
        return
    due_at = same_day_at(session.starts_at, _at())
    if due_at < now - SCHEDULE_GRACE:
        due_at = now
    for recipient in _recipients(session):
        notification_schedule(
            kind=Kind.ROSTER_SUMMARY,
            key=daily_key(Kind.ROSTER_SUMMARY, new_day, recipient.key),
            to_email=recipient.to_email,
            due_at=due_at,
            related=session,
            now=now,
        )


def roster_summaries_cancel(*, cohort: Cohort) -> int:
    """Inside the cancelling transaction: no summaries for a cohort that will not meet."""
    return notifications_cancel(
        rows=_summaries_of(Session.objects.filter(cohort=cohort)), reason=MEETING_CHANGED
    )


@register(Kind.ROSTER_SUMMARY)
def _summary(notification: Notification) -> EmailContent | None:
    session = (
        Session.objects.select_related(
            "cohort__group__office", "cohort__lead_therapist", "cohort__co_therapist"
        )
        .filter(pk=notification.object_id, status=Session.Status.SCHEDULED)
        .first()
        if notification.content_type_id == ContentType.objects.get_for_model(Session).pk
        else None
    )
    now = timezone.now()
    if (
        session is None
        or session.cohort.status != Cohort.Status.PUBLISHED
        or local_date(session.starts_at) != daily_key_day(notification.key)
        or session.starts_at <= now
    ):
        return None
    therapist_id = int(notification.key.rsplit(":therapist", 1)[1])
    therapist = next((t for t in session.cohort.therapists() if t.pk == therapist_id), None)
    if therapist is None:
        return None  # no longer on this cohort
    cohort = session.cohort
    names = [m.client.greeting_name for m in session_members(session)]
    local = session.starts_at.astimezone(PACIFIC)
    number = Session.objects.held().filter(cohort=cohort, starts_at__lte=session.starts_at).count()
    site = settings.SITE_URL
    return render_email(
        Kind.ROSTER_SUMMARY,
        {
            "therapist_name": therapist.display_name.split()[0],
            "day_word": day_word(session.starts_at, now),
            "at": f"{local:%-I:%M %p} {local.tzname()}",
            "meets": meets(cohort),
            "number": number,
            "of": cohort.session_count if not cohort.is_open_group else None,
            "names": names,
            "count": len(names),
            "roster_url": site + reverse("roster:cohort", args=[cohort.pk]),
            "attendance_url": site + reverse("roster:attendance", args=[session.pk]),
        },
    )
