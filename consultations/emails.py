"""Email kinds of this app, registered with notifications.registry.

Rendered at send time from the consultation as it stands: a row whose consultation was
moved or cancelled meanwhile renders to None and is cancelled instead of sent.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.registry import EmailContent, register, render_email
from notifications.timing import day_word

from .links import manage_url
from .models import PACIFIC, Consultation
from .selectors import consultation_root
from .slots import slot_value

ICS_FILENAME = "free-consultation.ics"
ICS_MIMETYPE = "text/calendar"


def consultation_ics(consultation: Consultation, *, now: datetime | None = None) -> bytes:
    """A calendar entry for the call, its times written in UTC.

    UTC, not Pacific wall-clock time with a TZID: a call at 1:30 AM PST on the night clocks
    go back would read as the first 1:30 (PDT), an hour early, in calendar programs. They
    show UTC in the reader's own zone. No self-service link in it: calendars get shared
    and synced, and the link can cancel the call (the confirmation email carries it).

    One UID for a booking and all its moves, with a growing SEQUENCE, so a calendar that
    imported the first time updates the event instead of keeping both.
    """
    root_id, moves = consultation_root(consultation)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//consultations//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    event.add("uid", f"consultation-{root_id}@{host}")
    event.add("sequence", moves)
    event.add("dtstamp", now or datetime.now(UTC))
    event.add("dtstart", consultation.starts_at.astimezone(UTC))
    event.add("dtend", consultation.ends_at.astimezone(UTC))
    event.add("summary", f"Free 15-minute call with {settings.PRACTICE_NAME}")
    how = (
        "We'll call you at the number you gave us."
        if consultation.mode == Consultation.Mode.PHONE
        else "We'll email you a private video link before the call."
    )
    event.add("description", f"{how}\nTo move or cancel it, use the link in our email.")
    event.add("status", "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()


def _context(consultation: Consultation) -> dict:
    start = consultation.starts_at.astimezone(PACIFIC)
    return {
        "consultation": consultation,
        "first_name": consultation.client.greeting_name,
        "when": f"{start:%A, %B %-d} at {start:%-I:%M %p} {start.tzname()}",
        "manage_url": manage_url(consultation.pk),
        "is_moved": Consultation.objects.filter(rescheduled_to=consultation).exists(),
        "change_window_hours": settings.CONSULTATION_CHANGE_WINDOW_HOURS,
    }


@register(Kind.CONSULTATION_CONFIRMATION)
def _confirmation(notification) -> EmailContent | None:
    consultation = notification.related
    if consultation is None or consultation.status != Consultation.Status.BOOKED:
        return None
    return render_email(
        Kind.CONSULTATION_CONFIRMATION,
        _context(consultation),
        attachments=((ICS_FILENAME, consultation_ics(consultation), ICS_MIMETYPE),),
    )


@register(Kind.CONSULTATION_REMINDER)
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
    start = consultation.starts_at.astimezone(PACIFIC)
    context["day_word"] = day_word(consultation.starts_at, now)
    context["at"] = f"{start:%-I:%M %p} {start.tzname()}"
    context["can_change_online"] = consultation.starts_at - now >= timedelta(
        hours=settings.CONSULTATION_CHANGE_WINDOW_HOURS
    )
    return render_email(Kind.CONSULTATION_REMINDER, context)


@register(Kind.CONSULTATION_CANCELLED)
def _cancelled(notification) -> EmailContent | None:
    consultation = notification.related
    if consultation is None or consultation.status != Consultation.Status.CANCELLED:
        return None
    context = _context(consultation)
    context["book_url"] = settings.SITE_URL + reverse("consultations:book")
    return render_email(Kind.CONSULTATION_CANCELLED, context)
