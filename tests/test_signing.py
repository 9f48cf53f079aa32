"""Self-service links already sent by email keep opening after the links moved module."""

import datetime as dt

import time_machine
from django.core import signing
from django.test import override_settings

from consultations.links import consultation_id_from_token
from consultations.links import manage_token as consultation_token
from enrollment.links import enrollment_id_from_token
from enrollment.links import manage_token as enrollment_token


def test_a_link_signed_the_way_emails_were_signed_still_opens():
    # The tokens in emails already sent: signing.dumps(id, salt=<the app's salt>).
    assert enrollment_id_from_token(signing.dumps(41, salt="enrollment.mine")) == 41
    assert consultation_id_from_token(signing.dumps(7, salt="consultations.manage")) == 7


def test_a_link_for_a_place_does_not_open_a_call_or_the_other_way_round():
    assert consultation_id_from_token(enrollment_token(41)) is None
    assert enrollment_id_from_token(consultation_token(41)) is None


@override_settings(SELF_SERVICE_LINK_DAYS=30)
def test_a_link_stops_opening_once_it_is_older_than_the_self_service_days():
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False) as clock:
        token = enrollment_token(41)
        clock.shift(dt.timedelta(days=29))
        assert enrollment_id_from_token(token) == 41
        clock.shift(dt.timedelta(days=2))
        assert enrollment_id_from_token(token) is None


def test_a_tampered_or_foreign_token_opens_nothing():
    assert enrollment_id_from_token(enrollment_token(41)[:-2] + "xx") is None
    assert enrollment_id_from_token(signing.dumps("41", salt="enrollment.mine")) is None
