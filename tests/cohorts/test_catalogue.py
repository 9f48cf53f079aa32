import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import TherapyGroup
from cohorts.services import cohort_skip_week
from groups_site.timezones import on_or_after
from tests.cohorts.helpers import take_seats, today
from tests.couples import couple_in, partner_stayed_alone
from tests.factories import (
    CohortFactory,
    CouplesCohortFactory,
    OfficeFactory,
    TherapistFactory,
    TherapyGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("cohorts:catalogue")


def shown(client, query: str = "") -> str:
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lead(db):
    return TherapistFactory(display_name="Maya Ortiz")


@pytest.fixture
def practice(lead):
    """Four cohorts that differ in every filtered way."""
    riverside = OfficeFactory(name="Riverside office", city="Riverside")
    murrieta = OfficeFactory(name="Murrieta office", city="Murrieta", postal_code="92562")
    start = on_or_after(today() + dt.timedelta(days=14), 1)  # a Tuesday two weeks out
    later = on_or_after(today() + dt.timedelta(days=75), 3)  # a Thursday, a later month
    mens = CohortFactory(
        group=TherapyGroupFactory(
            name="Steady Ground men",
            focus=TherapyGroup.Focus.MENS,
            format=TherapyGroup.Format.IN_PERSON,
            office=riverside,
        ),
        lead_therapist=lead,
        first_session_date=start,
        start_time=dt.time(19, 0),
        capacity=6,
    )
    womens = CohortFactory(
        group=TherapyGroupFactory(name="Room to Breathe women", focus=TherapyGroup.Focus.WOMENS),
        lead_therapist=lead,
        first_session_date=start + dt.timedelta(days=1),
        start_time=dt.time(10, 0),
        capacity=6,
    )
    skills = CohortFactory(
        group=TherapyGroupFactory(
            name="Calm Conversations skills",
            format=TherapyGroup.Format.IN_PERSON,
            office=murrieta,
        ),
        lead_therapist=lead,
        first_session_date=later,
        start_time=dt.time(18, 0),
        capacity=4,
    )
    couples = CohortFactory(
        group=TherapyGroupFactory(name="Team Again couples", focus=TherapyGroup.Focus.COUPLES),
        lead_therapist=lead,
        first_session_date=later + dt.timedelta(days=2),
        start_time=dt.time(10, 0),
        capacity=4,
    )
    take_seats(couples, 4)
    return {"mens": mens, "womens": womens, "skills": skills, "couples": couples}


NAMES = {
    "mens": "Steady Ground men",
    "womens": "Room to Breathe women",
    "skills": "Calm Conversations skills",
    "couples": "Team Again couples",
}


def listed(page: str) -> set[str]:
    return {key for key, name in NAMES.items() if name in page}


def test_the_catalogue_lists_every_upcoming_published_cohort(client, practice):
    assert listed(shown(client)) == set(NAMES)


def test_drafts_cancelled_unlisted_and_finished_cohorts_stay_off_the_catalogue(client, lead):
    CohortFactory(group__name="Draft one", lead_therapist=lead, draft=True)
    CohortFactory(group__name="Cancelled one", lead_therapist=lead, cancelled=True)
    CohortFactory(group__name="Hidden one", group__is_listed=False, lead_therapist=lead)
    CohortFactory(
        group__name="Finished one",
        lead_therapist=lead,
        first_session_date=today() - dt.timedelta(days=60),
        session_count=2,
    )
    CohortFactory(group__name="Visible one", lead_therapist=lead)

    page = shown(client)

    assert "Visible one" in page
    for name in ("Draft one", "Cancelled one", "Hidden one", "Finished one"):
        assert name not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?focus=mens", {"mens"}),
        ("?focus=couples", {"couples"}),
        ("?format=online", {"womens", "couples"}),
        ("?format=in_person", {"mens", "skills"}),
        ("?office=murrieta-office", {"skills"}),
        ("?time_of_day=evening", {"mens", "skills"}),
        ("?time_of_day=daytime", {"womens", "couples"}),
        ("?open_seats=on", {"mens", "womens", "skills"}),
    ],
)
def test_each_filter_narrows_the_list_on_its_own(client, practice, query, expected):
    assert listed(shown(client, query)) == expected


