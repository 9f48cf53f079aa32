"""/staff/ is the coordinator's Today page: counts linking to filtered lists, fill bars for
the next 60 days, the median time to first contact, and the model index below."""

import datetime as dt
import html
import re

import pytest

from clients.models import ClientAccessLog, Lead
from tests.factories import (
    CohortFactory,
    ConsultationFactory,
    EnrollmentFactory,
    LeadFactory,
    NotificationFactory,
)
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db
# Monday 7 December 2026, 9 am Pacific.
MONDAY_9 = pacific(2026, 12, 7, 9)
TODAY = "/staff/"


@pytest.fixture
def staff(client, coordinator, time_machine):
    time_machine.move_to(MONDAY_9, tick=False)
    client.force_login(coordinator)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_today_counts_what_needs_action_and_links_each_count_to_its_list(staff):
    LeadFactory(urgent=True)
    LeadFactory()
    stale = LeadFactory(client__first_name="Stale")
    Lead.objects.filter(pk=stale.pk).update(created_at=pacific(2026, 12, 3, 9))
    LeadFactory(status="contacted", follow_up_on=dt.date(2026, 12, 4))
    ConsultationFactory(starts_at=pacific(2026, 12, 7, 14), client__phone="951-555-0142")
    cohort = CohortFactory(first_session_date=dt.date(2026, 12, 21), capacity=2, min_to_run=2)
    EnrollmentFactory(
        cohort=cohort, offered=True, offer_expires_at=MONDAY_9 + dt.timedelta(hours=5)
    )
    EnrollmentFactory(cohort=cohort, waitlisted=True)
    EnrollmentFactory(placed=True, cohort__first_session_date=dt.date(2027, 6, 7))
    NotificationFactory(status="failed")

    page = text(staff.get(TODAY))

    assert "3 new leads" in _squash(page)  # the urgent, the fresh and the stale one
    assert "1 urgent, not yet contacted" in _squash(page)
    assert "2 overdue leads" in _squash(page)  # the stale lead and the missed follow-up
    assert "2 follow-ups due today or overdue" not in _squash(page)
    assert "1 follow-ups due today or overdue" in _squash(page)
    assert "1 consultations today" in _squash(page) and "951-555-0142" in page
    assert "1 waitlist offers ending within 24 hours" in _squash(page)
    assert "1 placements awaiting the person's confirmation" in _squash(page)
    assert "?status__exact=placed" in page
    assert "1 cohorts starting within 30 days below their minimum" in _squash(page)
    assert "1 cohorts with a free seat and a waitlist" in _squash(page)
    assert "1 emails failed" in _squash(page)
    for link in (
        "?attention=urgent",
        "?attention=new",
        "?attention=overdue",
        "?attention=follow_up",
    ):
        assert f'href="/staff/clients/lead/{link}"' in page
    assert f"?id__in={cohort.pk}" in page


def _squash(page: str) -> str:
    """The page's words with the count markup and spacing removed."""
    words = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", words)


def test_today_draws_a_fill_bar_per_cohort_in_the_next_60_days_with_its_minimum(staff):
    soon = CohortFactory(first_session_date=dt.date(2026, 12, 28), capacity=8, min_to_run=4)
    EnrollmentFactory.create_batch(2, cohort=soon, enrolled=True)
    CohortFactory(first_session_date=dt.date(2027, 3, 1), group__name="Far away group")

    page = text(staff.get(TODAY))

    assert 'aria-label="2 enrolled of 8 seats, minimum 4"' in page
    assert 'width="25.0%"' in page and 'x1="50.0%"' in page
    assert "Far away group" not in page
    assert "cdn" not in page.lower()


def test_today_shows_the_median_hours_to_first_contact_this_month_and_last(staff):
    for hours in (2, 4, 30):
        lead = LeadFactory(first_contacted_at=pacific(2026, 12, 3, 12))
        Lead.objects.filter(pk=lead.pk).update(
            created_at=pacific(2026, 12, 3, 12) - dt.timedelta(hours=hours)
        )
    older = LeadFactory(first_contacted_at=pacific(2026, 11, 10, 12))
    Lead.objects.filter(pk=older.pk).update(created_at=pacific(2026, 11, 10, 2))

    page = _squash(text(staff.get(TODAY)))

    assert "this month 4.0 hours" in page
    assert "last month 10.0 hours" in page


def test_the_stock_model_index_stays_below_today(staff):
    page = text(staff.get(TODAY))

    assert page.index("Needs action") < page.index("Everything in admin")
    assert 'href="/staff/clients/lead/"' in page
    assert 'href="/staff/enrollment/enrollment/"' in page


def test_today_records_who_saw_the_callers_phone_numbers(staff, coordinator):
    call = ConsultationFactory(starts_at=pacific(2026, 12, 7, 14))

    staff.get(TODAY)

    log = ClientAccessLog.objects.get()
    assert (log.client_id, log.user, log.where) == (call.client_id, coordinator, "admin today page")


def test_today_needs_a_staff_sign_in(client):
    response = client.get(TODAY)

    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.parametrize(("leads", "cohorts"), [(5, 5), (200, 50)])
def test_today_stays_within_sixteen_queries_whatever_the_size(
    staff, django_assert_max_num_queries, leads, cohorts
):
    LeadFactory.create_batch(leads, follow_up_on=dt.date(2026, 12, 7))
    for n in range(cohorts):
        cohort = CohortFactory(
            first_session_date=dt.date(2026, 12, 14) + dt.timedelta(days=n % 50),
            sessions=False,
        )
        EnrollmentFactory(cohort=cohort, enrolled=True)
    for n in range(3):
        ConsultationFactory(starts_at=pacific(2026, 12, 7, 10 + n))

    with django_assert_max_num_queries(16):
        response = staff.get(TODAY)

    assert response.status_code == 200


def test_each_count_on_today_opens_a_working_list(staff):
    cohort = CohortFactory(first_session_date=dt.date(2026, 12, 21), capacity=2, min_to_run=2)
    EnrollmentFactory(cohort=cohort, waitlisted=True)
    page = staff.get(TODAY).content.decode()

    links = set(re.findall(r'href="(/staff/[^"]+\?[^"]+)"', page))
    assert len(links) >= 8  # the two cohort counts point at the same cohort here
    for link in links:
        response = staff.get(html.unescape(link))
        assert response.status_code == 200, link
        assert "?e=1" not in response.get("Location", ""), link
