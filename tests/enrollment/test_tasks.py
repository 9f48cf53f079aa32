import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from enrollment import services
from enrollment.models import Enrollment
from enrollment.tasks import expire_offers

from .helpers import fill, sign_up

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def lapsed_offer(cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    past = timezone.now() - dt.timedelta(hours=settings.WAITLIST_OFFER_HOURS + 1)
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk, now=past)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED and waiting.offer_expires_at < timezone.now()
    return waiting


def test_the_periodic_task_ends_lapsed_offers(lapsed_offer):
    assert expire_offers.delay().get() == 1

    lapsed_offer.refresh_from_db()
    assert lapsed_offer.status == S.WITHDRAWN


def test_the_management_command_does_the_same_by_hand(lapsed_offer):
    out = StringIO()

    call_command("expire_offers", stdout=out)

    assert out.getvalue().strip() == "1 offer ended."
    lapsed_offer.refresh_from_db()
    assert lapsed_offer.status == S.WITHDRAWN


def test_the_task_is_on_the_beat_schedule_as_an_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-waitlist-offers"]

    assert entry["task"] == expire_offers.name
    assert isinstance(entry["schedule"], dt.timedelta)
