"""Sending due notifications exactly once.

A pass claims due rows a few at a time: one short transaction moves them from `pending` to
`sending` (rows locked by a rival pass are skipped), then commits. Only then are they
rendered and sent, over one SMTP connection for the whole pass, and each row is marked as
soon as its email is accepted. Two passes racing never own the same row, and handing the
same ids to a worker three times sends one email, because the claim is the only way in.

A crash between the claim and the mark leaves the row in `sending`. It is shown to staff as
stuck and never resent on its own: a late email can be retried, a duplicate cannot be undone.
Claiming small chunks keeps the rows a killed worker strands to a handful.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import smtplib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from groups_site.log_filters import mask_addresses

from .models import Notification
from .registry import UnknownKind, renderer_for

logger = logging.getLogger(__name__)
S = Notification.Status

# Rows claimed per transaction: the most a worker killed mid-chunk can leave stuck.
CLAIM_CHUNK = 10
# Ids per send_batch task when the periodic task fans a backlog out to the worker pool.
BATCH_SIZE = 250
MAX_ATTEMPTS = 5
FIRST_RETRY_GAP = timedelta(seconds=90)
MAX_RETRY_GAP = timedelta(minutes=10)

NO_RENDERER = "No renderer is registered for this kind."
RENDER_FAILED = "The message could not be written: {error}"
NOTHING_TO_SEND = "Nothing to send any more (its cause went away)."
SERVER_UNAVAILABLE = "Not tried: the mail server was unavailable in this pass."


def retry_gap(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failed try: 90 s, 3 min, 6 min, then 10 min at most."""
    return min(MAX_RETRY_GAP, FIRST_RETRY_GAP * 2 ** max(attempts - 1, 0))


def is_temporary(exc: BaseException) -> bool:
    """Would the same email likely go through later? SMTP says so with a 4xx code."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    # Disconnects, refused or timed-out connections, DNS trouble: the server, not the email.
    return isinstance(exc, smtplib.SMTPException | OSError)


def describe(exc: BaseException, *, to_email: str = "") -> str:
    """The failure for staff and logs, with any email address masked: servers often quote the
    recipient, and the admin list deliberately shows addresses masked. The row's own address
    is masked literally, whatever characters it holds (quotes, braces, plus signs, unicode)."""
    return mask_addresses(_describe(exc), to_email)[:500]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(
            f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for code, msg in exc.recipients.values()
        )
        return f"Recipient refused: {detail}"[:500]
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error
        text = msg.decode(errors="replace") if isinstance(msg, bytes) else str(msg)
        return f"{type(exc).__name__}: {exc.smtp_code} {text}"[:500]
    return f"{type(exc).__name__}: {exc}"[:500]


@dataclass
class PassResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    server_down: bool = False
    errors: list[str] = field(default_factory=list)

    def __iadd__(self, other: PassResult) -> PassResult:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.cancelled += other.cancelled
        self.server_down = self.server_down or other.server_down
        self.errors += other.errors
        return self


class ServerUnavailable(Exception):
    """Opening the connection failed: no row is to blame, the whole pass stops."""


class _Mailer:
    """One connection per pass, opened on the first email and reopened after a drop."""

    def __init__(self) -> None:
        self.connection = get_connection()
        self.is_open = False
        self.sent_on_connection = 0

    def _open(self) -> None:
        try:
            self.connection.open()
        except Exception as exc:
            self.close()
            raise ServerUnavailable(describe(exc)) from exc
        self.is_open = True
        self.sent_on_connection = 0

    def send(self, message: EmailMultiAlternatives) -> None:
        if not self.is_open:
            self._open()
        message.connection = self.connection
        try:
            message.send()
        except smtplib.SMTPServerDisconnected:
            # A connection that already carried mail was most likely closed by the server
            # (idle timeout or a per-connection limit) before this message began: reconnect
            # once. A fresh connection that drops is a real failure.
            self.close()
            if not self.sent_on_connection:
                raise
            self._open()
            message.send()
        except (OSError, smtplib.SMTPException) as exc:
            if not isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
                self.close()  # the socket is in an unknown state; never reuse it
            raise
        self.sent_on_connection += 1

    def close(self) -> None:
        if self.is_open:
            # Closing a broken connection may fail too; it is being dropped either way.
            with contextlib.suppress(Exception):
                self.connection.close()
        self.is_open = False


def message_id(notification: Notification) -> str:
    """The same Message-ID every time a row is sent, so a mail system can drop a repeat."""
    digest = hashlib.sha256(notification.key.encode()).hexdigest()[:12]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<notification.{notification.pk}.{digest}@{domain}>"


def build_message(notification: Notification, content) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=content.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to_email],  # one recipient per message, never a list of clients
        headers={"Message-ID": message_id(notification)},
    )
    if content.language:
        message.extra_headers["Content-Language"] = content.language
    if content.html:
        message.attach_alternative(content.html, "text/html")
    for filename, data, mimetype in content.attachments:
        message.attach(filename, data, mimetype)
    return message


def _mark(notification: Notification, *, status: str, **fields) -> None:
    # Conditional on `sending`: staff cannot have moved it meanwhile (only stuck rows are
    # theirs to touch), but a mark must never resurrect a row someone else settled.
    Notification.objects.filter(pk=notification.pk, status=S.SENDING).move_to(status, **fields)


def _after_temporary_failure(notification: Notification, error: str, now: datetime) -> str:
    attempts = notification.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        _mark(notification, status=S.FAILED, attempts=attempts, last_error=error)
        return S.FAILED
    _mark(
        notification,
        status=S.PENDING,
        attempts=attempts,
        last_error=error,
        due_at=now + retry_gap(attempts),
        claimed_at=None,
    )
    return S.PENDING


def _deliver(notification: Notification, mailer: _Mailer, now: datetime) -> str:
    """Send one claimed row and record the outcome; returns the row's new status."""
    try:
        renderer = renderer_for(notification.kind)
    except UnknownKind:
        _mark(notification, status=S.FAILED, attempts=F("attempts") + 1, last_error=NO_RENDERER)
        return S.FAILED
    try:
        content = renderer(notification)
    except Exception as exc:
        logger.exception(
            "Rendering notification %s (%s) failed", notification.pk, notification.kind
        )
        error = RENDER_FAILED.format(error=type(exc).__name__)
        _mark(notification, status=S.FAILED, attempts=F("attempts") + 1, last_error=error)
        return S.FAILED
    if content is None:
        _mark(notification, status=S.CANCELLED, last_error=NOTHING_TO_SEND)
        return S.CANCELLED
    try:
        mailer.send(build_message(notification, content))
    except ServerUnavailable:
        raise
    except Exception as exc:
        error = describe(exc, to_email=notification.to_email)
        logger.warning("Notification %s not sent: %s", notification.pk, error)
        if is_temporary(exc):
            return _after_temporary_failure(notification, error, now)
        _mark(notification, status=S.FAILED, attempts=F("attempts") + 1, last_error=error)
        return S.FAILED
    _mark(notification, status=S.SENT, attempts=F("attempts") + 1, sent_at=timezone.now())
    return S.SENT


