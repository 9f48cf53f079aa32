"""The coordinator's instant alert for an urgent lead: from the intake form and from a group
sign-up that answered the safety question yes, sent in the first dispatch pass."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail

from clients.services import lead_intake_create
from notifications.dispatch import dispatch_due
from tests.enrollment.helpers import sign_up
from tests.factories import CohortFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db

NOW = pacific(2026, 9, 1, 22)  # late in the evening: it still goes out at once


def alerts_sent_at(time_machine, moment):
    time_machine.move_to(moment, tick=False)
    dispatch_due(now=moment)
    return [m for m in mail.outbox if m.to == [settings.COORDINATOR_EMAIL]]


def test_an_urgent_intake_request_alerts_the_coordinator_at_once(time_machine):
    lead = lead_intake_create(
        first_name="Lou", last_name="Nakashima", email="lou@mail.example", is_urgent=True, now=NOW
    )

    (alert,) = alerts_sent_at(time_machine, NOW)

    assert alert.subject == f"Priority: please call back today, intake request #{lead.pk}"
    assert "Lou" in alert.body and "Nakashima" not in alert.body


def test_an_urgent_group_sign_up_alerts_the_coordinator_at_once(time_machine):
    cohort = CohortFactory(first_session_date=pacific(2026, 10, 18).date())

    enrollment = sign_up(cohort, crisis=True, now=NOW).enrollment

    (alert,) = alerts_sent_at(time_machine, NOW)
    assert (
        alert.subject == f"Priority: please call back today, intake request #{enrollment.lead_id}"
    )
    assert "Rivera" not in alert.subject + alert.body


def test_a_calm_sign_up_sends_the_coordinator_no_alert(time_machine):
    cohort = CohortFactory(first_session_date=pacific(2026, 10, 18).date())

    sign_up(cohort, now=NOW)

    assert alerts_sent_at(time_machine, NOW) == []


def _flood(count: int, *, start, urgent_every: int = 10):
    for i in range(count):
        lead_intake_create(
            first_name=f"P{i}",
            email=f"p{i}@mail.example",
            is_urgent=i % urgent_every == urgent_every - 1,
            now=start + timedelta(seconds=i),
        )


def test_a_flood_of_requests_makes_one_alert_of_each_kind_not_one_each(time_machine):
    _flood(40, start=NOW)

    alerts = alerts_sent_at(time_machine, NOW + timedelta(minutes=1))

    subjects = sorted(a.subject.split(",")[0].split(" #")[0] for a in alerts)
    assert subjects == ["New intake request", "Priority: please call back today"]
    assert all("Every request is in the list" in a.body for a in alerts)
    # Every client still got their own confirmation.
    assert len([m for m in mail.outbox if m.to != [settings.COORDINATOR_EMAIL]]) == 40


def test_the_next_window_alerts_again(time_machine):
    lead_intake_create(first_name="Ana", email="ana@mail.example", now=NOW)
    later = NOW + timedelta(minutes=settings.COORDINATOR_ALERT_WINDOW_MINUTES)
    lead_intake_create(first_name="Bo", email="bo@mail.example", now=later)

    alerts = alerts_sent_at(time_machine, later)

    assert len(alerts) == 2


def test_an_urgent_request_after_the_windows_alert_went_out_gets_the_next_one(time_machine):
    window = settings.COORDINATOR_ALERT_WINDOW_MINUTES
    # A window starts on a multiple of its length; the first request comes early in it.
    start = NOW.replace(minute=0) + timedelta(minutes=1)
    first = lead_intake_create(
        first_name="Ana", email="ana@mail.example", is_urgent=True, now=start
    )
    (alert,) = alerts_sent_at(time_machine, start)
    assert f"#{first.pk}" in alert.subject

    # Five minutes later, in the same window, a second person answers yes.
    second_at = start + timedelta(minutes=5)
    lead_intake_create(first_name="Bo", email="bo@mail.example", is_urgent=True, now=second_at)

    assert len(alerts_sent_at(time_machine, second_at)) == 1  # still one in this window
    next_window = NOW.replace(minute=0) + timedelta(minutes=window)
    alerts = alerts_sent_at(time_machine, next_window)
    assert len(alerts) == 2
    assert alerts[1].subject.startswith("Priority: please call back today")
