import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from notifications.models import Notification
from notifications.services import (
    NAIVE_DUE_AT,
    notification_create,
    notification_schedule,
    notifications_cancel,
    notifications_cancel_selected,
    notifications_retry,
)
from tests.factories import ClientFactory, NotificationFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
PACIFIC = ZoneInfo("America/Los_Angeles")
NOW = dt.datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
S = Notification.Status


def schedule(**overrides):
    fields = {
        "kind": "staff_test_email",
        "key": "consultation:1:reminder_24h",
        "to_email": "ana@mail.example",
        "due_at": NOW + dt.timedelta(hours=2),
        "now": NOW,
    }
    return notification_schedule(**{**fields, **overrides})


def test_a_reminder_is_written_once_per_key():
    first = schedule()
    second = schedule()

    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert first.status == S.PENDING


def test_its_due_time_is_stored_in_utc():
    nine_am_pacific = dt.datetime(2026, 12, 1, 9, 0, tzinfo=PACIFIC)
    notification = schedule(due_at=nine_am_pacific)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT due_at FROM notifications_notification WHERE id = %s", [notification.pk]
        )
        (raw,) = cursor.fetchone()
    if isinstance(raw, str):
        raw = dt.datetime.fromisoformat(raw)
    # SQLite keeps UTC without an offset; PostgreSQL hands back the instant in UTC.
    assert raw.utcoffset() in (None, dt.timedelta(0))
    assert raw.replace(tzinfo=None) == dt.datetime(2026, 12, 1, 17, 0)


def test_a_due_time_without_a_zone_is_refused():
    with pytest.raises(ValueError, match=re.escape(NAIVE_DUE_AT)):
        schedule(due_at=dt.datetime(2026, 12, 1, 9, 0))
    assert not Notification.objects.exists()


def test_a_reminder_already_past_at_booking_is_skipped():
    assert schedule(due_at=NOW - dt.timedelta(hours=1)) is None
    assert not Notification.objects.exists()


def test_an_at_once_email_written_a_few_seconds_late_still_goes_out():
    assert schedule(due_at=NOW - dt.timedelta(seconds=20)) is not None


def test_scheduling_a_pending_key_again_moves_it_to_the_new_time():
    schedule()
    later = NOW + dt.timedelta(days=1)
    schedule(due_at=later, to_email="ana.new@mail.example")

    row = Notification.objects.get()
    assert row.due_at == later
    assert row.to_email == "ana.new@mail.example"


def test_scheduling_a_cancelled_key_again_brings_it_back():
    client = ClientFactory()
    schedule(related=client)
    notifications_cancel(related=client, reason="withdrew")
    schedule(related=client)

    row = Notification.objects.get()
    assert row.status == S.PENDING
    assert row.last_error == ""


def test_scheduling_a_sent_key_again_changes_nothing():
    sent = NotificationFactory(key="consultation:1:reminder_24h", sent=True)
    schedule(due_at=NOW + dt.timedelta(days=3))

    sent.refresh_from_db()
    assert sent.status == S.SENT
    assert Notification.objects.count() == 1


def test_the_row_exists_only_if_the_causing_change_commits():
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule()
        raise RuntimeError("the booking failed after the row was written")

    assert not Notification.objects.exists()


def test_the_related_object_is_recorded():
    client = ClientFactory()
    row = schedule(related=client)

    assert row.related == client


def test_the_row_of_a_new_cause_is_written_pending_for_its_object():
    client = ClientFactory()

    row = notification_create(
        kind="staff_test_email",
        key=f"client:{client.pk}:hello",
        to_email=" ana@mail.example ",
        due_at=NOW,
        related=client,
    )

    row.refresh_from_db()
    assert (row.status, row.to_email, row.due_at, row.related) == (
        S.PENDING,
        "ana@mail.example",
        NOW,
        client,
    )
    with pytest.raises(ValueError, match="time zone"):
        notification_create(
            kind="staff_test_email",
            key="naive",
            to_email="ana@mail.example",
            due_at=NOW.replace(tzinfo=None),
            related=client,
        )


