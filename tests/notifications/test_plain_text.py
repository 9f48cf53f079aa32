"""Plain-text email reads as typed; addresses stay masked in last_error and the log."""

import datetime as dt
import smtplib

import pytest
from django.core import mail

from clients.services import lead_intake_create
from notifications.dispatch import dispatch_due
from notifications.models import Notification
from tests.factories import NotificationFactory
from tests.notifications.backends import FlakyBackend
from tests.security.test_log_redaction import site_log

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)


def test_a_plain_text_email_shows_an_apostrophe_and_an_ampersand_as_typed(settings):
    settings.PRACTICE_NAME = "Smith & Jones Counseling"
    lead_intake_create(first_name="O'Brien & Co", email="obrien@mail.example", now=NOW)

    dispatch_due(now=NOW + dt.timedelta(minutes=1))

    received = next(m for m in mail.outbox if m.to == ["obrien@mail.example"])
    assert "Hi O'Brien & Co," in received.body
    assert "Smith & Jones Counseling" in received.body
    assert "&#x27;" not in received.body and "&amp;" not in received.body
    (html, _) = received.alternatives[0]
    assert "O&#x27;Brien &amp; Co" in html  # the HTML part stays escaped


ODD_ADDRESSES = [
    '"ana rivera"@mail.example',
    "{ana}@mail.example",
    "ana+groups@mail.example",
    "o'brien@mail.example",
    "josé@correo.example",
    "a=b/c!d#e$f%g&h*i?j^k`l|m~n@mail.example",
]


@pytest.mark.parametrize("address", ODD_ADDRESSES)
def test_a_refused_address_stays_masked_in_last_error_and_the_log(settings, address):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.sends, FlakyBackend.opens = 0, 0
    FlakyBackend.failures = {
        1: smtplib.SMTPRecipientsRefused(
            {address: (550, f"5.1.1 <{address}>: no mailbox; {address} unknown".encode())}
        )
    }
    row = NotificationFactory(to_email=address, due_at=NOW - dt.timedelta(minutes=1))

    with site_log() as out:
        dispatch_due(now=NOW)

    row.refresh_from_db()
    local = address.split("@")[0]
    assert row.status == Notification.Status.FAILED
    assert "@" not in row.last_error and local not in row.last_error
    assert row.last_error.startswith("Recipient refused: 550 5.1.1 <<address>>")
    assert "@" not in out.getvalue() and local not in out.getvalue()
    assert f"Notification {row.pk} not sent" in out.getvalue()


def test_an_address_in_a_logged_traceback_is_masked(register_kind):
    def broken(notification):
        raise ValueError(f"cannot write to {notification.to_email}")

    register_kind("broken_kind", broken)
    NotificationFactory(
        kind="broken_kind", to_email='"x y"@mail.example', due_at=NOW - dt.timedelta(minutes=1)
    )

    with site_log() as out:
        dispatch_due(now=NOW)

    assert "ValueError: cannot write to <address>" in out.getvalue()
    assert "x y" not in out.getvalue()


def test_staff_search_emails_by_address_without_it_reaching_the_url(client, coordinator):
    NotificationFactory(to_email="findme@mail.example", kind="lead_received")
    NotificationFactory(to_email="other@mail.example", kind="consultation_reminder")
    client.force_login(coordinator)

    posted = client.post(
        "/staff/notifications/notification/", {"_search": "1", "q": "findme@mail.example"}
    )
    page = client.get(posted.url)

    assert posted.status_code == 302 and "findme" not in posted.url
    assert [n.kind for n in page.context["cl"].result_list] == ["lead_received"]
