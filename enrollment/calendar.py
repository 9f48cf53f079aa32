"""The member's own calendar file: their group's meetings and nobody else's details."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils.translation import gettext

from groups_site.calendars import calendar_new, event_new, pacific_zone_add
from groups_site.timezones import PACIFIC

from .models import Enrollment
from .selectors import member_sessions


def ics_filename(enrollment: Enrollment) -> str:
    return f"group-{enrollment.cohort.first_session_date:%Y-%m-%d}.ics"


def enrollment_ics(enrollment: Enrollment, *, now: datetime | None = None) -> bytes:
    """One event per meeting from the member's start, in Pacific time with its VTIMEZONE.

    UIDs are per member and per meeting, so importing again updates the same events, and
    a moved meeting shows at its new time. No attendee list: members never see each other.
    Worded in the active language: the member's own, in an email (notifications.registry).
    """
    sessions = member_sessions(enrollment)
    practice = settings.PRACTICE_NAME
    cal = calendar_new(
        product="groups", name=gettext("Group meetings, %(practice)s") % {"practice": practice}
    )
    if sessions:
        first, last = sessions[0].starts_at, sessions[-1].starts_at
    else:
        first = last = datetime.combine(
            enrollment.cohort.first_session_date, enrollment.cohort.start_time, tzinfo=PACIFIC
        )
    pacific_zone_add(cal, first=first, last=last)
    group = enrollment.cohort.group
    if group.is_online:
        where = gettext("Online (the video link comes by email before the first meeting)")
    else:
        where = f"{group.office.name}, {group.office.address}"
    stamp = now or datetime.now(UTC)
    for number, session in enumerate(sessions, start=1):
        event = event_new(
            uid=f"enrollment-{enrollment.pk}-session-{session.pk}",
            stamp=stamp,
            start=session.starts_at.astimezone(PACIFIC),
            end=session.ends_at.astimezone(PACIFIC),
            summary=gettext("Group meeting %(number)s, %(practice)s")
            % {"number": number, "practice": practice},
        )
        event.add("location", where)
        # Calendars get shared and synced: no self-service link in them (it can withdraw the
        # member), only where to find it. Tentative until the coordinator confirms the place.
        event.add("description", gettext("Your place and any changes: see the link in our email."))
        event.add("status", "CONFIRMED" if enrollment.status == "enrolled" else "TENTATIVE")
        cal.add_component(event)
    return cal.to_ical()