def test_cancelling_leaves_sent_and_in_flight_rows_alone():
    client = ClientFactory()
    pending = schedule(related=client, key="a")
    failed = schedule(related=client, key="b")
    sent = schedule(related=client, key="c")
    sending = schedule(related=client, key="d")
    Notification.objects.filter(pk=failed.pk).update(status=S.FAILED)
    Notification.objects.filter(pk=sent.pk).update(status=S.SENT)
    Notification.objects.filter(pk=sending.pk).update(status=S.SENDING, claimed_at=NOW)

    count = notifications_cancel(related=client, reason="Member withdrew")

    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert count == 2
    assert statuses == {
        pending.pk: S.CANCELLED,
        failed.pk: S.CANCELLED,
        sent.pk: S.SENT,
        sending.pk: S.SENDING,
    }
    assert Notification.objects.get(pk=pending.pk).last_error == "Member withdrew"


def test_cancelling_some_kinds_leaves_the_others_pending():
    client = ClientFactory()
    schedule(related=client, key="a", kind="reminder_24h")
    schedule(related=client, key="b", kind="confirmation")

    notifications_cancel(related=client, kinds=["reminder_24h"])

    assert dict(Notification.objects.values_list("kind", "status")) == {
        "reminder_24h": S.CANCELLED,
        "confirmation": S.PENDING,
    }


def test_cancelling_one_object_leaves_another_objects_rows_alone():
    ana, ben = ClientFactory(), ClientFactory()
    schedule(related=ana, key="a")
    schedule(related=ben, key="b")

    notifications_cancel(related=ana)

    assert Notification.objects.get(key="b").status == S.PENDING


def test_retry_makes_failed_and_stuck_rows_due_now_with_fresh_tries():
    failed = NotificationFactory(failed=True)
    stuck = NotificationFactory(stuck=True, claimed_at=NOW - dt.timedelta(hours=1))
    fresh = NotificationFactory(status=S.SENDING, claimed_at=NOW - dt.timedelta(seconds=30))
    sent = NotificationFactory(sent=True)

    count = notifications_retry(notification_ids=[failed.pk, stuck.pk, fresh.pk, sent.pk], now=NOW)

    rows = {n.pk: n for n in Notification.objects.all()}
    assert count == 2
    assert (rows[failed.pk].status, rows[failed.pk].due_at, rows[failed.pk].attempts) == (
        S.PENDING,
        NOW,
        0,
    )
    assert rows[stuck.pk].status == S.PENDING
    assert rows[fresh.pk].status == S.SENDING  # still in a worker's hands
    assert rows[sent.pk].status == S.SENT


def test_staff_can_cancel_pending_failed_and_stuck_rows_but_not_sent_ones():
    rows = [
        NotificationFactory(),
        NotificationFactory(failed=True),
        NotificationFactory(stuck=True),
        NotificationFactory(sent=True),
    ]

    count = notifications_cancel_selected(
        notification_ids=[r.pk for r in rows], reason="Cancelled by staff"
    )

    assert count == 3
    assert list(Notification.objects.order_by("pk").values_list("status", flat=True)) == [
        S.CANCELLED,
        S.CANCELLED,
        S.CANCELLED,
        S.SENT,
    ]


# The status moves the dispatcher and staff may make, written out (STATUS_MOVES must agree).
ALLOWED_MOVES = {
    (S.PENDING, S.SENDING),
    (S.PENDING, S.CANCELLED),
    (S.SENDING, S.SENT),
    (S.SENDING, S.PENDING),
    (S.SENDING, S.FAILED),
    (S.SENDING, S.CANCELLED),
    (S.FAILED, S.PENDING),
    (S.FAILED, S.CANCELLED),
    (S.CANCELLED, S.PENDING),
}
EVERY_MOVE = sorted((a, b) for a in S.values for b in S.values if a != b)


@pytest.mark.parametrize(("frm", "to"), EVERY_MOVE)
def test_a_status_write_makes_only_the_moves_the_table_allows(frm, to):
    row = NotificationFactory(status=frm)

    moved = Notification.objects.filter(pk=row.pk).move_to(to)

    row.refresh_from_db()
    allowed = (frm, to) in ALLOWED_MOVES
    assert (moved, row.status) == ((1, to) if allowed else (0, frm))
