"""Staff sessions end when idle or old; visitors' sessions hold nothing about them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command

from security.tasks import clear_sessions

from .conftest import OFFICE, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 8, 9, 45, tzinfo=UTC)


@pytest.fixture
def clock(time_machine, settings):
    settings.STAFF_SESSION_TOUCH_SECONDS = 60  # production's step, not the tests' hour
    time_machine.move_to(T0, tick=False)
    return time_machine


def test_a_staff_session_ends_after_thirty_minutes_without_a_request(client, dana, clock):
    sign_in(client, "dana", PASSWORD, address=OFFICE)
    clock.shift(timedelta(minutes=29))
    assert client.get("/therapist/").status_code == 200

    clock.shift(timedelta(minutes=29))  # 58 minutes in, but never idle for 30
    assert client.get("/therapist/").status_code == 200

    clock.shift(timedelta(minutes=31))
    response = client.get("/therapist/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/therapist/"
    assert "_auth_user_id" not in client.session


def test_a_staff_session_ends_twelve_hours_after_sign_in_even_when_busy(client, dana, clock):
    sign_in(client, "dana", PASSWORD, address=OFFICE)
    for _ in range(11 * 4 + 3):  # a request every 15 minutes, for 11 h 45 min
        clock.shift(timedelta(minutes=15))
        assert client.get("/therapist/").status_code == 200

    clock.shift(timedelta(minutes=16))
    response = client.get("/therapist/")

    assert response.status_code == 302
    assert (
        "signed out to keep client records safe" in client.get("/accounts/login/").content.decode()
    )


def test_the_session_cookie_lasts_no_longer_than_the_longest_session():
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_MAX_HOURS * 3600 == 12 * 3600


def test_an_intake_request_leaves_no_session_row_and_names_nobody_in_cookies(client):
    from clients.models import Lead

    answers = {
        "first_name": "Noor",
        "last_name": "Haddad",
        "email": "noor@mail.example",
        "phone": "951-555-0123",
        "preferred_contact": "phone",
        "state": "CA",
        "interest": "couples",
        "crisis": "yes",
    }
    response = client.post("/get-started/", answers)
    thanks = client.get("/get-started/thanks/")

    assert response.status_code == 302
    assert "Thank you, Noor" in thanks.content.decode()
    assert "988" in thanks.content.decode()
    assert Lead.objects.get().is_urgent
    assert not Session.objects.exists()
    cookies = " ".join(morsel.value for morsel in client.cookies.values())
    assert "Noor" not in cookies and "noor" not in cookies.lower()


def test_someone_typing_another_persons_email_is_not_greeted_with_their_name(client):
    from tests.factories import ClientFactory

    ClientFactory(email="noor@mail.example", first_name="Noor")
    answers = {
        "first_name": "Mallory",
        "email": "noor@mail.example",
        "preferred_contact": "email",
        "state": "CA",
        "interest": "couples",
        "crisis": "no",
    }
    client.post("/get-started/", answers)

    page = client.get("/get-started/thanks/").content.decode()

    assert "Thank you</h1>" in page
    assert "Noor" not in page


def test_a_forged_thank_you_cookie_shows_nothing(client):
    client.cookies["intake_done"] = "eyJsZWFkIjoxfQ:forged:signature"

    response = client.get("/get-started/thanks/")

    assert response["Location"] == "/get-started/"


def test_expired_sessions_are_cleared_by_the_weekly_task(client, dana, clock):
    sign_in(client, "dana", PASSWORD, address=OFFICE)
    assert Session.objects.count() == 1

    clock.shift(timedelta(hours=13))
    clear_sessions.delay()

    assert not Session.objects.exists()
    schedule = settings.CELERY_BEAT_SCHEDULE["clear-sessions"]
    assert schedule["task"] == "security.tasks.clear_sessions"
    assert schedule["schedule"] == timedelta(days=7)
    call_command("clearsessions")  # its by-hand twin