def claim(*, now: datetime, ids: Iterable[int] | None = None, limit: int = CLAIM_CHUNK):
    """Move up to `limit` due rows (among `ids`, if given) to sending; returns them.

    The rows are locked and skipped by rival passes (PostgreSQL); on SQLite the transaction
    takes the write lock at BEGIN, so passes simply queue. Either way, a row is returned by
    exactly one claim.
    """
    with transaction.atomic():
        qs = Notification.objects.due(now)
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        rows = list(qs.select_for_update(skip_locked=True).order_by("due_at", "pk")[:limit])
        # The clock, not the pass's `now`: each chunk gets its own stamp, which is how staff
        # can tell after a crash which stuck row was on the wire (see querysets.with_crash_hint).
        claimed_at = timezone.now()
        if rows:
            Notification.objects.filter(pk__in=[r.pk for r in rows]).move_to(
                S.SENDING, claimed_at=claimed_at
            )
    for row in rows:
        row.status, row.claimed_at = S.SENDING, claimed_at
    return rows


def _run(next_chunk: Callable[[], list[Notification]], now: datetime) -> PassResult:
    result = PassResult()
    mailer = _Mailer()
    try:
        while chunk := next_chunk():
            if not _send_chunk(chunk, mailer, now, result):
                break
    finally:
        mailer.close()
    return result


def _send_chunk(chunk: list[Notification], mailer: _Mailer, now: datetime, result) -> bool:
    """Send a claimed chunk in order; False when the mail server is down (stop the pass)."""
    for index, notification in enumerate(chunk):
        try:
            outcome = _deliver(notification, mailer, now)
        except ServerUnavailable as exc:
            # Every row of this chunk counts a try and waits; the rest stay pending for the
            # next pass instead of each knocking on a closed door.
            logger.warning("Mail server unavailable: %s", exc)
            for row in chunk[index:]:
                _after_temporary_failure(row, f"{SERVER_UNAVAILABLE} {exc}"[:500], now)
            result.retrying += len(chunk) - index
            result.server_down = True
            result.errors.append(str(exc))
            return False
        if outcome == S.SENT:
            result.sent += 1
        elif outcome == S.PENDING:
            result.retrying += 1
        elif outcome == S.FAILED:
            result.failed += 1
        else:
            result.cancelled += 1
    return True


def dispatch_due(*, now: datetime | None = None) -> int:
    """One pass over everything due, sent from this process; returns how many went out."""
    now = now or timezone.now()
    return _run(lambda: claim(now=now), now).sent


def dispatch_pass(*, now: datetime | None = None) -> PassResult:
    """Like dispatch_due, with the whole tally (the management command prints it)."""
    now = now or timezone.now()
    return _run(lambda: claim(now=now), now)


def send_batch(*, notification_ids: list[int], now: datetime | None = None) -> PassResult:
    """Send those of these rows that are still pending and due; any others are skipped.

    Safe to run twice, or in two workers at once, with the same ids: each row is claimed once.
    """
    now = now or timezone.now()
    remaining = iter(_chunks(notification_ids, CLAIM_CHUNK))

    def next_chunk() -> list[Notification]:
        for ids in remaining:
            if claimed := claim(now=now, ids=ids):
                return claimed
        return []

    return _run(next_chunk, now)


def send_one(*, notification_id: int, now: datetime | None = None) -> bool:
    """Send one row if it is still pending and due; True when this call sent it."""
    return send_batch(notification_ids=[notification_id], now=now).sent == 1


def due_batches(*, now: datetime | None = None, size: int | None = None) -> list[list[int]]:
    """Ids of due rows, in batches for send_batch tasks (nothing is claimed here)."""
    now = now or timezone.now()
    size = size or BATCH_SIZE
    ids = list(Notification.objects.due(now).order_by("due_at", "pk").values_list("pk", flat=True))
    return list(_chunks(ids, size))


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
