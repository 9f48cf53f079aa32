"""A real worker and beat, Redis and an SMTP server: each email arrives exactly once.

What a crash does, as these tests pin it down: a worker killed with SIGKILL mid-run strands
the chunk it had claimed in `sending` (at most CLAIM_CHUNK rows per pool process). Those
rows are not resent by the next worker; after STUCK_AFTER they are listed under "stuck" in
admin, where staff send them again. The email that was on the wire at the moment of the kill
may already have arrived, which is why the dispatcher leaves that decision to a person.
Admin tells the two apart: chunks are sent in order and each row is marked as it goes, so
only the first unmarked row of a chunk may have gone out ("Stuck: may have gone out"); the
rest were never tried ("Stuck: never tried", safe to send again). Every other row, pending
when the worker died, is sent by the next worker once.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notifications.dispatch import CLAIM_CHUNK
from notifications.models import Notification
from notifications.querysets import STUCK_AFTER
from notifications.services import notifications_retry
from tests.factories import NotificationFactory
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

S = Notification.Status
TEST_SUBJECT = f"Test message from {settings.PRACTICE_NAME}"


def statuses() -> dict[int, str]:
    return dict(Notification.objects.values_list("pk", "status"))


def other_database_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_worker_and_beat_send_each_due_row_exactly_once(celery_processes, smtp_sink):
    rows = NotificationFactory.create_batch(40, due_at=timezone.now())
    celery_processes.worker()
    celery_processes.beat()

    wait_until(
        lambda: set(statuses().values()) == {S.SENT},
        timeout=60,
        what="every row to be sent",
        logs=celery_processes.logs,
    )
    # Passes that find every row sent must send nothing again.
    celery_processes.wait_for_passes(3)

    assert smtp_sink.per_notification() == {row.pk: 1 for row in rows}
    delivered = sorted((tuple(m["to"]), m["subject"]) for m in smtp_sink.messages)
    expected = sorted(((row.to_email,), TEST_SUBJECT) for row in rows)
    assert delivered == expected


def test_a_row_due_later_waits_for_its_time(celery_processes, smtp_sink):
    celery_processes.worker()
    celery_processes.beat()
    # Beat is ticking before the row exists, so a pass runs while it is not yet due.
    celery_processes.wait_for_passes(1)
    later = NotificationFactory(due_at=timezone.now() + dt.timedelta(seconds=4))

    wait_until(
        lambda: statuses() == {later.pk: S.SENT},
        timeout=30,
        what="the email to be sent",
        logs=celery_processes.logs,
    )

    later.refresh_from_db()
    assert later.sent_at >= later.due_at
    assert smtp_sink.per_notification() == {later.pk: 1}
    (message,) = smtp_sink.messages
    assert (message["to"], message["subject"]) == ([later.to_email], TEST_SUBJECT)


def test_killing_the_worker_mid_run_loses_nothing_and_duplicates_nothing(
    celery_processes, smtp_sink
):
    smtp_sink.delay = 0.02  # a slow server, so the kill lands while mail is flowing
    rows = NotificationFactory.create_batch(200, due_at=timezone.now())
    ids = {row.pk for row in rows}
    worker = celery_processes.worker()
    celery_processes.beat()

    wait_until(
        lambda: smtp_sink.count() >= 40, timeout=60, what="mail to flow", logs=celery_processes.logs
    )
    celery_processes.kill(worker)
    # A claim the worker committed just before the kill may still be finishing in its
    # database session; read the rows only once every session it held has ended.
    wait_until(
        lambda: other_database_sessions() == 0,
        timeout=30,
        what="the killed worker's database sessions to end",
        logs=celery_processes.logs,
    )
    at_kill = statuses()
    assert S.PENDING in at_kill.values(), "the kill must land with rows still due"

    celery_processes.worker()
    claimed_at_kill = {pk for pk, status in at_kill.items() if status == S.SENDING}

    def settled() -> bool:
        # Everything is sent except, at most, what the killed worker had claimed.
        now = statuses()
        return all(
            s == S.SENT or (s == S.SENDING and pk in claimed_at_kill) for pk, s in now.items()
        )

    wait_until(
        settled,
        timeout=90,
        what="the new worker to send everything not claimed before the kill",
        logs=celery_processes.logs,
    )
    celery_processes.wait_for_passes(3)

    arrived = smtp_sink.per_notification()
    after = statuses()
    stuck = {pk for pk, status in after.items() if status == S.SENDING}
    sent = {pk for pk, status in after.items() if status == S.SENT}

    # Nothing duplicated: no row arrived twice, though two workers and beat ticks overlapped.
    assert set(arrived.values()) == {1}
    # Every row is settled: sent and arrived, or stuck in sending for staff.
    assert sent | stuck == ids
    assert sent <= set(arrived)
    # Only the chunks being sent at the kill are stuck; the new worker did not touch them.
    assert 0 < len(stuck) <= 2 * CLAIM_CHUNK
    assert stuck <= claimed_at_kill
    # Only the row on the wire in each killed pass may have got out before its mark, and
    # admin says which one that is: the others of its chunk were never tried.
    maybe_sent = set(
        Notification.objects.with_crash_hint()
        .filter(pk__in=stuck, maybe_sent=True)
        .values_list("pk", flat=True)
    )
    assert len(maybe_sent) <= 2
    assert stuck & set(arrived) <= maybe_sent

    # Staff see them as stuck once STUCK_AFTER has passed...
    later = timezone.now() + STUCK_AFTER + dt.timedelta(seconds=1)
    assert set(Notification.objects.stuck(later).values_list("pk", flat=True)) == stuck

    # ...send the never-tried ones again at once, check the others (here: with the sink),
    # and then every email has arrived exactly once.
    Notification.objects.filter(pk__in=stuck).update(
        claimed_at=timezone.now() - STUCK_AFTER - dt.timedelta(seconds=1)
    )
    to_retry = (stuck - maybe_sent) | (maybe_sent - set(arrived))
    assert notifications_retry(notification_ids=to_retry) == len(to_retry)
    wait_until(
        lambda: set(smtp_sink.per_notification()) == ids,
        timeout=60,
        what="the retried rows to arrive",
        logs=celery_processes.logs,
    )
    assert set(smtp_sink.per_notification().values()) == {1}
