"""The texts of the member reminders and the staff's under-minimum alert, rendered at send
time from the place's current state (reminders.py decides what is due and when)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, Session
from groups_site.dates import hour12, pacific_clock, pacific_when
from groups_site.timezones import PACIFIC
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.registry import (
    EmailContent,
    register,
    render_email,
)
from notifications.services import daily_key_day
from notifications.timing import day_word

from .links import manage_url
from .models import Enrollment
from .reminders import _at_risk_on, _enrollment_of, _meeting
from .selectors import member_start
from .wording import meets, pacific_day

S = Enrollment.Status


def _member_context(enrollment: Enrollment, session: Session, now: datetime) -> dict:
    local = session.starts_at.astimezone(PACIFIC)
    group = enrollment.cohort.group
    return {
        "first_name": enrollment.client.greeting_name,
        "when": pacific_when(session.starts_at),
        "at": pacific_clock(session.starts_at),
        # Spanish says "a la 1:00" but "a las 2:00": the subject picks its form by the hour.
        "hour": hour12(local),
        "day_word": day_word(session.starts_at, now),
        "is_online": group.is_online,
        "is_open_group": enrollment.cohort.is_open_group,
        "office": group.office,
        "meets": meets(enrollment.cohort),
        "manage_url": manage_url(enrollment.pk),
    }


def _meeting_email(notification: Notification, kind: str) -> EmailContent | None:
    now = timezone.now()
    found = _meeting(notification, now)
    if found is None:
        return None
    enrollment, session = found
    return render_email(kind, _member_context(enrollment, session, now))


@register(Kind.GROUP_START_REMINDER, to_client=True)
def _group_start(notification: Notification) -> EmailContent | None:
    return _meeting_email(notification, Kind.GROUP_START_REMINDER)


@register(Kind.SESSION_REMINDER, to_client=True)
def _session(notification: Notification) -> EmailContent | None:
    return _meeting_email(notification, Kind.SESSION_REMINDER)


@register(Kind.OFFER_REMINDER, to_client=True)
def _offer(notification: Notification) -> EmailContent | None:
    enrollment = _enrollment_of(notification)
    now = timezone.now()
    if (
        enrollment is None
        or enrollment.status != S.OFFERED
        or enrollment.offer_expires_at <= now
        or enrollment.cohort.status != Cohort.Status.PUBLISHED
    ):
        return None
    start = member_start(enrollment)
    return render_email(
        Kind.OFFER_REMINDER,
        {
            "first_name": enrollment.client.greeting_name,
            "meets": meets(enrollment.cohort),
            "starts": pacific_when(
                start.starts_at if start else enrollment.cohort.first_session_start
            ),
            "is_open_group": enrollment.cohort.is_open_group,
            "expires": pacific_when(enrollment.offer_expires_at),
            "manage_url": manage_url(enrollment.pk),
        },
    )


@register(Kind.COHORT_UNDER_MINIMUM)
def _under_minimum(notification: Notification) -> EmailContent | None:
    cohort = notification.related
    if not isinstance(cohort, Cohort):
        return None
    start_day = daily_key_day(notification.key) + timedelta(days=settings.UNDER_MINIMUM_ALERT_DAYS)
    at_risk = next((a for a in _at_risk_on(start_day) if a.cohort.pk == cohort.pk), None)
    if at_risk is None:
        return None  # cancelled, moved, or enough people signed up meanwhile
    cohort = at_risk.cohort
    counts = dict.fromkeys(S.values, 0)
    for status in Enrollment.objects.filter(cohort=cohort).values_list("status", flat=True):
        counts[status] += 1
    site = settings.SITE_URL
    return render_email(
        Kind.COHORT_UNDER_MINIMUM,
        {
            "cohort": cohort,
            "meets": meets(cohort),
            "first_meeting": pacific_when(at_risk.first_start),
            "first_day": pacific_day(at_risk.first_start),
            "pending": counts[S.REQUESTED] + counts[S.SCREENING],
            "short": cohort.min_to_run - cohort.seats_taken,
            "counts": counts,
            "days": settings.UNDER_MINIMUM_ALERT_DAYS,
            "fill_url": site + reverse("admin:enrollment_cohortfill_change", args=[cohort.pk]),
            "enrollments_url": site
            + reverse("admin:enrollment_enrollment_changelist")
            + f"?cohort__id__exact={cohort.pk}",
        },
    )
