"""The coordinator's daily digest: at 8:00 Pacific, the leads waiting for a call back and
the day's calls, with admin links; counts in the subject, never a name."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from clients.models import Lead
from consultations.models import Consultation
from notifications.dispatch import NOTHING_TO_SEND
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import ClientFactory, ConsultationFactory, LeadFactory
from tests.factories.consultations import pacific
from tests.notifications.beat import run_beat

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 3, 3)


def at(time_machine, moment, factory, **kwargs):
    """Create a row as if at `moment` (created_at is stamped by the clock)."""
    time_machine.move_to(moment, tick=False)
    return factory(**kwargs)


@pytest.fixture
def tuesday(time_machine, dana):
    """Two leads still new (one from Sunday, one urgent from this morning), one already
    contacted; on Tuesday a booked call and a cancelled one, and a call on Wednesday."""
    old = at(
        time_machine,
        pacific(2026, 3, 1, 15),
        LeadFactory,
        client=ClientFactory(first_name="Ana", last_name="Rivera"),
    )
    urgent = at(
        time_machine,
        pacific(2026, 3, 3, 6),
        LeadFactory,
        client=ClientFactory(first_name="Ben", last_name="Okafor"),
        urgent=True,
    )
    LeadFactory(status=Lead.Status.CONTACTED)
    call = ConsultationFactory(
        coordinator=dana,
        starts_at=pacific(2026, 3, 3, 10),
        client=ClientFactory(first_name="Cleo", last_name="Marsh"),
    )
    ConsultationFactory(
        coordinator=dana, starts_at=pacific(2026, 3, 3, 11), status=Consultation.Status.CANCELLED
    )
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 4, 10))
    return old, urgent, call


def digests(sent):
    return [(when, m) for when, m in sent if m.to == [settings.COORDINATOR_EMAIL]]


def test_the_digest_goes_to_the_coordinator_at_8_with_counts_and_no_names_in_the_subject(
    tuesday, time_machine
):
    sent = digests(run_beat(time_machine, pacific(2026, 3, 2, 20), pacific(2026, 3, 3, 10)))

    assert [(when, m.subject) for when, m in sent] == [
        ("Tue Mar 3 08:00 PST", "Your day, Tuesday, March 3: 1 call, 2 new requests (1 priority)")
    ]


def test_the_digest_lists_waiting_leads_and_the_days_calls_with_admin_links(tuesday, time_machine):
    old, urgent, call = tuesday

    ((_, message),) = digests(
        run_beat(time_machine, pacific(2026, 3, 3, 7), pacific(2026, 3, 3, 9))
    )

    body = message.body
    assert "Requests waiting for a first call back: 2" in body
    assert "overdue (not contacted within one business day): 1" in body
    assert "priority (asked for a same-day call back): 1" in body
    site = settings.SITE_URL
    lead_url = site + reverse("admin:clients_lead_change", args=[urgent.pk])
    assert f"- Ben [priority], received Tue Mar 3, 6:00 AM: {lead_url}" in body
    assert "- Ana [overdue], received Sun Mar 1, 3:00 PM" in body
    call_url = site + reverse("admin:consultations_consultation_change", args=[call.pk])
    assert f"- 10:00 AM PST: Cleo, phone call with Dana: {call_url}" in body
    assert "Calls on Tuesday, March 3: \n- 10:00 AM PST: Cleo" in body
    assert site + reverse("admin:consultations_consultation_day") + "?date=2026-03-03" in body
    for last_name in ("Rivera", "Okafor", "Marsh"):
        assert last_name not in body


def test_overdue_counts_business_days_like_the_lead_list(time_machine, dana):
    # Monday 9 March, 8:00: Friday afternoon's request is not yet a business day old.
    at(time_machine, pacific(2026, 3, 6, 15), LeadFactory)
    at(time_machine, pacific(2026, 3, 5, 15), LeadFactory)  # Thursday's is

    ((_, message),) = digests(
        run_beat(time_machine, pacific(2026, 3, 9, 7), pacific(2026, 3, 9, 9))
    )

    assert "overdue (not contacted within one business day): 1" in message.body


def test_a_day_without_calls_says_so(time_machine, dana):
    LeadFactory()

    ((_, message),) = digests(
        run_beat(time_machine, pacific(2026, 3, 3, 7), pacific(2026, 3, 3, 9))
    )

    assert message.subject == "Your day, Tuesday, March 3: 0 calls, 1 new request"
    assert "Calls on Tuesday, March 3: none booked." in message.body


def test_a_day_with_nothing_waiting_and_no_calls_sends_nothing(dana, time_machine):
    LeadFactory(status=Lead.Status.CONTACTED)

    sent = digests(run_beat(time_machine, pacific(2026, 3, 3, 7), pacific(2026, 3, 3, 9)))

    assert sent == []
    row = Notification.objects.get(
        kind=Kind.COORDINATOR_DIGEST, key="coordinator_digest:2026-03-03"
    )
    assert (row.status, row.last_error) == (Notification.Status.CANCELLED, NOTHING_TO_SEND)


def test_on_the_spring_forward_day_the_digest_is_at_8_daylight_time(tuesday, time_machine):
    LeadFactory()  # someone waiting, so there is something to say

    sent = digests(run_beat(time_machine, pacific(2026, 3, 7, 20), pacific(2026, 3, 8, 10)))

    assert [when for when, _ in sent] == ["Sun Mar 8 08:00 PDT"]
