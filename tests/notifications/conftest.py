import pytest

from notifications import registry
from notifications.registry import EmailContent
from tests.integration.smtp_sink import SmtpSink


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback, with Django's SMTP backend pointed at it."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def register_kind(monkeypatch):
    """Register a renderer for the length of one test."""

    def register(kind, renderer=None):
        def plain(notification):
            return EmailContent(subject="A plain subject", text="A plain body.")

        monkeypatch.setitem(registry._renderers, kind, renderer or plain)

    return register
