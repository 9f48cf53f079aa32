import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client
from enrollment.forms import AGREEMENT_REQUIRED, HOPES_MAX
from enrollment.models import Enrollment
from enrollment.wording import meets
from notifications.models import Notification
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    GroupAgreementFactory,
    TherapyGroupFactory,
)

from .helpers import enrollment_rows, fill, form_data, text

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def signup_url(cohort):
    return reverse("enrollment:signup", args=[cohort.pk])


def test_the_sign_up_page_shows_the_cohort_the_agreement_and_the_seats_left(
    client, cohort, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(signup_url(cohort))

    page = text(response)
    assert response.status_code == 200
    assert "Sign up for this group" in page
    assert "Steady Ground" in page
    assert "3 seats are left" in page
    assert "What members share in the group stays in the group" in page
    assert "private room" in page  # online groups add their own commitments
    assert "I am 18 or older" in page
    assert 'name="crisis"' in page
    assert "crisis-resources" in page and "hidden" in page


def test_an_in_person_group_does_not_ask_for_online_commitments(client, db):
    cohort = CohortFactory(group=TherapyGroupFactory(in_person=True))

    page = text(client.get(signup_url(cohort)))

    assert "What members share in the group stays in the group" in page
    assert "private room" not in page


def test_a_sign_up_holds_a_seat_and_says_so(client, cohort):
    response = client.post(signup_url(cohort), form_data(cohort), follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == reverse("enrollment:done", args=[cohort.pk])
    assert "Thank you, Ana" in page
    assert "holding a seat for you" in page
    assert "Call or text 988" not in page
    enrollment = Enrollment.objects.get()
    assert enrollment.status == S.REQUESTED
    assert enrollment.hopes == "Fewer arguments at home."
    assert enrollment_rows().count() == 1


@pytest.mark.django_db(transaction=True)  # the sign-up's own transaction, no savepoint
def test_a_sign_up_post_reads_once_before_its_lock_and_writes_each_row_once(client, cohort):
    """What every visitor's sign-up waits for: one read before the lock (the cohort, its group
    and the version of its agreement), then the lock, the first meeting and the seat count,
    then one INSERT per row."""
    Browser().post(signup_url(cohort), form_data(cohort, email="first@mail.example"))
    data = form_data(cohort)  # read before counting: the agreement's version
    with CaptureQueriesContext(connection) as queries:
        response = client.post(signup_url(cohort), data)

    assert response.status_code == 302
    assert Enrollment.objects.get(client__email=data["email"]).status == S.REQUESTED
    # SQLite locks the whole database for the transaction instead of the cohort's row.
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    assert statements(queries) == [
        "SELECT cohorts_cohort",
        "INSERT clients_client",
        "INSERT clients_historicalclient",
        "SELECT cohorts_cohort" + lock,
        "SELECT cohorts_session",
        "SELECT enrollment_enrollment",
        "INSERT clients_lead",
        "INSERT clients_historicallead",
        "INSERT clients_leadevent",
        "INSERT enrollment_enrollment",
        "INSERT enrollment_historicalenrollment",
        "INSERT enrollment_enrollmentevent",
        "INSERT notifications_notification",
    ]


def statements(queries) -> list[str]:
    """Each statement as its verb and first table (transaction control left out: SQLite and
    PostgreSQL begin and commit differently)."""
    shown = []
    for query in queries.captured_queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        if verb not in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
            continue
        table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql).group(1)
        locked = " FOR UPDATE" if "FOR UPDATE" in sql else ""
        shown.append(f"{verb} {table}{locked}")
    return shown


def test_a_sign_up_through_the_form_agrees_to_the_groups_own_agreement(client, cohort):
    GroupAgreementFactory(version="practice-newer")
    ours = GroupAgreementFactory(group=cohort.group, version="ours", text="We arrive on time.")
    page = text(client.get(signup_url(cohort)))

    response = client.post(signup_url(cohort), form_data(cohort))

    assert "We arrive on time." in page
    assert response.status_code == 302
    place = Enrollment.objects.get()
    assert place.agreement == ours and place.agreement_version == "ours"


def test_an_agreement_changed_while_the_form_was_open_is_shown_again_and_nothing_saved(
    client, cohort
):
    GroupAgreementFactory(group=cohort.group, version="read", text="We arrive on time.")
    data = form_data(cohort)  # the version on the form the visitor opened
    GroupAgreementFactory(group=cohort.group, version="newer", text="We arrive early.")

    response = client.post(signup_url(cohort), data)

    page = text(response)
    assert response.status_code == 200
    assert "The group agreement was updated while you were reading it" in page
    assert "We arrive early." in page
    assert not Enrollment.objects.exists() and not Client.objects.exists()


def test_a_full_cohort_says_so_before_and_after_signing_up(client, cohort):
    fill(cohort, 3)

    before = text(client.get(signup_url(cohort)))
    after = text(
        client.post(signup_url(cohort), form_data(cohort, email="late@mail.example"), follow=True)
    )

    assert "This group is full right now" in before
    assert "You're on the waitlist" in after
    assert "You don't have a seat yet" in after
    assert Enrollment.objects.get(client__email="late@mail.example").status == S.WAITLISTED


def test_a_yes_to_the_safety_question_shows_crisis_resources_at_once(client, cohort):
    response = client.post(signup_url(cohort), form_data(cohort, crisis="yes"), follow=True)

    page = text(response)
    assert "Call or text 988" in page
    assert "call 911" in page
    assert "reach out" in page or "get in touch" in page
    enrollment = Enrollment.objects.get()
    assert enrollment.is_urgent and enrollment.status == S.REQUESTED


def test_a_yes_stays_visible_when_the_form_comes_back_with_a_problem(client, cohort):
    response = client.post(signup_url(cohort), form_data(cohort, crisis="yes", email="nope"))

    page = text(response)
    assert response.status_code == 200
    assert "Call or text 988" in page
    assert '<div id="crisis-resources" data-crisis-resources >' in page
    assert Enrollment.objects.count() == 0


def test_someone_outside_california_is_told_kindly_and_nothing_is_saved(client, cohort):
    response = client.post(signup_url(cohort), form_data(cohort, state="OR", city="Portland"))

    page = text(response)
    assert response.status_code == 200
    assert str(OUTSIDE_CALIFORNIA) in page
    assert "in-person groups in Riverside" in page
    assert "?format=in_person" in page
    assert Client.objects.count() == Enrollment.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("agree", None, str(AGREEMENT_REQUIRED)),
        ("confirmed_adult", None, "confirm you are 18 or older"),
        ("hopes", "x" * (HOPES_MAX + 1), f"Please shorten this to {HOPES_MAX} characters"),
        ("seeing_therapist", None, "This field is required"),
        ("crisis", None, "Please choose yes or no"),
    ],
)
def test_a_form_with_a_problem_says_what_to_fix_and_saves_nothing(
    client, cohort, field, value, message
):
    response = client.post(signup_url(cohort), form_data(cohort, **{field: value}))

    assert response.status_code == 200
    assert message in text(response)
    assert Enrollment.objects.count() == Client.objects.count() == 0
    assert Notification.objects.count() == 0


