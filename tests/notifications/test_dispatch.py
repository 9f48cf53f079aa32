import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from notifications import dispatch, tasks
from notifications.dispatch import (
    NO_RENDERER,
    NOTHING_TO_SEND,
    SERVER_UNAVAILABLE,
    dispatch_due,
    message_id,
    send_batch,
    send_one,
)
from notifications.models import Notification
from tests.factories import NotificationFactory
from tests.integration.smtp_sink import free_port
from tests.notifications.backends import FlakyBackend

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)
S = Notification.Status


def due(**fields):
    return NotificationFactory(due_at=NOW - dt.timedelta(minutes=1), **fields)


def test_a_due_row_is_sent_once_and_marked_sent():
    row = due(to_email="ana@mail.example")

    assert dispatch_due(now=NOW) == 1

    row.refresh_from_db()
    assert row.status == S.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    assert [m.to for m in mail.outbox] == [["ana@mail.example"]]


def test_a_second_pass_sends_nothing_again():
    due()
    dispatch_due(now=NOW)
    dispatch_due(now=NOW + dt.timedelta(minutes=1))

    assert len(mail.outbox) == 1


def test_a_row_not_due_yet_waits():
    row = NotificationFactory(due_at=NOW + dt.timedelta(minutes=5))

    assert dispatch_due(now=NOW) == 0

    row.refresh_from_db()
    assert row.status == S.PENDING
    assert mail.outbox == []


def test_cancelled_failed_and_sent_rows_are_not_sent():
    due(cancelled=True)
    due(failed=True)
    due(sent=True)

    assert dispatch_due(now=NOW) == 0
    assert mail.outbox == []


def test_a_row_stuck_in_sending_is_never_resent_on_its_own():
    row = due(stuck=True)

    dispatch_due(now=NOW + dt.timedelta(days=1))

    row.refresh_from_db()
    assert row.status == S.SENDING
    assert mail.outbox == []


def test_the_staff_test_email_says_only_that_it_is_a_test(settings):
    due(to_email="dana@practice.example")

    dispatch_due(now=NOW)

    (message,) = mail.outbox
    assert message.subject == f"Test message from {settings.PRACTICE_NAME}"
    assert "test message" in message.body
    assert "dana@" not in message.body
    assert "test message" in message.alternatives[0][0]


def test_every_email_has_one_recipient_and_the_rows_own_message_id():
    rows = [due(), due()]

    dispatch_due(now=NOW)

    assert [m.to for m in mail.outbox] == [[r.to_email] for r in rows]
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id(r) for r in rows]
    assert message_id(rows[0]) != message_id(rows[1])


def test_one_smtp_connection_carries_a_whole_pass(smtp_sink):
    for _ in range(25):
        due()

    assert dispatch_due(now=NOW) == 25

    assert smtp_sink.count() == 25
    assert smtp_sink.connections == 1


def test_nothing_due_opens_no_connection(smtp_sink):
    dispatch_due(now=NOW)

    assert smtp_sink.connections == 0


def test_a_temporary_refusal_goes_back_to_pending_for_later(smtp_sink):
    smtp_sink.refuse["ana@mail.example"] = "451 4.3.0 Mailbox busy, try again later"
    row = due(to_email="ana@mail.example")
    other = due()

    dispatch_due(now=NOW)

    row.refresh_from_db()
    assert row.status == S.PENDING
    assert row.attempts == 1
    assert row.due_at == NOW + dt.timedelta(seconds=90)
    assert "451" in row.last_error
    assert Notification.objects.get(pk=other.pk).status == S.SENT


def test_temporary_failures_retry_with_growing_gaps_then_fail_after_five_tries(smtp_sink):
    smtp_sink.refuse["ana@mail.example"] = "451 4.3.0 Try again later"
    row = due(to_email="ana@mail.example")
    now, gaps = NOW, []

    for _ in range(dispatch.MAX_ATTEMPTS):
        dispatch_due(now=now)
        row.refresh_from_db()
        if row.status == S.PENDING:
            # A pass just before the new due time leaves it alone.
            dispatch_due(now=row.due_at - dt.timedelta(seconds=1))
            assert Notification.objects.get(pk=row.pk).attempts == len(gaps) + 1
            gaps.append(row.due_at - now)
            now = row.due_at

    minutes = [gap.total_seconds() / 60 for gap in gaps]
    assert minutes == [1.5, 3, 6, 10]
    assert row.status == S.FAILED
    assert row.attempts == 5
    assert "451 4.3.0 Try again later" in row.last_error
    assert smtp_sink.count() == 0


def test_the_gap_between_tries_never_passes_ten_minutes():
    assert max(dispatch.retry_gap(n) for n in range(1, 30)) == dt.timedelta(minutes=10)


