"""Writing, moving, cancelling and retrying notification rows.

Call `notification_schedule` and `notifications_cancel` inside the transaction of the change
that causes them, so the row exists exactly when the change does. Keys name the cause and,
for a reminder tied to a time, that time too (`consultation:12:reminder_24h:20261130T1800Z`):
moving a consultation then cancels the old rows and schedules new ones, and a reminder that
already went out for the old time never blocks the one for the new time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from notifications.kinds import Kind

from . import registry
from .models import Notification
from .querysets import STUCK_AFTER, NotificationQuerySet
from .timing import local_at, local_date

S = Notification.Status

# "At once" rows are written with due_at=now; a transaction that took a few seconds must not
# make them look past. Anything older than this at scheduling was missed and is skipped.
SCHEDULE_GRACE = timedelta(minutes=1)

NAIVE_DUE_AT = "A notification's due time needs a time zone (store UTC, show Pacific)."


def _row_fields(kind: str, to_email: str, due_at: datetime, related: models.Model | None):
    if timezone.is_naive(due_at):
        raise ValueError(NAIVE_DUE_AT)
    fields: dict = {"kind": kind, "to_email": to_email.strip(), "due_at": due_at}
    if related is not None:
        from django.contrib.contenttypes.models import ContentType

        fields["content_type"] = ContentType.objects.get_for_model(related)
        fields["object_id"] = related.pk
    return fields


def notification_create(
    *,
    kind: str,
    key: str,
    to_email: str,
    due_at: datetime,
    related: models.Model,
) -> Notification:
    """Write the row of a cause created in this same transaction (a new sign-up, say).

    Its key names that new row, so it cannot exist yet: one plain INSERT does, where
    `notification_schedule` must also look for an earlier row. A sign-up writes this while
    its cohort is locked, so the round trip saved is one every queued sign-up waits for.
    """
    return Notification.objects.create(key=key, **_row_fields(kind, to_email, due_at, related))


def notification_schedule(
    *,
    kind: str,
    key: str,
    to_email: str,
    due_at: datetime,
    related: models.Model | None = None,
    now: datetime | None = None,
) -> Notification | None:
    """Write the row for `key` once; returns it, or None for a reminder already past.

    Calling again with the same key never makes a second row: a pending row takes the new
    due time and address (the cause moved), a cancelled one is revived (the cause came back),
    and a row being sent, sent or failed is left as it is.
    """
    fields = _row_fields(kind, to_email, due_at, related)
    now = now or timezone.now()
    if due_at < now - SCHEDULE_GRACE:
        return None
    # Insert first (ON CONFLICT DO NOTHING needs no savepoint), then read the row, new or
    # old, locked: a row just written has nothing left to change.
    with transaction.atomic(savepoint=False):
        Notification.objects.bulk_create([Notification(key=key, **fields)], ignore_conflicts=True)
        notification = Notification.objects.select_for_update().get(key=key)
        if notification.status == S.PENDING:
            changed = [
                name
                for name in ("due_at", "to_email")
                if getattr(notification, name) != fields[name]
            ]
            for name in changed:
                setattr(notification, name, fields[name])
            if changed:
                notification.save(update_fields=changed)
        elif notification.status == S.CANCELLED:
            # The cause came back: the row is revived with fresh tries.
            Notification.objects.filter(pk=notification.pk).move_to(
                S.PENDING,
                due_at=fields["due_at"],
                to_email=fields["to_email"],
                attempts=0,
                last_error="",
            )
            notification.refresh_from_db()
    return notification


def notifications_cancel(
    *,
    related: models.Model | None = None,
    rows: NotificationQuerySet | None = None,
    kinds: Iterable[str] | None = None,
    reason: str = "",
) -> int:
    """Cancel what has not gone out yet for an object whose cause went away (or, with `rows`,
    among the rows an app selected); returns how many.

    Sent rows stay as they are (they are history), and so do rows being sent right now. Failed
    rows are cancelled too, so a later retry cannot reach someone who left.
    """
    if related is not None and rows is None:
        qs = Notification.objects.for_object(related)
    elif rows is not None and related is None:
        qs = rows
    else:
        raise TypeError("notifications_cancel takes related= or rows=, one of them")
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.cancellable().move_to(S.CANCELLED, last_error=reason[:500])


def notifications_forget_recipient(*, email: str, replacement: str, reason: str) -> int:
    """A person's data is erased: their unsent emails are cancelled and every row, sent or
    not, stops holding their address. Returns how many were cancelled.

    Rows being sent right now are left to finish (their worker holds them); they keep the
    address only until then, as a sent row's kind, date and status are all that is kept.
    """
    rows = Notification.objects.to_address(email)
    cancelled = rows.cancellable().move_to(S.CANCELLED, last_error=reason[:500])
    rows.exclude(status=S.SENDING).update(to_email=replacement)
    return cancelled


def notifications_retry(*, notification_ids: Iterable[int], now: datetime | None = None) -> int:
    """Staff send failed rows, and rows stuck in sending, again: due now, five fresh tries.

    A stuck row may have gone out before its worker died; staff decide, the dispatcher never
    does. Rows sending for less than STUCK_AFTER are still in a worker's hands and left alone.
    """
    now = now or timezone.now()
    return (
        Notification.objects.filter(pk__in=list(notification_ids))
        .filter(Q(status=S.FAILED) | Q(status=S.SENDING, claimed_at__lte=now - STUCK_AFTER))
        .move_to(S.PENDING, due_at=now, attempts=0, claimed_at=None)
    )


def notifications_cancel_selected(
    *, notification_ids: Iterable[int], reason: str, now: datetime | None = None
) -> int:
    """Staff cancel pending, failed or stuck rows by hand; returns how many."""
    now = now or timezone.now()
    return (
        Notification.objects.filter(pk__in=list(notification_ids))
        .filter(
            Q(status__in=[S.PENDING, S.FAILED])
            | Q(status=S.SENDING, claimed_at__lte=now - STUCK_AFTER)
        )
        .move_to(S.CANCELLED, last_error=reason[:500])
    )


def daily_key(kind: str, day: date, part: str = "") -> str:
    """The key of a daily kind's row: one per kind, day and recipient. Services that write
    such a row early (when its cause is known) use it too, so the daily task finds it."""
    return f"{kind}:{day.isoformat()}" + (f":{part}" if part else "")


def daily_key_day(key: str) -> date:
    """The day a daily row was written for; its renderer checks what still holds that day."""
    return date.fromisoformat(key.split(":")[1])


def notifications_schedule_daily(*, now: datetime | None = None) -> int:
    """Write today's and tomorrow's rows of every daily kind; returns how many are new.

    Runs every few minutes and changes nothing the second time (one key per kind, day and
    recipient). Today's rows whose time has passed are not written late: the day before
    wrote them, and if that never happened the moment is gone. A row once cancelled stays
    cancelled here (staff stopped it, or its cause went away); a service that knows the
    cause came back schedules the key itself.
    """
    now = now or timezone.now()
    today = local_date(now)
    created = 0
    for daily in registry.daily_kinds():
        for day in (today, today + timedelta(days=1)):
            due_at = local_at(day, daily.at())
            if due_at < now - SCHEDULE_GRACE:
                continue
            for recipient in daily.recipients(day):
                key = daily_key(daily.kind, day, recipient.key)
                status = Notification.objects.filter(key=key).values_list("status").first()
                if status == (S.CANCELLED,):
                    continue
                notification_schedule(
                    kind=daily.kind,
                    key=key,
                    to_email=recipient.to_email,
                    due_at=due_at,
                    related=recipient.related,
                    now=now,
                )
                created += status is None
    return created


def notification_staff_test(*, to_email: str, now: datetime | None = None) -> Notification:
    """Schedule the built-in test message, due at once, so staff can check outgoing mail."""
    now = now or timezone.now()
    notification = notification_schedule(
        kind=Kind.STAFF_TEST_EMAIL,
        key=f"{Kind.STAFF_TEST_EMAIL}:{uuid.uuid4().hex}",
        to_email=to_email,
        due_at=now,
        now=now,
    )
    assert notification is not None  # due now is never past
    return notification