def test_a_double_submit_makes_one_place_and_one_email(client, cohort):
    data = form_data(cohort)

    first = client.post(signup_url(cohort), data)
    second = client.post(signup_url(cohort), data, follow=True)

    assert first.status_code == 302
    assert "Thank you, Ana" in text(second)
    assert Enrollment.objects.count() == 1
    assert enrollment_rows().count() == 1


def test_a_sign_up_with_someone_elses_email_reveals_nothing_about_their_place(
    client, cohort, django_assert_max_num_queries
):
    EnrollmentFactory(cohort=cohort, client__email="ana.rivera@mail.example", enrolled=True)
    stranger = Browser()
    data = form_data(cohort, first_name="Mallory")

    # The thank-you reads its cohort whole, not column by column from the post's narrow read.
    with django_assert_max_num_queries(13):
        response = stranger.post(signup_url(cohort), data)

    page = text(response)
    # The same thank-you a first sign-up gets: nothing says someone is already listed.
    assert "Thank you, Mallory" in page
    assert "already" not in page.lower() and "enrolled" not in page.lower()
    assert Enrollment.objects.count() == 1
    assert Client.objects.get().first_name != "Mallory"
    assert Notification.objects.count() == 0


def test_a_closed_cohort_says_so_and_offers_the_next_one(client, cohort):
    cohort.enrollment_deadline = timezone.now() - dt.timedelta(hours=1)
    cohort.save()
    following = CohortFactory(
        group=cohort.group, first_session_date=cohort.first_session_date + dt.timedelta(weeks=9)
    )

    response = client.get(signup_url(cohort))

    page = text(response)
    assert "Sign-ups for this group have closed." in page
    assert f"Meets {meets(cohort)}" in page
    assert signup_url(following) in page
    assert "Sign up for the next one" in page