def test_the_weekday_filter_keeps_the_cohorts_meeting_that_day(client, practice):
    weekday = practice["mens"].weekday

    assert listed(shown(client, f"?weekday={weekday}")) == {"mens"}


def test_the_month_filter_keeps_the_cohorts_one_can_start_that_month(client, practice):
    month = practice["skills"].first_session_date.strftime("%Y-%m")
    expected = {
        key for key, c in practice.items() if c.first_session_date.strftime("%Y-%m") == month
    }

    assert listed(shown(client, f"?month={month}")) == expected
    assert "mens" not in expected


def test_filters_combine(client, practice):
    page = shown(
        client, "?format=in_person&time_of_day=evening&open_seats=on&office=murrieta-office"
    )
    assert listed(page) == {"skills"}

    page = shown(client, "?format=online&time_of_day=daytime&open_seats=on")
    assert listed(page) == {"womens"}


def test_a_combination_nothing_matches_says_so_kindly(client, practice):
    page = shown(client, "?focus=mens&format=online")

    assert listed(page) == set()
    assert "No group matches all of those choices right now." in page
    assert "See every group" in page


def test_nonsense_filter_values_are_ignored_rather_than_failing(client, practice):
    response = client.get(URL + "?weekday=9&month=1999-13&office=nowhere&focus=x")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_open_seats_filter_leaves_out_cohorts_whose_enrollment_closed(client, lead):
    started = CohortFactory(
        group__name="Already running",
        lead_therapist=lead,
        first_session_date=today() - dt.timedelta(days=7),
    )
    CohortFactory(group=started.group, lead_therapist=lead)

    assert shown(client).count("Already running") == 2
    assert shown(client, "?open_seats=on").count("Already running") == 1


def test_the_open_seats_filter_leaves_out_a_couples_group_with_one_odd_seat(client, lead):
    # Capacity 4: a couple and a partner kept on alone hold three seats; the one left is
    # no place for a couple, so the card says full and the filter must agree.
    odd = CouplesCohortFactory(group__name="One seat short", lead_therapist=lead, capacity=4)
    couple_in(odd, enrolled=True)
    partner_stayed_alone(odd)
    pair = CouplesCohortFactory(group__name="Room for two", lead_therapist=lead, capacity=4)
    couple_in(pair, enrolled=True)

    assert "Full - join the waitlist" in shown(client, "?focus=couples")
    page = shown(client, "?open_seats=on")
    assert "One seat short" not in page
    assert "Room for two" in page
    assert "1 couple&#x27;s place left" in page


def test_waitlisted_people_do_not_take_a_seat(client, lead):
    cohort = CohortFactory(group__name="Waitlist check", lead_therapist=lead, capacity=3)
    take_seats(cohort, 1)
    take_seats(cohort, 2, status="waitlisted")

    assert "2 seats left" in shown(client)


@pytest.mark.parametrize(("taken", "wording"), [(0, "3 seats left"), (2, "1 seat left")])
def test_seat_wording_counts_the_seats_left(client, lead, taken, wording):
    cohort = CohortFactory(lead_therapist=lead, capacity=3)
    take_seats(cohort, taken)

    assert wording in shown(client)


def test_a_full_cohort_offers_the_waitlist(client, lead):
    cohort = CohortFactory(lead_therapist=lead, capacity=2)
    take_seats(cohort, 2)

    assert "Full - join the waitlist" in shown(client)


def test_a_cohort_past_its_deadline_points_to_the_next_one(client, lead):
    group = TherapyGroupFactory()
    CohortFactory(group=group, lead_therapist=lead, first_session_date=today() - dt.timedelta(7))
    following = CohortFactory(group=group, lead_therapist=lead)

    day = following.first_session_date.strftime("%a, %b %-d")
    assert f"Enrollment closed - next cohort starts {day}" in shown(client)


