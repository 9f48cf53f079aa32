"""Self-service links and email addresses never reach a log line, from whatever logger."""

import io
import logging
from contextlib import contextmanager

import pytest
from django.test import Client as HttpClient

from consultations.links import manage_token as consultation_token
from enrollment.links import manage_token as enrollment_token
from groups_site.log_filters import RedactFilter, redact
from tests.factories import ConsultationFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@contextmanager
def site_log():
    """What the site's own handlers write (their formatting and filters), as one string."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactFilter) for f in h.filters)
    ]
    assert handlers, "the root logger has no redacting handler"
    out = io.StringIO()
    previous = [h.setStream(out) for h in handlers]
    try:
        yield out
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


def test_the_404_of_a_left_places_calendar_file_logs_no_token(client, caplog):
    enrollment = EnrollmentFactory(withdrawn=True)
    token = enrollment_token(enrollment.pk)

    with site_log() as out, caplog.at_level(logging.WARNING):
        response = client.get(f"/enroll/mine/{token}/calendar.ics")

    assert response.status_code == 404
    assert "Not Found: /enroll/mine/<token>/calendar.ics" in out.getvalue()
    assert token not in out.getvalue()
    assert token not in caplog.text
    assert "/enroll/mine/<token>/calendar.ics" in caplog.text


def test_the_404_of_a_cancelled_calls_calendar_file_logs_no_token(client, caplog):
    consultation = ConsultationFactory(status="cancelled")
    token = consultation_token(consultation.pk)

    with site_log() as out, caplog.at_level(logging.WARNING):
        response = client.get(f"/consultation/c/{token}/calendar.ics")

    assert response.status_code == 404
    assert token not in out.getvalue() + caplog.text
    assert "/consultation/c/<token>/calendar.ics" in out.getvalue()


def test_a_500_on_a_self_service_page_logs_no_token_in_the_line_or_the_traceback(
    caplog, monkeypatch
):
    consultation = ConsultationFactory()
    token = consultation_token(consultation.pk)

    def broken(*args, **kwargs):
        raise RuntimeError(f"could not draw the file for /consultation/c/{token}/")

    monkeypatch.setattr("consultations.views.consultation_ics", broken)
    browser = HttpClient(raise_request_exception=False)

    with site_log() as out, caplog.at_level(logging.ERROR):
        response = browser.get(f"/consultation/c/{token}/calendar.ics")

    assert response.status_code == 500
    written = out.getvalue()
    assert "Internal Server Error: /consultation/c/<token>/calendar.ics" in written
    assert "RuntimeError" in written  # the traceback is still there, just redacted
    assert token not in written
    assert token not in caplog.text


def test_a_csrf_refusal_on_a_self_service_page_logs_no_token():
    enrollment = EnrollmentFactory()
    token = enrollment_token(enrollment.pk)
    browser = HttpClient(enforce_csrf_checks=True)

    with site_log() as out:
        response = browser.post(f"/enroll/mine/{token}/", {"action": "withdraw"})

    assert response.status_code == 403
    assert "Forbidden" in out.getvalue()
    assert token not in out.getvalue()


@pytest.mark.parametrize("prefix", ["/portal/feed/", "/enroll/confirm/"])
def test_a_dead_feed_or_confirmation_address_logs_no_token(client, caplog, prefix):
    token = "Zq8-sV3kLm0_revoked-feed-token-0123456789ab"

    with site_log() as out:
        response = client.get(f"{prefix}{token}.ics" if "feed" in prefix else f"{prefix}{token}/")

    assert response.status_code == 404
    assert token not in out.getvalue()
    assert token not in caplog.text


def test_a_celery_worker_starting_its_logging_keeps_the_redacting_handler():
    from groups_site.celery import app

    def redacting():
        return [
            h
            for h in logging.getLogger().handlers
            if any(isinstance(f, RedactFilter) for f in h.filters)
        ]

    before = redacting()
    app.log.already_setup = False
    app.log.setup(loglevel="INFO")  # what `celery worker` does as it starts

    assert before and redacting() == before


def test_any_logger_has_tokens_and_addresses_redacted_by_the_site_handler():
    token = enrollment_token(7)

    with site_log() as out:
        logging.getLogger("celery.worker").warning(
            "retrying %s for %s", f"https://x.example/enroll/mine/{token}/", "o'brien@x.example"
        )

    assert token not in out.getvalue()
    assert "o'brien" not in out.getvalue()
    assert "retrying https://x.example/enroll/mine/<token>/ for <address>" in out.getvalue()


@pytest.mark.parametrize(
    "address",
    [
        "ana.rivera@mail.example",
        "ana+groups@mail.example",
        '"ana rivera"@mail.example',
        "{ana}@mail.example",
        "o'brien&co@mail.example",
        "josé.núñez@correo.example",
        "ana@xn--bcher-kva.example",
    ],
)
def test_redaction_masks_an_address_whatever_characters_it_holds(address):
    text = redact(f"550 5.1.1 <{address}>: unknown; to {address}, bye")

    assert "@" not in text
    assert text == "550 5.1.1 <<address>>: unknown; to <address>, bye"


def test_a_signed_token_outside_a_known_path_is_redacted_too():
    token = consultation_token(42)

    assert redact(f"Referer: https://x.example/somewhere?next={token}") == (
        "Referer: https://x.example/somewhere?next=<token>"
    )
