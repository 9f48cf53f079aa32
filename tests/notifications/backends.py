"""An in-memory email backend that fails on chosen sends, like a flaky mail server."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class FlakyBackend(BaseEmailBackend):
    failures: dict[int, Exception] = {}  # send number (1-based) -> what that send raises
    sends = 0
    opens = 0

    def open(self):
        type(self).opens += 1
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        type(self).sends += 1
        if error := self.failures.get(self.sends):
            raise error
        mail.outbox.extend(messages)
        return len(messages)