def test_a_deadline_before_the_first_session_closes_enrollment_early(client, lead):
    from django.utils import timezone

    CohortFactory(lead_therapist=lead, enrollment_deadline=timezone.now() - dt.timedelta(minutes=1))

    page = shown(client)
    assert "Enrollment closed" in page
    assert "seats left" not in page


def _many(lead, count: int) -> None:
    office = OfficeFactory()
    groups = [
        TherapyGroupFactory(),
        TherapyGroupFactory(format=TherapyGroup.Format.IN_PERSON, office=office),
        TherapyGroupFactory(kind=TherapyGroup.Kind.OPEN),
    ]
    co = TherapistFactory()
    for i in range(count):
        cohort = CohortFactory(
            group=groups[i % 3],
            lead_therapist=lead,
            co_therapist=co if i % 2 else None,
            first_session_date=today() + dt.timedelta(days=7 + i),
        )
        take_seats(cohort, i % 3)


@pytest.mark.parametrize(
    "query", ["", "?office=riverside-office&open_seats=on&time_of_day=evening"]
)
def test_the_catalogue_costs_the_same_queries_for_3_and_30_cohorts(
    client, lead, django_assert_max_num_queries, query
):
    from django.core.cache import cache

    _many(lead, 3)
    with django_assert_max_num_queries(5) as few:
        shown(client, query)
    _many(lead, 27)
    cache.clear()
    with django_assert_max_num_queries(5) as many:
        page = shown(client, query)

    assert page.count('class="card cohort-card') >= 10
    assert len(many.captured_queries) == len(few.captured_queries)


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def test_a_cohort_whose_first_week_is_skipped_starts_at_its_first_meeting_held(client, lead):
    # The last Tuesday of a month, so the first meeting held falls in the next month.
    next_month = (today() + dt.timedelta(days=45)).replace(day=1)
    skipped = on_or_after(next_month - dt.timedelta(days=7), 1)
    held = skipped + dt.timedelta(weeks=1)
    between = skipped + dt.timedelta(days=3)
    CohortFactory(group__name="Starts in between", first_session_date=between)
    cohort = CohortFactory(group__name="Skips its first week", first_session_date=skipped)
    cohort_skip_week(cohort_id=cohort.pk, day=skipped)

    assert "Skips its first week" in shown(client, f"?month={_month(held)}")
    assert "Skips its first week" not in shown(client, f"?month={_month(skipped)}")
    page = shown(client)
    assert page.index("Starts in between") < page.index("Skips its first week")
    assert f"8 weekly sessions, starting {held:%a, %b %-d}" in page


def test_the_next_cohort_is_said_to_start_at_its_first_meeting_held(client, lead):
    group = TherapyGroupFactory()
    CohortFactory(group=group, lead_therapist=lead, first_session_date=today() - dt.timedelta(7))
    following = CohortFactory(group=group, lead_therapist=lead)
    cohort_skip_week(cohort_id=following.pk, day=following.first_session_date)

    held = following.first_session_date + dt.timedelta(weeks=1)
    assert f"Enrollment closed - next cohort starts {held:%a, %b %-d}" in shown(client)


def test_a_running_cohort_of_a_group_made_closed_is_not_one_to_start_later(client, lead):
    # Laid out as an open group's, with an entry point every 4 weeks; then the group closed.
    cohort = CohortFactory(
        group__name="Now closed",
        group__kind=TherapyGroup.Kind.OPEN,
        lead_therapist=lead,
        first_session_date=today() - dt.timedelta(days=7),
    )
    cohort.group.kind = TherapyGroup.Kind.CLOSED
    cohort.group.save()
    CohortFactory(
        group__name="Yet to start",
        lead_therapist=lead,
        first_session_date=today() + dt.timedelta(days=40),
    )
    entry = cohort.sessions.filter(is_entry_point=True, starts_at__gt=timezone.now()).first()
    month = _month(timezone.localtime(entry.starts_at).date())

    assert "Now closed" not in shown(client, f"?month={month}")
    page = shown(client)
    assert page.index("Yet to start") < page.index("Now closed")
