"""Celery beat's two periodic tasks, simulated over a stretch of time, for reminder tests."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from notifications.dispatch import dispatch_due
from notifications.services import notifications_schedule_daily
from notifications.timing import PACIFIC

DAILY_EVERY = dt.timedelta(minutes=15)


def pacific_label(moment: dt.datetime) -> str:
    return moment.astimezone(PACIFIC).strftime("%a %b %-d %H:%M %Z")


def run_beat(time_machine, start, end, *, step=DAILY_EVERY, to=None):
    """Write daily rows every 15 minutes and run a dispatch pass every `step` (every kind is
    due on a quarter hour, or at once), with the clock at each moment (renderers read it).
    Returns (Pacific time, email) for every email sent; only those to `to`, if given."""
    sent = []
    now = start
    while now <= end:
        time_machine.move_to(now, tick=False)
        if (now - start) % DAILY_EVERY == dt.timedelta(0):
            notifications_schedule_daily(now=now)
        already = len(mail.outbox)
        dispatch_due(now=now)
        sent += [(pacific_label(now), m) for m in mail.outbox[already:] if to in (None, *m.to)]
        now += step
    return sent


def mornings(
    time_machine, first: dt.date, last: dt.date, *, to=None, start=dt.time(7), end=dt.time(10)
):
    """run_beat over 7:00-10:00 Pacific of every day from `first` to `last`: the hours the
    morning kinds are due, without simulating the nights between."""
    sent = []
    day = first
    while day <= last:
        sent += run_beat(
            time_machine,
            dt.datetime.combine(day, start, tzinfo=PACIFIC),
            dt.datetime.combine(day, end, tzinfo=PACIFIC),
            to=to,
        )
        day += dt.timedelta(days=1)
    return sent
