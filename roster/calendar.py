"""A therapist's calendar feed: their upcoming meetings, and nothing about who comes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.urls import reverse

from groups_site.calendars import calendar_new, event_new, pacific_zone_add
from groups_site.timezones import PACIFIC

from .selectors import Feed


def feed_ics(feed: Feed, *, now: datetime | None = None) -> bytes:
    """One event per meeting, in Pacific time with its VTIMEZONE. No client names, no
    counts: a synced calendar is read on many devices. UIDs are per meeting, so a moved
    meeting updates its event and a dropped one disappears at the next refresh."""
    stamp = now or datetime.now(UTC)
    cal = calendar_new(product="therapist feed", name=f"My groups, {settings.PRACTICE_NAME}")
    cal.add("x-wr-timezone", "America/Los_Angeles")
    # How often calendar apps should come back for changes (those that honour it).
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    first = feed.sessions[0].starts_at if feed.sessions else stamp
    last = feed.sessions[-1].starts_at if feed.sessions else stamp
    pacific_zone_add(cal, first=first, last=last)
    for session in feed.sessions:
        cohort = session.cohort
        group = cohort.group
        event = event_new(
            uid=f"therapist-{feed.therapist.pk}-session-{session.pk}",
            stamp=stamp,
            start=session.starts_at.astimezone(PACIFIC),
            end=session.ends_at.astimezone(PACIFIC),
            summary=group.name,
        )
        event.add(
            "location",
            "Online" if group.is_online else f"{group.office.name}, {group.office.address}",
        )
        roster = settings.SITE_URL + reverse("roster:cohort", args=[cohort.pk])
        event.add("description", f"Roster and attendance (sign-in needed): {roster}")
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
