"""A cohort's roster: who holds a seat, how to reach them, their attendance, and a record
of every look."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import ClientAccessLog
from tests.factories import AttendanceFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def roster(client, cohort):
    response = client.get(reverse("roster:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_roster_shows_how_to_reach_each_member(as_user, therapist, running_cohort, member):
    page = roster(as_user(therapist.user), running_cohort)

    assert "Lex Garcia" in page
    assert "first name on file: Alexandra" in page
    assert 'href="mailto:lex.garcia@mail.example"' in page
    assert 'href="tel:9515550133"' in page
    assert "Text message" in page
    assert "Enrolled" in page


def test_enrolled_members_come_first_then_pending_screening_then_open_offers(
    as_user, therapist, running_cohort
):
    EnrollmentFactory(cohort=running_cohort, offered=True, client__first_name="Olive")
    EnrollmentFactory(cohort=running_cohort, client__first_name="Quinn")  # requested
    EnrollmentFactory(cohort=running_cohort, screening=True, client__first_name="Sasha")
    EnrollmentFactory(cohort=running_cohort, enrolled=True, client__first_name="Zed")

    page = roster(as_user(therapist.user), running_cohort)

    order = [
        page.index(f'<h3 class="h5 mb-1">{name}') for name in ("Zed", "Quinn", "Sasha", "Olive")
    ]
    assert order == sorted(order)
    assert page.count("Pending screening</span>") == 2
    assert "Offer open</span>" in page


def test_waitlisted_withdrawn_and_declined_people_never_appear(as_user, therapist, running_cohort):
    for trait, email in (
        ("waitlisted", "waiting@mail.example"),
        ("withdrawn", "left@mail.example"),
        ("declined", "declined@mail.example"),
    ):
        EnrollmentFactory(
            cohort=running_cohort,
            client__email=email,
            client__first_name=trait.title(),
            **{trait: True},
        )

    page = roster(as_user(therapist.user), running_cohort)

    for text in ("waiting@", "left@", "declined@", "Waitlisted", "Withdrawn", "Declined"):
        assert text not in page
    assert ClientAccessLog.objects.count() == 0


def test_an_urgent_flag_shows_for_a_pending_member_only(as_user, therapist, running_cohort):
    EnrollmentFactory(cohort=running_cohort, urgent=True, client__first_name="Noor")
    EnrollmentFactory(cohort=running_cohort, urgent=True, enrolled=True, client__first_name="Ivo")

    page = roster(as_user(therapist.user), running_cohort)

    cards = page.split('<li class="card member ')[1:]
    flagged = [card for card in cards if "Urgent: safety follow-up" in card]
    assert len(flagged) == 1
    assert "Noor" in flagged[0] and "Pending screening" in flagged[0]


def test_each_look_at_a_roster_is_recorded_once_per_member_without_personal_data(
    as_user, therapist, running_cohort, member
):
    other = EnrollmentFactory(cohort=running_cohort, screening=True)
    EnrollmentFactory(cohort=running_cohort, waitlisted=True)

    roster(as_user(therapist.user), running_cohort)

    rows = list(ClientAccessLog.objects.order_by("client_id"))
    assert sorted(r.client_id for r in rows) == sorted([member.client_id, other.client_id])
    assert {r.user_id for r in rows} == {therapist.user_id}
    assert {r.where for r in rows} == {f"therapist roster, cohort {running_cohort.pk}"}


def test_the_attendance_grid_shows_each_mark_and_what_is_not_marked_yet(
    as_user, therapist, running_cohort, member
):
    first, second, *_ = running_cohort.sessions.order_by("starts_at")
    AttendanceFactory(session=first, enrollment=member, status="present")
    AttendanceFactory(session=second, enrollment=member, status="excused")

    page = roster(as_user(therapist.user), running_cohort)

    assert '<span class="visually-hidden">Present</span>' in page
    assert '<span class="visually-hidden">Excused</span>' in page
    assert '<span class="visually-hidden">Upcoming</span>' in page
    assert "1 present, 0 absent, 0 excused" in page
    assert "0 present, 0 absent, 1 excused" in page


def test_past_sessions_offer_correction_and_far_future_ones_no_link(
    as_user, therapist, running_cohort, member
):
    first = running_cohort.sessions.order_by("starts_at").first()
    last = running_cohort.sessions.order_by("starts_at").last()
    AttendanceFactory(session=first, enrollment=member)

    page = roster(as_user(therapist.user), running_cohort)

    assert reverse("roster:attendance", args=[first.pk]) in page
    assert "Correct attendance" in page
    assert reverse("roster:attendance", args=[last.pk]) not in page


def test_a_skipped_week_reads_as_no_meeting(as_user, therapist, running_cohort):
    from cohorts.services import cohort_skip_week

    last = running_cohort.sessions.order_by("starts_at").last()
    cohort_skip_week(cohort_id=running_cohort.pk, day=last.scheduled_date)

    page = roster(as_user(therapist.user), running_cohort)

    assert f"Week of {last.scheduled_date:%b} {last.scheduled_date.day}: no meeting" in page


def test_nothing_personal_goes_into_roster_urls(as_user, therapist, running_cohort, member):
    page = roster(as_user(therapist.user), running_cohort)

    hrefs = [part.split('"')[0] for part in page.split('href="')[1:]]
    roster_links = [h for h in hrefs if h.startswith("/therapist/")]
    assert roster_links
    for href in roster_links:
        # The phone by its own digits: "951" alone can be a row's id.
        assert "lex" not in href.lower() and "@" not in href
        assert "555-0133" not in href and "5550133" not in href


def _add_members(cohort, count: int) -> None:
    members = EnrollmentFactory.create_batch(count, cohort=cohort, enrolled=True)
    session = cohort.sessions.order_by("starts_at").first()
    for enrollment in members:
        AttendanceFactory(session=session, enrollment=enrollment, marked_at=timezone.now())


def _queries_for_roster(client, cohort, expected_members: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = roster(client, cohort)
    assert page.count('class="card member ') == expected_members
    inserts = [q for q in queries.captured_queries if "INSERT" in q["sql"]]
    assert len(inserts) == 1 and "clients_clientaccesslog" in inserts[0]["sql"]
    return len(queries)


@pytest.mark.parametrize("meetings", [1, 12])
def test_the_roster_costs_at_most_6_queries_for_3_or_12_members_and_1_or_12_meetings(
    as_user, therapist, meetings
):
    from tests.factories import CohortFactory, TherapyGroupFactory

    from .conftest import pacific_today

    cohort = CohortFactory(
        group=TherapyGroupFactory(name="Room to Breathe"),
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(weeks=meetings - 1),
        session_count=meetings,
        capacity=12,
    )
    client = as_user(therapist.user)
    _add_members(cohort, 3)
    three = _queries_for_roster(client, cohort, 3)

    members = EnrollmentFactory.create_batch(9, cohort=cohort, enrolled=True)
    for session in cohort.sessions.all():
        for enrollment in members:
            AttendanceFactory(session=session, enrollment=enrollment, absent=True)
    twelve = _queries_for_roster(client, cohort, 12)

    assert twelve == three
    assert three <= 6, three
    assert ClientAccessLog.objects.count() == 3 + 12


def test_an_open_group_member_is_not_expected_before_their_first_session(as_user, therapist):
    from tests.factories import CohortFactory, TherapyGroupFactory

    from .conftest import pacific_today

    cohort = CohortFactory(
        group=TherapyGroupFactory(open_group=True),
        lead_therapist=therapist,
        first_session_date=pacific_today() - dt.timedelta(weeks=5),
        entry_interval_weeks=4,
    )
    entry = cohort.sessions.filter(is_entry_point=True).order_by("starts_at")[1]
    EnrollmentFactory(cohort=cohort, enrolled=True, start_session=entry)

    page = roster(as_user(therapist.user), cohort)

    assert page.count('<span class="visually-hidden">Not started yet</span>') == 4
