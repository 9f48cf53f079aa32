"""How a cohort is named to a client, on pages and in emails: by its day, time and place,
never by its topic (an email may be read over someone's shoulder)."""

from __future__ import annotations

from datetime import datetime

from cohorts.models import Cohort
from groups_site.timezones import PACIFIC, Weekday


def pacific(value: datetime) -> str:
    """'Tuesday, March 3 at 6:30 PM PST': the zone abbreviation follows daylight saving."""
    local = value.astimezone(PACIFIC)
    return f"{local:%A, %B} {local.day} at {local:%-I:%M %p} {local.tzname()}"


def pacific_day(value: datetime) -> str:
    local = value.astimezone(PACIFIC)
    return f"{local:%A, %B} {local.day}"


def meets(cohort: Cohort) -> str:
    """'Tuesdays at 6:30 PM Pacific time, online'"""
    weekday = Weekday(cohort.weekday).label
    at = cohort.start_time.strftime("%-I:%M %p")
    group = cohort.group
    where = "online by video" if group.is_online else f"at our {group.office.city} office"
    return f"{weekday}s at {at} Pacific time, {where}"


def admin_when(value: datetime) -> str:
    """'Fri 4 Dec, 6:00 PM': short Pacific wording for the coordinator's messages."""
    return value.astimezone(PACIFIC).strftime("%a %-d %b, %-I:%M %p")


def offers_followed(offers) -> str:
    """What a move set off, for the admin message: '' when no seat was offered."""
    if not offers:
        return ""
    until = admin_when(min(o.offer_expires_at for o in offers))
    if len(offers) == 1:
        return f"the freed seat was offered to the next person on the waitlist until {until}"
    return (
        f"{len(offers)} freed seats were offered to the next people on the waitlist until {until}"
    )
