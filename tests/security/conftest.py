import pytest

from security.roles import COORDINATOR, THERAPIST
from tests.factories import StaffUserFactory

PASSWORD = "correct-horse-battery"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.7"


@pytest.fixture
def dana(db):
    return StaffUserFactory(username="dana", first_name="Dana", roles=[COORDINATOR])


@pytest.fixture
def maya(db):
    return StaffUserFactory(username="maya", first_name="Maya", roles=[THERAPIST])


@pytest.fixture
def lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.fixture
def throttles_on(settings, fresh_throttle_windows):
    settings.THROTTLE_ENABLED = True
    return settings


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_2FA_REQUIRED = True
    return settings


def sign_in(client, username: str, password: str, *, address: str, url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)
