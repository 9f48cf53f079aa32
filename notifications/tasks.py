"""Thin Celery tasks: ids in, a dispatch function called, a count out.

Nothing here is scheduled for later with eta/countdown: a later email is a row with a due
time, and the periodic `dispatch_due` (every minute, on a UTC interval) picks it up.
"""

from __future__ import annotations

from celery import shared_task

from . import dispatch
from .services import notifications_schedule_daily


@shared_task(name="notifications.tasks.dispatch_due")
def dispatch_due() -> int:
    """The periodic pass: send what is due, spreading a backlog over the worker pool.

    The first batch is sent right here (the usual minute has a handful of rows and needs no
    extra message); further batches go to the queue as send_batch tasks. A batch's rows stay
    pending until a worker claims them, so a lost or repeated task message loses nothing and
    sends nothing twice: the next pass simply lists those rows again.
    """
    first, *rest = dispatch.due_batches() or [[]]
    for ids in rest:
        send_batch.delay(ids)
    return dispatch.send_batch(notification_ids=first).sent if first else 0


@shared_task(name="notifications.tasks.send_batch")
def send_batch(notification_ids: list[int]) -> int:
    return dispatch.send_batch(notification_ids=notification_ids).sent


@shared_task(name="notifications.tasks.send_one")
def send_one(notification_id: int) -> bool:
    return dispatch.send_one(notification_id=notification_id)


@shared_task(name="notifications.tasks.schedule_daily")
def schedule_daily() -> int:
    """Write the rows of the daily kinds (digest, roster summaries) a day ahead."""
    return notifications_schedule_daily()
