"""A therapist's calendar feed: their upcoming meetings, and nothing about who comes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse

from groups_site.timezones import PACIFIC

from .selectors import Feed


def feed_ics(feed: Feed, *, now: datetime | None = None) -> bytes:
    """One event per meeting, in Pacific time with its VTIMEZONE. No client names, no
    counts: a synced calendar is read on many devices. UIDs are per meeting, so a moved
    meeting updates its event and a dropped one disappears at the next refresh."""
    stamp = now or datetime.now(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//therapist feed//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"My groups, {settings.PRACTICE_NAME}")
    cal.add("x-wr-timezone", "America/Los_Angeles")
    # How often calendar apps should come back for changes (those that honour it).
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    first = feed.sessions[0].starts_at if feed.sessions else stamp
    last = feed.sessions[-1].starts_at if feed.sessions else stamp
    cal.add_component(
        icalendar.Timezone.from_tzinfo(
            PACIFIC,
            tzid="America/Los_Angeles",
            first_date=(first.astimezone(PACIFIC) - timedelta(days=366)).date(),
            last_date=(last.astimezone(PACIFIC) + timedelta(days=366)).date(),
        )
    )
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    for session in feed.sessions:
        cohort = session.cohort
        group = cohort.group
        event = icalendar.Event()
        event.add("uid", f"therapist-{feed.therapist.pk}-session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(PACIFIC))
        event.add("dtend", session.ends_at.astimezone(PACIFIC))
        event.add("summary", group.name)
        event.add(
            "location",
            "Online" if group.is_online else f"{group.office.name}, {group.office.address}",
        )
        roster = settings.SITE_URL + reverse("roster:cohort", args=[cohort.pk])
        event.add("description", f"Roster and attendance (sign-in needed): {roster}")
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
