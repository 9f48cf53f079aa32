import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from cohorts.models import TherapyGroup
from cohorts.services import cohort_skip_week, session_move
from groups_site.timezones import on_or_after
from tests.cohorts.helpers import take_seats, today
from tests.factories import CohortFactory, TherapistFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db


def page(client, group) -> str:
    response = client.get(reverse("cohorts:group", kwargs={"slug": group.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_group_page_says_who_it_is_for_and_what_to_expect(client):
    cohort = CohortFactory(
        group__who_it_is_for="People who keep having the same argument.",
        group__what_to_expect="A short lesson, then practice in pairs.",
    )

    html = page(client, cohort.group)

    assert "People who keep having the same argument." in html
    assert "A short lesson, then practice in pairs." in html
    assert f"<title>{cohort.group.name} |" in html


def test_every_session_date_is_listed_in_pacific_time_with_the_zone_written(client):
    cohort = CohortFactory(
        first_session_date=on_or_after(today() + dt.timedelta(days=7), 0),
        start_time=dt.time(18, 30),
        session_count=4,
    )

    html = page(client, cohort.group)

    for session in cohort.sessions.all():
        day = session.scheduled_date.strftime("%a, %b %-d")
        assert f"{day}, 6:30 PM&ndash;8:00 PM PT" in html
    assert html.count("6:30 PM&ndash;8:00 PM PT") == 4
    assert "All times are Pacific time" in html
    assert "4 weekly sessions" in html


def test_a_skipped_week_and_a_moved_meeting_are_shown_as_such(client):
    cohort = CohortFactory(first_session_date=on_or_after(today() + dt.timedelta(days=7), 2))
    second = cohort.sessions.all()[1]
    cohort_skip_week(cohort_id=cohort.pk, day=cohort.sessions.all()[2].scheduled_date)
    session_move(
        session_id=second.pk,
        new_start=dt.datetime.combine(second.scheduled_date, dt.time(17, 0)),
    )

    html = page(client, cohort.group)

    assert "no meeting this week" in html
    assert "5:00 PM&ndash;6:30 PM PT (moved)" in html
    assert html.count("PT</li>") + html.count("PT (moved)</li>") == 8


def test_an_open_cohort_has_a_sign_up_link_to_its_own_form(client):
    cohort = CohortFactory(capacity=5)
    take_seats(cohort, 2)

    html = page(client, cohort.group)

    assert "3 seats left" in html
    assert f'href="/enroll/{cohort.pk}/"' in html
    assert "Sign up" in html


def test_a_full_cohort_offers_the_waitlist_instead(client):
    cohort = CohortFactory(capacity=2)
    take_seats(cohort, 2)

    html = page(client, cohort.group)

    assert "Full - join the waitlist" in html
    assert "Join the waitlist" in html
    assert f'href="/enroll/{cohort.pk}/"' in html


def test_a_running_closed_cohort_has_no_sign_up_link_and_names_the_next_start(client):
    group = TherapyGroupFactory()
    running = CohortFactory(group=group, first_session_date=today() - dt.timedelta(days=14))
    following = CohortFactory(group=group)

    html = page(client, group)

    day = following.first_session_date.strftime("%a, %b %-d")
    assert f"Enrollment closed - next cohort starts {day}" in html
    assert f'href="/enroll/{running.pk}/"' not in html
    assert f'href="/enroll/{following.pk}/"' in html
    assert "Remaining meeting dates" in html


def test_an_open_group_shows_its_next_entry_points(client):
    first = on_or_after(today() - dt.timedelta(days=21), 1)
    cohort = CohortFactory(
        group__kind=TherapyGroup.Kind.OPEN,
        first_session_date=first,
        session_count=8,
        entry_interval_weeks=4,
    )

    html = page(client, cohort.group)

    assert "Next entry points" in html
    entry = first + dt.timedelta(weeks=4)
    assert entry.strftime("%A, %B %-d") + ", 6:30 PM Pacific time" in html
    assert f'href="/enroll/{cohort.pk}/"' in html


def test_therapist_cards_show_name_credentials_and_pronouns(client):
    lead = TherapistFactory(display_name="Rosa Kim", credentials="LMFT", pronouns="she/her")
    co = TherapistFactory(display_name="Ari Lee", credentials="AMFT", pronouns="they/them")
    cohort = CohortFactory(lead_therapist=lead, co_therapist=co)

    html = page(client, cohort.group)

    assert "Rosa Kim</a>, LMFT" in html
    assert "Ari Lee</a>, AMFT" in html
    assert "they/them" in html
    assert lead.get_absolute_url() in html


def test_an_unknown_or_unlisted_group_is_a_friendly_404(client):
    hidden = TherapyGroupFactory(is_listed=False)

    for slug in ("no-such-group", hidden.slug):
        response = client.get(reverse("cohorts:group", kwargs={"slug": slug}))
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()


def test_the_group_page_costs_the_same_queries_for_3_and_30_cohorts(
    client, django_assert_max_num_queries
):
    group = TherapyGroupFactory()
    lead, co = TherapistFactory(), TherapistFactory()

    def add(count):
        for i in range(count):
            cohort = CohortFactory(
                group=group,
                lead_therapist=lead,
                co_therapist=co if i % 2 else None,
                first_session_date=today() + dt.timedelta(days=3 + i),
            )
            take_seats(cohort, i % 4)

    add(3)
    with django_assert_max_num_queries(6) as few:
        page(client, group)
    add(27)
    cache.clear()
    with django_assert_max_num_queries(6) as many:
        html = page(client, group)

    assert html.count('class="card mb-3" id="cohort-') == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_therapist_profile_lists_their_groups(client):
    lead = TherapistFactory(display_name="Noor Haddad", bio="Helps couples argue less.")
    CohortFactory(lead_therapist=lead, group__name="Noor's skills group")
    CohortFactory(group__name="Someone else's group")

    response = client.get(lead.get_absolute_url())

    html = response.content.decode()
    assert "Helps couples argue less." in html
    assert "Noor&#x27;s skills group" in html
    assert "Someone else" not in html
