"""A coordinator sets up two-step sign-in on a phone; the pages pass axe."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from security.roles import COORDINATOR
from tests.factories import StaffUserFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sets_up_two_step_sign_in_and_reaches_the_admin(live_server, page, settings):
    settings.STAFF_2FA_REQUIRED = True
    StaffUserFactory(username="dana", roles=[COORDINATOR])

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/accounts/two-factor/setup/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-step sign-in"
    assert page.locator("svg.segno").count() == 1
    assert serious_violations(page) == []

    device = TOTPDevice.objects.get()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Two-step sign-in is on"
    codes = page.get_by_role("list", name="Recovery codes").inner_text()
    assert len(re.findall(r"[a-z0-9]{8}", codes)) == 10
    assert serious_violations(page) == []

    page.get_by_role("link", name="I've saved them: continue").click()
    page.goto(live_server.url + "/staff/")
    expect(page.get_by_role("heading", name="Needs action")).to_be_visible()  # Today, not setup


def test_the_429_page_passes_axe(live_server, page, settings):
    settings.THROTTLE_ENABLED = True
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "intake": "0/h"}

    page.goto(live_server.url + "/get-started/")
    page.get_by_label("First name").fill("Noor")
    page.get_by_label("Email").fill("noor@mail.example")
    page.get_by_role("radio", name="No", exact=True).check()
    page.locator("form button[type=submit]").last.click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("We've had a lot")
    assert serious_violations(page) == []
