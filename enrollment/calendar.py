"""The member's own calendar file: their group's meetings and nobody else's details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from django.conf import settings

from groups_site.timezones import PACIFIC

from .models import Enrollment
from .selectors import member_sessions

ICS_MIMETYPE = "text/calendar"


def ics_filename(enrollment: Enrollment) -> str:
    return f"group-{enrollment.cohort.first_session_date:%Y-%m-%d}.ics"


def enrollment_ics(enrollment: Enrollment, *, now: datetime | None = None) -> bytes:
    """One event per meeting from the member's start, in Pacific time with its VTIMEZONE.

    UIDs are per member and per meeting, so importing again updates the same events, and
    a moved meeting shows at its new time. No attendee list: members never see each other.
    """
    sessions = member_sessions(enrollment)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//groups//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Group meetings, {settings.PRACTICE_NAME}")
    if sessions:
        first = sessions[0].starts_at.astimezone(PACIFIC)
        last = sessions[-1].starts_at.astimezone(PACIFIC)
    else:
        first = last = datetime.combine(
            enrollment.cohort.first_session_date, enrollment.cohort.start_time, tzinfo=PACIFIC
        )
    cal.add_component(
        icalendar.Timezone.from_tzinfo(
            PACIFIC,
            tzid="America/Los_Angeles",
            first_date=(first - timedelta(days=366)).date(),
            last_date=(last + timedelta(days=366)).date(),
        )
    )
    group = enrollment.cohort.group
    if group.is_online:
        where = "Online (the video link comes by email before the first meeting)"
    else:
        where = f"{group.office.name}, {group.office.address}"
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    stamp = now or datetime.now(UTC)
    for number, session in enumerate(sessions, start=1):
        event = icalendar.Event()
        event.add("uid", f"enrollment-{enrollment.pk}-session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(PACIFIC))
        event.add("dtend", session.ends_at.astimezone(PACIFIC))
        event.add("summary", f"Group meeting {number}, {settings.PRACTICE_NAME}")
        event.add("location", where)
        # Calendars get shared and synced: no self-service link in them (it can withdraw the
        # member), only where to find it. Tentative until the coordinator confirms the place.
        event.add("description", "Your place and any changes: see the link in our email.")
        event.add("status", "CONFIRMED" if enrollment.status == "enrolled" else "TENTATIVE")
        cal.add_component(event)
    return cal.to_ical()
