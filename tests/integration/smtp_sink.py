"""A real SMTP server on loopback that keeps what it receives: the far end of every send.

Used by the dispatch tests (to see real smtplib errors), the Celery integration test and the
reminders benchmark. It counts connections, can refuse chosen recipients with any reply,
and can be slowed down so a test can kill a worker while mail is still flowing.
"""

from __future__ import annotations

import collections
import socket
import threading
import time
from email.parser import HeaderParser
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.sink.lock:
            self.sink.connections += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.sink.refuse.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            time.sleep(self.sink.delay)  # blocks the sink's loop on purpose: a slow server
        # Only the headers are parsed: the sink must stay cheaper than the sender it measures.
        headers = envelope.content.split(b"\r\n\r\n", 1)[0]
        message = HeaderParser(policy=default_policy).parsestr(headers.decode(errors="replace"))
        with self.sink.lock:
            self.sink.messages.append(
                {
                    "message_id": str(message["Message-ID"]),
                    "to": list(envelope.rcpt_tos),
                    "subject": str(message["Subject"]),
                    "content": envelope.content,
                }
            )
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.messages: list[dict] = []
        self.connections = 0
        self.refuse: dict[str, str] = {}  # address -> reply, e.g. "550 5.1.1 No such user"
        self.port = free_port()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def per_message_id(self) -> collections.Counter:
        with self.lock:
            return collections.Counter(m["message_id"] for m in self.messages)

    def per_notification(self) -> collections.Counter:
        """How many times each notification row arrived, by the id in its Message-ID."""
        return collections.Counter(
            int(message_id.split(".")[1])
            for message_id, n in self.per_message_id().items()
            for _ in range(n)
        )

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.05)
        return self.count() >= count
