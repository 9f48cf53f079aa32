"""The calendar file for a booked consultation call."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils.translation import gettext

from groups_site.calendars import calendar_new, event_new

from .models import Consultation
from .selectors import consultation_root

ICS_FILENAME = "free-consultation.ics"


def consultation_ics(consultation: Consultation, *, now: datetime | None = None) -> bytes:
    """A calendar entry for the call, its times written in UTC.

    UTC, not Pacific wall-clock time with a TZID: a call at 1:30 AM PST on the night clocks
    go back would read as the first 1:30 (PDT), an hour early, in calendar programs. They
    show UTC in the reader's own zone. No self-service link in it: calendars get shared
    and synced, and the link can cancel the call (the confirmation email carries it).
    Worded in the active language: the client's own, in an email (notifications.registry).

    One UID for a booking and all its moves, with a growing SEQUENCE, so a calendar that
    imported the first time updates the event instead of keeping both.
    """
    root_id, moves = consultation_root(consultation)
    cal = calendar_new(product="consultations")
    event = event_new(
        uid=f"consultation-{root_id}",
        stamp=now or datetime.now(UTC),
        start=consultation.starts_at.astimezone(UTC),
        end=consultation.ends_at.astimezone(UTC),
        summary=gettext("Free 15-minute call with %(practice)s")
        % {"practice": settings.PRACTICE_NAME},
    )
    event.add("sequence", moves)
    how = (
        gettext("We'll call you at the number you gave us.")
        if consultation.mode == Consultation.Mode.PHONE
        else gettext("We'll email you a private video link before the call.")
    )
    change = gettext("To move or cancel it, use the link in our email.")
    event.add("description", f"{how}\n{change}")
    event.add("status", "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
