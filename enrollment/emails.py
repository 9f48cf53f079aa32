"""Email kinds of this app, registered with notifications.registry.

Rendered at send time from the enrollment as it stands: a message whose moment has passed
(an offer already taken up or ended, a waitlist note for someone who has since been offered
a seat) renders to None and is cancelled instead of sent. Subjects never name the group or
anything about the person beyond their first name.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cohorts.places import places_left
from groups_site.calendars import ICS_MIMETYPE
from groups_site.dates import pacific_when
from notifications.kinds import Kind
from notifications.registry import EmailContent, register, render_email

from . import services
from .calendar import enrollment_ics, ics_filename
from .links import confirm_url, manage_url
from .models import Enrollment, EnrollmentEvent
from .selectors import member_sessions, member_start, next_cohort
from .wording import meets, pacific_day

S = Enrollment.Status


def _enrollment(notification) -> Enrollment | None:
    related = notification.related
    if not isinstance(related, Enrollment):
        return None
    return (
        Enrollment.objects.select_related("client", "cohort__group__office", "start_session")
        .filter(pk=related.pk)
        .first()
    )


def _context(enrollment: Enrollment, **extra) -> dict:
    cohort = enrollment.cohort
    start = member_start(enrollment)
    return {
        "enrollment": enrollment,
        "first_name": enrollment.client.greeting_name,
        "meets": meets(cohort),
        "starts": pacific_when(start.starts_at if start else cohort.first_session_start),
        "is_open_group": cohort.is_open_group,
        "manage_url": manage_url(enrollment.pk),
        **extra,
    }


def _render(kind: str, enrollment: Enrollment, **extra) -> EmailContent:
    return render_email(kind, _context(enrollment, **extra))


@register(Kind.ENROLLMENT_RECEIVED, to_client=True)
def _received(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status not in (S.REQUESTED, S.SCREENING, S.ENROLLED):
        return None
    accepted = notification.key.split(":")[2] == "accepted"
    return _render(Kind.ENROLLMENT_RECEIVED, enrollment, accepted=accepted)


@register(Kind.ENROLLMENT_WAITLISTED, to_client=True)
def _waitlisted(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status != S.WAITLISTED:
        return None
    return _render(
        Kind.ENROLLMENT_WAITLISTED, enrollment, offer_hours=settings.WAITLIST_OFFER_HOURS
    )


@register(Kind.ENROLLMENT_OFFERED, to_client=True)
def _offered(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if (
        enrollment is None
        or enrollment.status != S.OFFERED
        or enrollment.offer_expires_at <= timezone.now()
    ):
        return None
    return _render(
        Kind.ENROLLMENT_OFFERED, enrollment, expires=pacific_when(enrollment.offer_expires_at)
    )


@register(Kind.ENROLLMENT_ENROLLED, to_client=True)
def _enrolled(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status != S.ENROLLED:
        return None
    return render_email(
        Kind.ENROLLMENT_ENROLLED,
        _context(enrollment),
        attachments=((ics_filename(enrollment), enrollment_ics(enrollment), ICS_MIMETYPE),),
    )


@register(Kind.ENROLLMENT_WITHDRAWN, to_client=True)
def _withdrawn(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status != S.WITHDRAWN:
        return None
    last = EnrollmentEvent.objects.filter(enrollment=enrollment).order_by("-at", "-pk").first()
    why = {
        services.OFFER_RAN_OUT: "ran_out",
        services.PLACEMENT_RAN_OUT: "ran_out",
        services.OFFER_DECLINED: "declined_offer",
    }.get(last.reason if last else "", "left")
    return _render(
        Kind.ENROLLMENT_WITHDRAWN,
        enrollment,
        why=why,
        signup_url=settings.SITE_URL + reverse("enrollment:signup", args=[enrollment.cohort_id]),
    )


@register(Kind.ENROLLMENT_DECLINED, to_client=True)
def _declined(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status != S.DECLINED:
        return None
    return _render(Kind.ENROLLMENT_DECLINED, enrollment, book_url=_book_url())


@register(Kind.ENROLLMENT_COHORT_CANCELLED, to_client=True)
def _cohort_cancelled(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.cohort.status != "cancelled":
        return None
    following = next_cohort(enrollment.cohort, now=timezone.now())
    extra = {"book_url": _book_url(), "next": None}
    if following is not None:
        extra["next"] = {
            "meets": meets(following),
            "starts": pacific_day(following.next_start),
            "is_full": places_left(following, taken=following.seats_taken) == 0,
            "signup_url": settings.SITE_URL + reverse("enrollment:signup", args=[following.pk]),
        }
    return _render(Kind.ENROLLMENT_COHORT_CANCELLED, enrollment, **extra)


def _book_url() -> str:
    try:
        return settings.SITE_URL + reverse("consultations:book")
    except NoReverseMatch:  # the consultations app may not route yet
        return settings.SITE_URL + "/"


@register(Kind.ENROLLMENT_PLACEMENT, to_client=True)
def _placement(notification) -> EmailContent | None:
    enrollment = _enrollment(notification)
    if enrollment is None or not services.needs_confirmation(enrollment):
        return None
    waitlisted = enrollment.status == S.WAITLISTED
    if not waitlisted and enrollment.offer_expires_at <= timezone.now():
        return None
    return _render(
        Kind.ENROLLMENT_PLACEMENT,
        enrollment,
        waitlisted=waitlisted,
        confirm_url=confirm_url(enrollment.pk),
        expires=pacific_when(enrollment.offer_expires_at) if not waitlisted else "",
    )


@register(Kind.ENROLLMENT_SCHEDULE_CHANGED, to_client=True)
def _schedule_changed(notification) -> EmailContent | None:
    """The schedule as it stands when sent (a second change before sending shows both),
    with a fresh calendar file. Only to someone still holding a seat."""
    enrollment = _enrollment(notification)
    if enrollment is None or not enrollment.holds_seat:
        return None
    now = timezone.now()
    upcoming = [s for s in member_sessions(enrollment) if s.starts_at > now]
    change = notification.key.split(":")[3]
    return render_email(
        Kind.ENROLLMENT_SCHEDULE_CHANGED,
        _context(enrollment, change=change, sessions=[pacific_when(s.starts_at) for s in upcoming]),
        attachments=((ics_filename(enrollment), enrollment_ics(enrollment), ICS_MIMETYPE),),
    )
