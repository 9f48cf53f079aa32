"""seed_demo gives the coordinator an offer ending within a day and a staff placement still
waiting for the person's confirmation, relative to when it runs."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def test_seed_demo_adds_an_offer_ending_within_a_day_and_a_placement_awaiting_confirmation():
    out = io.StringIO()
    call_command("seed_demo", url="http://127.0.0.1:8102", stdout=out)
    call_command("seed_demo", url="http://127.0.0.1:8102", stdout=io.StringIO())

    now = timezone.now()
    offers = Enrollment.objects.filter(
        status=S.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=now + dt.timedelta(days=1)
    )
    # One person's placement; the demo couples group adds a couple's too (its own test).
    placed = Enrollment.objects.filter(status=S.PLACED, offer_expires_at__gt=now, couple=None)
    assert offers.count() == 1
    assert placed.count() == 1
    assert placed.get().events.get().actor.username == "coordinator"
    assert "Demo staff placement awaiting confirmation" in out.getvalue()
