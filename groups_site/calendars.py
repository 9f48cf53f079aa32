"""Calendar (.ics) files: the parts every one of ours shares (icalendar library).

The member's file (enrollment.calendar), the consultation call (consultations.calendar) and
the therapist's feed (roster.calendar) each decide their own events; this module gives them
the calendar header, the Pacific VTIMEZONE and the UIDs, so all three agree on those.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
from django.conf import settings

from .timezones import PACIFIC

ICS_MIMETYPE = "text/calendar"


def calendar_new(*, product: str, name: str | None = None) -> icalendar.Calendar:
    """An empty published calendar; `name` is what calendar apps show for a subscription."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//{product}//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def pacific_zone_add(cal: icalendar.Calendar, *, first: datetime, last: datetime) -> None:
    """The Pacific VTIMEZONE, with its daylight-saving changes from a year before `first`
    to a year after `last`, for events written in Pacific wall-clock time."""
    cal.add_component(
        icalendar.Timezone.from_tzinfo(
            PACIFIC,
            tzid="America/Los_Angeles",
            first_date=(first.astimezone(PACIFIC) - timedelta(days=366)).date(),
            last_date=(last.astimezone(PACIFIC) + timedelta(days=366)).date(),
        )
    )


def event_uid(local: str) -> str:
    """A UID unique to this site: 'enrollment-4-session-9@groups.example.org'."""
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{local}@{host}"


def event_new(
    *, uid: str, stamp: datetime, start: datetime, end: datetime, summary: str
) -> icalendar.Event:
    """An event with what every one of ours has; the caller adds the rest."""
    event = icalendar.Event()
    event.add("uid", event_uid(uid))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    return event
