"""Staff two-factor: enrolment on first sign-in (QR drawn here), then a TOTP or recovery code."""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.two_factor import totp_secret

from .conftest import OFFICE, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app shows now (the tests pin the clock)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:06d}"


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(T0, tick=False)
    return time_machine


def enrol(client, user, clock) -> list[str]:
    sign_in(client, user.username, PASSWORD, address=OFFICE)
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/two-factor/setup/", {"code": code_for(device)})
    assert response.status_code == 200
    return re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())


def test_first_sign_in_leads_to_setup_and_nothing_staff_only_opens_before_it(
    client, dana, two_factor_on, clock
):
    response = sign_in(client, "dana", PASSWORD, address=OFFICE)
    assert response.status_code == 302

    for path in ("/therapist/", "/staff/", "/staff/clients/client/"):
        blocked = client.get(path)
        assert blocked.status_code == 302
        assert blocked["Location"].startswith("/accounts/two-factor/setup/")


def test_the_setup_page_draws_its_qr_code_itself_and_shows_the_key(
    client, dana, two_factor_on, clock
):
    sign_in(client, "dana", PASSWORD, address=OFFICE)

    page = client.get("/accounts/two-factor/setup/").content.decode()

    assert '<svg width="' in page and 'class="segno"' in page
    assert "QR code for your authenticator app" in page
    assert "otpauth://" not in page  # the secret is in the drawing, never in a link or URL
    assert not re.search(r'src="https?://', page)
    device = TOTPDevice.objects.get(user=dana)
    assert device.confirmed is False
    assert totp_secret(device) in page  # for typing in by hand


def test_enrolment_with_a_right_code_turns_it_on_and_shows_recovery_codes_once(
    client, dana, two_factor_on, clock
):
    codes = enrol(client, dana, clock)

    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=dana).confirmed
    assert StaticToken.objects.filter(device__user=dana).count() == 10
    assert client.get("/therapist/").status_code == 200
    assert client.get("/staff/").status_code == 200


def test_a_wrong_code_at_setup_turns_nothing_on(client, dana, two_factor_on, clock):
    sign_in(client, "dana", PASSWORD, address=OFFICE)
    client.get("/accounts/two-factor/setup/")

    response = client.post("/accounts/two-factor/setup/", {"code": "000000"})

    assert response.status_code == 400
    assert "That code didn&#x27;t work" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=dana, confirmed=True).exists()
    assert client.get("/therapist/")["Location"].startswith("/accounts/two-factor/setup/")


def test_a_later_sign_in_asks_for_a_code_and_a_totp_code_lets_staff_in(
    client, dana, two_factor_on, clock
):
    enrol(client, dana, clock)
    client.post("/accounts/logout/")
    clock.shift(timedelta(minutes=5))

    sign_in(client, "dana", PASSWORD, address=OFFICE)
    asked = client.get("/therapist/")
    assert asked["Location"] == "/accounts/two-factor/?next=%2Ftherapist%2F"
    device = TOTPDevice.objects.get(user=dana)
    response = client.post(
        "/accounts/two-factor/", {"code": code_for(device), "next": "/therapist/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/therapist/"
    assert client.get("/therapist/").status_code == 200


def test_the_admin_sign_in_asks_for_the_code_too(client, dana, two_factor_on, clock):
    enrol(client, dana, clock)
    client.post("/accounts/logout/")

    response = sign_in(client, "dana", PASSWORD, address=OFFICE, url="/staff/login/")
    assert response.status_code == 302
    assert client.get("/staff/")["Location"].startswith("/accounts/two-factor/?next=")


def test_a_recovery_code_works_once(client, dana, two_factor_on, clock):
    codes = enrol(client, dana, clock)
    client.post("/accounts/logout/")

    sign_in(client, "dana", PASSWORD, address=OFFICE)
    used = client.post("/accounts/two-factor/", {"code": codes[0]})
    assert used.status_code == 302
    assert client.get("/staff/").status_code == 200

    client.post("/accounts/logout/")
    sign_in(client, "dana", PASSWORD, address=OFFICE)
    again = client.post("/accounts/two-factor/", {"code": codes[0]})
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=dana).count() == 9


def test_a_wrong_code_leaves_staff_pages_closed(client, dana, two_factor_on, clock):
    enrol(client, dana, clock)
    client.post("/accounts/logout/")
    sign_in(client, "dana", PASSWORD, address=OFFICE)

    response = client.post("/accounts/two-factor/", {"code": "123456"})

    assert response.status_code == 400
    assert client.get("/staff/").status_code == 302


def test_without_the_setting_staff_sign_in_needs_no_code(client, dana, settings):
    settings.STAFF_2FA_REQUIRED = False

    sign_in(client, "dana", PASSWORD, address=OFFICE)

    assert client.get("/therapist/").status_code == 200


def test_two_factor_is_required_by_default_when_debug_is_off_and_not_for_the_demo():
    def required(debug: str) -> str:
        env = {
            **os.environ,
            "DEBUG": debug,
            "SECRET_KEY": "x" * 50,
            "DJANGO_SETTINGS_MODULE": "groups_site.settings",
        }
        env.pop("STAFF_2FA_REQUIRED", None)
        code = "import django; django.setup(); from django.conf import settings; "
        code += "print(settings.STAFF_2FA_REQUIRED)"
        return subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert required("false") == "True"
    assert required("true") == "False"
