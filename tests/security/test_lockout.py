"""Staff sign-in cannot be turned against staff: a lockout holds one username at one address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.races import race

from .conftest import ATTACKER, OFFICE, PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def _fail_five_times(client, username, address, url="/accounts/login/"):
    for _ in range(5):
        sign_in(client, username, "wrong-password", address=address, url=url)


def test_five_wrong_passwords_pause_that_username_from_that_address_with_a_calm_page(
    client, dana, lockout_on
):
    _fail_five_times(client, "dana", ATTACKER)

    response = sign_in(client, "dana", PASSWORD, address=ATTACKER)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in is paused for a while" in page
    assert "about 15 minutes" in page


def test_another_user_signs_in_from_the_address_that_failed(client, dana, maya, lockout_on):
    _fail_five_times(client, "dana", ATTACKER)

    response = sign_in(Client(), "maya", PASSWORD, address=ATTACKER)

    assert response.status_code == 302
    assert response["Location"] == "/therapist/"


def test_the_locked_user_signs_in_from_another_address(client, dana, lockout_on):
    _fail_five_times(client, "dana", ATTACKER)

    response = sign_in(Client(), "dana", PASSWORD, address=OFFICE)

    assert response.status_code == 302


def test_the_admin_sign_in_locks_the_same_way_and_lets_others_in(client, dana, maya, lockout_on):
    _fail_five_times(client, "dana", ATTACKER, url="/staff/login/")

    refused = sign_in(Client(), "dana", PASSWORD, address=ATTACKER, url="/staff/login/")
    other = sign_in(Client(), "maya", PASSWORD, address=ATTACKER, url="/staff/login/")
    elsewhere = sign_in(Client(), "dana", PASSWORD, address=OFFICE, url="/staff/login/")

    assert refused.status_code == 429
    assert other.status_code == 302
    assert elsewhere.status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_the_one_locked(
    client, dana, lockout_on, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "dana", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}",
        )

    from_office = Client().post(
        "/accounts/login/",
        {"username": "dana", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=OFFICE,
    )

    assert from_office.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_lockout_under_way_never_refuses_another_user_signing_in_at_the_same_time(
    dana, maya, lockout_on
):
    # Twelve wrong passwords for dana and four right ones for maya, all from one address
    # (everyone behind one proxy with the proxy count unset), released at once.
    def attempt(i: int) -> int:
        if i % 4 == 0:
            return sign_in(Client(), "maya", PASSWORD, address=ATTACKER).status_code
        return sign_in(Client(), "dana", "wrong-password", address=ATTACKER).status_code

    outcomes = race(16, attempt)

    assert [outcomes[i] for i in range(0, 16, 4)] == [302, 302, 302, 302]
    assert sign_in(Client(), "dana", PASSWORD, address=ATTACKER).status_code == 429
    assert sign_in(Client(), "maya", PASSWORD, address=ATTACKER).status_code == 302
