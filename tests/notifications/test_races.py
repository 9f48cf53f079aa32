"""Dispatch passes racing on PostgreSQL: every row is sent exactly once.

The first test shows the race is real: a claim without the lock and the status condition,
with both passes paused between reading and claiming, sends the same rows twice. The same
pause with the real claim sends each row once.
"""

import collections
import contextlib
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection

from notifications import dispatch
from notifications.models import Notification
from notifications.querysets import NotificationQuerySet
from tests.factories import NotificationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)
S = Notification.Status


def in_threads(count, fn):
    start = threading.Barrier(count)

    def run():
        try:
            start.wait(timeout=10)
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(count) as pool:
        futures = [pool.submit(run) for _ in range(count)]
        return [f.result() for f in futures]


@pytest.fixture
def pause_between_read_and_claim(monkeypatch):
    """Make both passes read their rows before either one writes its claim."""
    both_read = threading.Barrier(2)
    seen = threading.local()
    real_update = NotificationQuerySet.update

    def update(self, **kwargs):
        if kwargs.get("status") == S.SENDING and not getattr(seen, "paused", False):
            seen.paused = True
            # A broken barrier means the other pass found nothing left to claim.
            with contextlib.suppress(threading.BrokenBarrierError):
                both_read.wait(timeout=5)
        return real_update(self, **kwargs)

    monkeypatch.setattr(NotificationQuerySet, "update", update)


def emails_per_row():
    return collections.Counter(m.extra_headers["Message-ID"] for m in mail.outbox)


def naive_claim(*, now, ids=None, limit=dispatch.CLAIM_CHUNK):
    picked = list(
        Notification.objects.due(now).order_by("due_at", "pk").values_list("pk", flat=True)[:limit]
    )
    Notification.objects.filter(pk__in=picked).update(status=S.SENDING, claimed_at=now)
    return list(Notification.objects.filter(pk__in=picked))


def test_without_the_locked_claim_two_passes_send_some_rows_twice(
    monkeypatch, pause_between_read_and_claim
):
    monkeypatch.setattr(dispatch, "claim", naive_claim)
    NotificationFactory.create_batch(30, due_at=NOW)

    in_threads(2, lambda: dispatch.dispatch_due(now=NOW))

    assert max(emails_per_row().values()) == 2


def test_two_passes_paused_mid_claim_still_send_every_row_once(pause_between_read_and_claim):
    NotificationFactory.create_batch(30, due_at=NOW)

    sent = in_threads(2, lambda: dispatch.dispatch_due(now=NOW))

    assert sum(sent) == 30
    assert all(count > 0 for count in sent)  # both passes really worked
    assert set(emails_per_row().values()) == {1}
    assert len(emails_per_row()) == 30


def test_four_passes_racing_over_many_rows_send_every_row_exactly_once():
    rows = NotificationFactory.create_batch(400, due_at=NOW)

    sent = in_threads(4, lambda: dispatch.dispatch_due(now=NOW))

    assert sum(sent) == 400
    per_row = emails_per_row()
    assert len(per_row) == 400
    assert set(per_row.values()) == {1}
    assert set(Notification.objects.values_list("status", flat=True)) == {S.SENT}
    assert {m.to[0] for m in mail.outbox} == {r.to_email for r in rows}


def test_the_same_row_handed_to_three_workers_at_once_sends_one_email():
    row = NotificationFactory(due_at=NOW)

    results = in_threads(3, lambda: dispatch.send_one(notification_id=row.pk, now=NOW))

    assert sorted(results) == [False, False, True]
    assert len(mail.outbox) == 1


def test_the_same_batch_handed_to_three_workers_at_once_sends_each_row_once():
    ids = [n.pk for n in NotificationFactory.create_batch(60, due_at=NOW)]

    in_threads(3, lambda: dispatch.send_batch(notification_ids=ids, now=NOW))

    assert len(mail.outbox) == 60
    assert set(emails_per_row().values()) == {1}
