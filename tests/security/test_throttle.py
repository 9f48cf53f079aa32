"""Throttles on public POSTs: per address and per email typed, counted in the shared cache."""

import html
import re

import pytest
from django.core import mail
from django.test import Client

from clients.models import Lead
from notifications.models import Notification
from security.throttle import rate, throttle_hit
from tests.races import race

from .conftest import ATTACKER, OFFICE, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

URL = "/get-started/"


def answers(**overrides) -> dict:
    data = {
        "first_name": "Noor",
        "email": "noor@mail.example",
        "preferred_contact": "email",
        "state": "CA",
        "interest": "couples",
        "crisis": "no",
    }
    return {**data, **overrides}


def post(address: str, **overrides):
    return Client().post(URL, answers(**overrides), REMOTE_ADDR=address)


def test_the_limits_are_settings_with_sensible_defaults(settings):
    assert rate("intake").count == 5 and rate("intake").seconds == 3600
    assert rate("intake_email").count == 3 and rate("intake_email").seconds == 86400
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "intake": "2/10m"}
    assert (rate("intake").count, rate("intake").seconds) == (2, 600)


def test_one_address_gets_five_intake_requests_an_hour_then_a_calm_429(throttles_on):
    codes = [post(ATTACKER, email=f"person{i}@mail.example").status_code for i in range(7)]

    assert codes == [302] * 5 + [429] * 2
    assert Lead.objects.count() == 5
    assert post(OFFICE, email="someone@mail.example").status_code == 302  # others are served


def test_the_429_page_says_when_to_try_again_and_gives_the_phone_number(throttles_on, settings):
    for i in range(5):
        post(ATTACKER, email=f"person{i}@mail.example")

    response = post(ATTACKER, email="late@mail.example")

    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 0 < seconds <= 3600
    page = html.unescape(response.content.decode())
    assert "try again in about" in page
    assert re.search(r"after \d{1,2}:\d\d [AP]M Pacific time", page)
    assert settings.PRACTICE_PHONE in page
    assert 'class="site-header"' in page  # the site's own layout
    assert "late@mail.example" not in page


def test_a_refused_request_saves_nothing_and_sends_nothing(throttles_on, mailoutbox):
    for i in range(5):
        post(ATTACKER, email=f"person{i}@mail.example")
    leads, rows = Lead.objects.count(), Notification.objects.count()

    post(ATTACKER, email="late@mail.example", crisis="yes")

    assert (Lead.objects.count(), Notification.objects.count()) == (leads, rows)
    assert not Lead.objects.filter(client__email="late@mail.example").exists()


def test_one_email_gets_three_intake_requests_a_day_from_any_address(throttles_on):
    codes = [post(f"198.51.100.{i}", email="NOOR@mail.example ").status_code for i in range(4)]

    assert codes == [302, 302, 302, 429]
    assert Lead.objects.count() == 3


def test_a_form_sent_back_for_a_typo_does_not_use_up_the_limit(throttles_on):
    for _ in range(6):
        assert post(ATTACKER, email="not-an-email").status_code == 200

    assert post(ATTACKER).status_code == 302


def test_a_filled_honeypot_is_refused_with_the_400_page_and_nothing_saved(client, mailoutbox):
    response = client.post(URL, answers(website="http://spam.example"))

    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert not Lead.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_public_forms_carry_the_honeypot_field_hidden_from_people(client):
    page = client.get(URL).content.decode()

    assert 'name="website"' in page
    assert 'tabindex="-1"' in page and 'aria-hidden="true"' in page


def test_sign_in_posts_are_limited_per_address_without_locking_the_username(
    throttles_on, dana, settings
):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "signin": "3/h"}
    for _ in range(3):
        sign_in(Client(), "dana", "wrong", address=ATTACKER)

    refused = sign_in(Client(), "dana", PASSWORD, address=ATTACKER)
    elsewhere = sign_in(Client(), "dana", PASSWORD, address=OFFICE)

    assert refused.status_code == 429
    assert elsewhere.status_code == 302


@pytest.mark.parametrize("path", ["/enroll/mine/not-a-token/", "/enroll/confirm/not-a-token/"])
def test_self_service_link_posts_are_limited_per_address(throttles_on, settings, path):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "self_service": "2/h"}
    client = Client()
    codes = [
        client.post(path, {"action": "decline"}, REMOTE_ADDR=ATTACKER).status_code for _ in range(3)
    ]

    assert codes[:2] != [429, 429]
    assert codes[2] == 429


def test_counters_count_every_request_exactly_once_when_they_race(throttles_on):
    hits = race(20, lambda i: throttle_hit(name="intake", value=ATTACKER).allowed)

    assert hits.count(True) == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_intake_posts_from_one_address_let_only_the_limit_through(throttles_on):
    outcomes = race(16, lambda i: post(ATTACKER, email=f"p{i}@mail.example").status_code)

    assert sorted(outcomes) == [302] * 5 + [429] * 11
    assert Lead.objects.count() == 5


def test_addresses_in_one_ipv6_64_share_one_limit(throttles_on):
    # A home or phone connection on IPv6 is given a whole /64; walking through it must not
    # buy a fresh limit for each address.
    codes = [
        post(f"2001:db8:1:2::{i:x}", email=f"v6-{i}@mail.example").status_code for i in range(6)
    ]
    other_network = post("2001:db8:1:3::1", email="v6-other@mail.example").status_code

    assert codes == [302] * 5 + [429]
    assert other_network == 302


def test_an_ipv4_mapped_address_counts_as_the_ipv4_address(throttles_on):
    codes = [post(ATTACKER, email=f"m{i}@mail.example").status_code for i in range(5)]
    mapped = post(f"::ffff:{ATTACKER}", email="m5@mail.example").status_code

    assert codes == [302] * 5
    assert mapped == 429


def test_one_mailbox_however_it_is_typed_gets_three_requests_a_day(throttles_on):
    spellings = [
        "noor@mail.example",
        " NOOR@Mail.Example ",
        "noor+groups@mail.example",
        "ｎｏｏｒ@mail.example",  # full-width letters: the same mailbox to a person
    ]
    codes = [
        post(f"198.51.100.{20 + i}", email=email).status_code for i, email in enumerate(spellings)
    ]

    assert codes == [302, 302, 302, 429]


@pytest.fixture
def redis_cache(settings):
    """The shared Redis cache production counts in (docker-compose's CACHE_URL), under a key
    prefix of this test's own."""
    import os
    import uuid

    import redis

    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        url = "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} is unreachable in CI: {exc}")
        pytest.skip(f"Redis at {url} is unreachable: {exc}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    return settings


def test_counters_in_redis_let_exactly_the_limit_through_when_requests_race(
    throttles_on, redis_cache
):
    # Several gunicorn workers share this one counter; the in-process cache cannot show that
    # add/incr stay atomic across connections.
    hits = race(20, lambda i: throttle_hit(name="intake", value=ATTACKER).allowed)

    assert hits.count(True) == 5
    assert throttle_hit(name="intake", value=ATTACKER).allowed is False
