"""Overdue: a new lead not contacted within one business day (Pacific; weekends and the
practice's closed days skipped), or a follow-up date that has passed."""

import datetime as dt

import pytest

from clients.models import ClosedDay, Lead
from clients.selectors import Attention
from tests.factories import LeadFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db

# Friday 4 December 2026, 3 pm Pacific.
FRIDAY_3PM = pacific(2026, 12, 4, 15)


def lead_at(moment, **kwargs):
    lead = LeadFactory(**kwargs)
    Lead.objects.filter(pk=lead.pk).update(created_at=moment)
    return lead


def overdue_at(now) -> set[int]:
    return set(Lead.objects.filter(Attention.at(now).overdue).values_list("pk", flat=True))


def test_a_friday_afternoon_lead_is_due_monday_afternoon_not_over_the_weekend():
    lead = lead_at(FRIDAY_3PM)

    assert lead.pk not in overdue_at(pacific(2026, 12, 5, 16))  # Saturday
    assert lead.pk not in overdue_at(pacific(2026, 12, 7, 14, 59))  # Monday 2:59 pm
    assert lead.pk in overdue_at(pacific(2026, 12, 7, 15, 1))  # Monday 3:01 pm


def test_a_weekend_lead_has_all_of_monday_before_it_is_overdue():
    lead = lead_at(pacific(2026, 12, 5, 10))  # Saturday morning

    assert lead.pk not in overdue_at(pacific(2026, 12, 7, 23, 30))  # Monday night
    assert lead.pk in overdue_at(pacific(2026, 12, 8, 0, 30))  # Tuesday, just after midnight


def test_a_closed_day_is_skipped_like_a_weekend():
    ClosedDay.objects.create(date=dt.date(2026, 12, 9), note="Staff training")
    lead = lead_at(pacific(2026, 12, 8, 15))  # Tuesday 3 pm; Wednesday closed

    assert lead.pk not in overdue_at(pacific(2026, 12, 9, 16))  # the closed Wednesday
    assert lead.pk not in overdue_at(pacific(2026, 12, 10, 14))  # Thursday 2 pm
    assert lead.pk in overdue_at(pacific(2026, 12, 10, 16))  # Thursday 4 pm


def test_without_the_closed_day_the_same_lead_is_overdue_on_wednesday():
    lead = lead_at(pacific(2026, 12, 8, 15))

    assert lead.pk in overdue_at(pacific(2026, 12, 9, 16))


def test_a_contacted_lead_is_never_overdue_for_its_first_call():
    lead = lead_at(FRIDAY_3PM - dt.timedelta(days=10), status=Lead.Status.CONTACTED)

    assert lead.pk not in overdue_at(FRIDAY_3PM)


def test_a_follow_up_date_that_has_passed_makes_any_open_lead_overdue():
    passed = lead_at(FRIDAY_3PM, status=Lead.Status.CONTACTED, follow_up_on=dt.date(2026, 12, 3))
    today = lead_at(FRIDAY_3PM, status=Lead.Status.CONTACTED, follow_up_on=dt.date(2026, 12, 4))
    closed = lead_at(FRIDAY_3PM, status=Lead.Status.NO_RESPONSE, follow_up_on=dt.date(2026, 12, 1))

    overdue = overdue_at(FRIDAY_3PM)

    assert passed.pk in overdue
    assert today.pk not in overdue
    assert closed.pk not in overdue


def test_overdue_counts_pacific_days_late_in_the_evening():
    # 11:50 pm Pacific on Monday is already Tuesday in UTC; the day is still Monday.
    lead = lead_at(pacific(2026, 12, 4, 23, 40))  # Friday 11:40 pm

    assert lead.pk not in overdue_at(pacific(2026, 12, 7, 23, 30))
    assert lead.pk in overdue_at(pacific(2026, 12, 7, 23, 50))