def test_the_next_cohort_being_full_offers_its_waitlist(client, cohort):
    cohort.enrollment_deadline = timezone.now() - dt.timedelta(hours=1)
    cohort.save()
    following = CohortFactory(
        group=cohort.group,
        capacity=1,
        min_to_run=1,
        first_session_date=cohort.first_session_date + dt.timedelta(weeks=9),
    )
    EnrollmentFactory(cohort=following, enrolled=True)

    page = text(client.get(signup_url(cohort)))

    assert "Join the waitlist for the next one" in page


def test_posting_to_a_closed_cohort_saves_nothing(client, cohort):
    data = form_data(cohort)
    cohort.enrollment_deadline = timezone.now() - dt.timedelta(hours=1)
    cohort.save()

    response = client.post(signup_url(cohort), data)

    assert "Sign-ups for this group have closed." in text(response)
    assert Enrollment.objects.count() == Client.objects.count() == 0
    assert Notification.objects.count() == 0


def test_an_open_group_shows_when_a_new_member_would_start(client, open_cohort):
    now = timezone.now()
    start = (
        open_cohort.sessions.filter(is_entry_point=True, starts_at__gt=now)
        .order_by("starts_at")
        .first()
    )

    page = text(client.get(signup_url(open_cohort)))

    assert "You would start on" in page
    assert timezone.localtime(start.starts_at).strftime("%B %-d") in page


def test_a_draft_cohort_has_no_sign_up_page(client, db):
    cohort = CohortFactory(draft=True)

    assert client.get(signup_url(cohort)).status_code == 404


def test_the_thank_you_page_without_a_sign_up_goes_back_to_the_form(client, cohort):
    response = client.get(reverse("enrollment:done", args=[cohort.pk]))

    assert response.status_code == 302
    assert response["Location"] == signup_url(cohort)


def test_the_sign_up_page_is_never_cached(client, cohort):
    response = client.get(signup_url(cohort))

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_forged_reminder_cookie_shows_nobody_elses_sign_up(client, cohort):
    other = EnrollmentFactory(cohort=cohort, enrolled=True)
    client.cookies["enrollment_signups"] = str(other.pk)

    response = client.get(reverse("enrollment:done", args=[cohort.pk]))

    assert response.status_code == 302
    assert response["Location"] == signup_url(cohort)


def test_the_browser_keeps_only_a_signed_id_of_its_own_sign_up(client, cohort):
    response = client.post(signup_url(cohort), form_data(cohort))

    cookie = response.cookies["enrollment_signups"]
    assert cookie.value.startswith(f"{Enrollment.objects.get().pk}:")
    assert "ana" not in cookie.value.lower()
    assert cookie["httponly"] and cookie["path"] == "/enroll/"