def test_a_permanent_refusal_fails_at_once_and_the_pass_goes_on(smtp_sink):
    smtp_sink.refuse["gone@mail.example"] = "550 5.1.1 No such user here"
    refused = due(to_email="gone@mail.example")
    fine = due()

    dispatch_due(now=NOW)

    refused.refresh_from_db()
    assert refused.status == S.FAILED
    assert refused.attempts == 1
    assert refused.last_error == "Recipient refused: 550 5.1.1 No such user here"
    assert Notification.objects.get(pk=fine.pk).status == S.SENT
    assert smtp_sink.count() == 1
    assert smtp_sink.connections == 1


def test_a_mail_server_that_is_down_costs_one_try_and_stops_the_pass(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    rows = [due() for _ in range(dispatch.CLAIM_CHUNK + 5)]

    result = dispatch.dispatch_pass(now=NOW)

    assert result.server_down
    tried = Notification.objects.filter(pk__in=[r.pk for r in rows[: dispatch.CLAIM_CHUNK]])
    untouched = Notification.objects.filter(pk__in=[r.pk for r in rows[dispatch.CLAIM_CHUNK :]])
    assert {(n.status, n.attempts, n.due_at) for n in tried} == {
        (S.PENDING, 1, NOW + dt.timedelta(seconds=90))
    }
    assert all(n.last_error.startswith(SERVER_UNAVAILABLE) for n in tried)
    assert {(n.status, n.attempts) for n in untouched} == {(S.PENDING, 0)}


def test_a_connection_the_server_dropped_is_reopened_without_costing_a_try(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.sends, FlakyBackend.opens = 0, 0
    FlakyBackend.failures = {2: smtplib.SMTPServerDisconnected("Connection unexpectedly closed")}
    rows = [due() for _ in range(3)]

    assert dispatch_due(now=NOW) == 3

    assert FlakyBackend.opens == 2
    assert {
        (n.status, n.attempts) for n in Notification.objects.filter(pk__in=[r.pk for r in rows])
    } == {(S.SENT, 1)}


def test_a_renderer_returning_none_cancels_the_row(register_kind):
    register_kind("cause_gone", lambda notification: None)
    row = due(kind="cause_gone")

    dispatch_due(now=NOW)

    row.refresh_from_db()
    assert row.status == S.CANCELLED
    assert row.last_error == NOTHING_TO_SEND
    assert mail.outbox == []


def test_a_renderer_that_breaks_fails_its_row_and_the_others_still_go(register_kind):
    def broken(notification):
        raise AttributeError("'NoneType' object has no attribute 'starts_at'")

    register_kind("broken", broken)
    row = due(kind="broken")
    due()

    assert dispatch_due(now=NOW) == 1

    row.refresh_from_db()
    assert row.status == S.FAILED
    assert "AttributeError" in row.last_error


def test_a_kind_nobody_registered_fails_with_a_clear_error():
    row = due(kind="no_such_kind")

    dispatch_due(now=NOW)

    row.refresh_from_db()
    assert (row.status, row.last_error) == (S.FAILED, NO_RENDERER)


def test_the_same_row_handed_to_a_worker_three_times_sends_one_email():
    row = due()

    results = [send_one(notification_id=row.pk, now=NOW) for _ in range(3)]

    assert results == [True, False, False]
    assert len(mail.outbox) == 1


def test_the_same_batch_sent_twice_sends_each_row_once():
    ids = [due().pk for _ in range(12)]

    first = send_batch(notification_ids=ids, now=NOW)
    second = send_batch(notification_ids=ids, now=NOW)

    assert (first.sent, second.sent) == (12, 0)
    assert len(mail.outbox) == 12


def test_a_batch_skips_rows_not_due_yet():
    later = NotificationFactory(due_at=NOW + dt.timedelta(hours=1))

    assert send_batch(notification_ids=[later.pk], now=NOW).sent == 0
    assert Notification.objects.get(pk=later.pk).status == S.PENDING


def test_the_periodic_task_spreads_a_backlog_over_batches_and_sends_all(monkeypatch):
    monkeypatch.setattr(dispatch, "BATCH_SIZE", 4)
    rows = [NotificationFactory() for _ in range(10)]

    tasks.dispatch_due.delay()  # eager in tests: the queued batches run inline

    assert len(mail.outbox) == 10
    assert set(Notification.objects.values_list("status", flat=True)) == {S.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.to_email for r in rows)


def test_the_management_command_runs_one_pass_and_says_what_happened(register_kind):
    register_kind("cause_gone", lambda notification: None)
    NotificationFactory()
    NotificationFactory()
    NotificationFactory(kind="cause_gone")
    out = StringIO()

    call_command("dispatch_notifications", stdout=out)

    assert out.getvalue().strip() == "sent 2, retrying later 0, failed 0, cancelled 1"
    assert len(mail.outbox) == 2


def test_a_refusal_that_quotes_the_address_is_stored_with_the_address_masked():
    import smtplib

    from notifications.dispatch import describe

    refusal = smtplib.SMTPRecipientsRefused(
        {"ana.rivera@mail.example": (550, b"5.1.1 <ana.rivera@mail.example>: no such user")}
    )

    text = describe(refusal)

    assert text == "Recipient refused: 550 5.1.1 <<address>>: no such user"
    assert "ana.rivera" not in text
