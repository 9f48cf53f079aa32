"""How a cohort is named to a client, on pages and in emails: by its day, time and place,
never by its topic (an email may be read over someone's shoulder).

Client wording follows the active language (a page's, or the one an email is rendered in);
the coordinator's wording at the end stays English.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext, ngettext

from cohorts.models import Cohort
from groups_site.dates import clock, day_long, hour12
from groups_site.timezones import PACIFIC, WEEKDAY_PLURALS, Weekday


def pacific_day(value: datetime) -> str:
    return day_long(value.astimezone(PACIFIC))


def meets(cohort: Cohort) -> str:
    """'Tuesdays at 6:30 PM Pacific time, online by video'"""
    group = cohort.group
    if group.is_online:
        where = gettext("online by video")
    else:
        where = gettext("at our %(city)s office") % {"city": group.office.city}
    return ngettext(
        "%(weekdays)s at %(time)s Pacific time, %(where)s",
        "%(weekdays)s at %(time)s Pacific time, %(where)s",
        hour12(cohort.start_time),
    ) % {
        "weekdays": WEEKDAY_PLURALS[Weekday(cohort.weekday)],
        "time": clock(cohort.start_time),
        "where": where,
    }


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
