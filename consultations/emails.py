"""Email kinds of this app, registered with notifications.registry.

Rendered at send time from the consultation as it stands: a row whose consultation was
moved or cancelled meanwhile renders to None and is cancelled instead of sent.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from groups_site.calendars import ICS_MIMETYPE
from groups_site.dates import hour12, pacific_clock, pacific_when
from groups_site.timezones import PACIFIC
from notifications.kinds import Kind
from notifications.registry import EmailContent, register, render_email
from notifications.timing import day_word

from .calendar import ICS_FILENAME, consultation_ics
from .links import manage_url
from .models import Consultation
from .slots import slot_value


def _context(consultation: Consultation) -> dict:
    when = pacific_when(consultation.starts_at)
    return {
        "consultation": consultation,
        "first_name": consultation.client.greeting_name,
        "when": when,
        "manage_url": manage_url(consultation.pk),
        "is_moved": Consultation.objects.filter(rescheduled_to=consultation).exists(),
        "change_window_hours": settings.CONSULTATION_CHANGE_WINDOW_HOURS,
    }


@register(Kind.CONSULTATION_CONFIRMATION, to_client=True)
def _confirmation(notification) -> EmailContent | None:
    consultation = notification.related
    if consultation is None or consultation.status != Consultation.Status.BOOKED:
        return None
    return render_email(
        Kind.CONSULTATION_CONFIRMATION,
        _context(consultation),
        attachments=((ICS_FILENAME, consultation_ics(consultation), ICS_MIMETYPE),),
    )


@register(Kind.CONSULTATION_REMINDER, to_client=True)
def _reminder(notification) -> EmailContent | None:
    consultation = notification.related
    now = timezone.now()
    if (
        consultation is None
        or consultation.status != Consultation.Status.BOOKED
        or consultation.starts_at <= now
        # Written for this start time (the last part of the key); a call moved by other
        # means than a reschedule must not be announced at the old one.
        or notification.key.rsplit(":", 1)[-1] != slot_value(consultation.starts_at)
    ):
        return None
    context = _context(consultation)
    context["day_word"] = day_word(consultation.starts_at, now)
    context["at"] = pacific_clock(consultation.starts_at)
    # Spanish says "a la 1:00" but "a las 2:00": the subject picks its form by the hour.
    context["hour"] = hour12(consultation.starts_at.astimezone(PACIFIC))
    context["can_change_online"] = consultation.starts_at - now >= timedelta(
        hours=settings.CONSULTATION_CHANGE_WINDOW_HOURS
    )
    return render_email(Kind.CONSULTATION_REMINDER, context)


@register(Kind.CONSULTATION_CANCELLED, to_client=True)
def _cancelled(notification) -> EmailContent | None:
    consultation = notification.related
    if consultation is None or consultation.status != Consultation.Status.CANCELLED:
        return None
    context = _context(consultation)
    context["book_url"] = settings.SITE_URL + reverse("consultations:book")
    return render_email(Kind.CONSULTATION_CANCELLED, context)
