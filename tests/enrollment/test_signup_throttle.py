"""Group sign-ups are throttled per address and per email; a refusal saves and sends nothing."""

import pytest
from django.test import Client as Browser
from django.urls import reverse

from enrollment.models import Enrollment
from notifications.models import Notification

from .helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings, fresh_throttle_windows):
    settings.THROTTLE_ENABLED = True
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "signup": "2/h", "signup_email": "1/d"}
    return settings


def post(cohort, address: str, **overrides):
    url = reverse("enrollment:signup", args=[cohort.pk])
    return Browser().post(url, form_data(cohort, **overrides), REMOTE_ADDR=address)


def test_sign_ups_from_one_address_past_the_limit_get_the_429_page(cohort, limits):
    codes = [post(cohort, "203.0.113.9", email=f"p{i}@mail.example").status_code for i in range(3)]

    assert codes == [302, 302, 429]
    assert Enrollment.objects.count() == 2
    assert Notification.objects.filter(to_email="p2@mail.example").count() == 0


def test_one_email_past_its_daily_limit_is_refused_from_any_address(cohort, limits):
    first = post(cohort, "198.51.100.1", email="ana@mail.example")
    second = post(cohort, "198.51.100.2", email="Ana@Mail.example")

    assert (first.status_code, second.status_code) == (302, 429)
    assert Enrollment.objects.count() == 1


def test_a_filled_honeypot_on_the_sign_up_form_saves_nothing(cohort, client):
    url = reverse("enrollment:signup", args=[cohort.pk])
    assert 'name="website"' in client.get(url).content.decode()

    response = client.post(url, {**form_data(cohort), "website": "spam"})

    assert response.status_code == 400
    assert not Enrollment.objects.exists()
