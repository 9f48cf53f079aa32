"""Who may open the therapist pages: staff sign-in, therapists, the coordinator, others."""

import re

import pytest
from django.urls import reverse

from cohorts.models import Cohort
from roster.models import Attendance
from security.forms import STAFF_ONLY
from security.views import SIGNED_OUT
from tests.factories import EnrollmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # StaffUserFactory's


def test_an_anonymous_visitor_is_sent_to_the_staff_sign_in_page(client, running_cohort):
    session = running_cohort.sessions.first()
    for url in (
        reverse("roster:home"),
        reverse("roster:cohort", args=[running_cohort.pk]),
        reverse("roster:attendance", args=[session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_the_sign_in_page_is_calm_and_points_visitors_elsewhere(client):
    response = client.get(reverse("login"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Staff sign-in" in page
    assert "Browse our groups" in page
    assert 'autocomplete="current-password"' in page


def test_a_therapist_signs_in_and_lands_on_their_cohorts(client, therapist, running_cohort):
    response = client.post(
        reverse("login"), {"username": therapist.user.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("roster:home")
    page = client.get(response["Location"]).content.decode()
    assert "My cohorts" in page
    assert "Room to Breathe" in page


def test_sign_in_returns_to_the_page_asked_for(client, therapist, running_cohort):
    roster = reverse("roster:cohort", args=[running_cohort.pk])

    response = client.post(
        reverse("login"),
        {"username": therapist.user.username, "password": PASSWORD, "next": roster},
    )

    assert response["Location"] == roster


def test_a_wrong_password_is_refused_kindly(client, therapist):
    response = client.post(
        reverse("login"), {"username": therapist.user.username, "password": "nope"}
    )

    assert response.status_code == 200
    assert "That username and password don&#x27;t match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_someone_who_is_not_staff_cannot_sign_in_here(client, plain_user):
    response = client.post(
        reverse("login"), {"username": "visitor", "password": "a-long-visitor-password"}
    )

    assert response.status_code == 200
    assert "This sign-in is for the practice" in response.content.decode()
    assert STAFF_ONLY.startswith("This sign-in is for the practice")
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_who_is_not_staff_gets_a_kind_refusal(as_user, plain_user):
    response = as_user(plain_user).get(reverse("roster:home"))

    assert response.status_code == 403
    assert "These pages are for our therapists" in response.content.decode()


def test_staff_who_neither_lead_a_group_nor_coordinate_are_refused(as_user, running_cohort):
    bookkeeper = StaffUserFactory(username="bookkeeper")

    client = as_user(bookkeeper)

    assert client.get(reverse("roster:home")).status_code == 403
    assert client.get(reverse("roster:cohort", args=[running_cohort.pk])).status_code == 403


def test_sign_out_is_a_post_and_says_so(as_user, therapist):
    client = as_user(therapist.user)

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert SIGNED_OUT.replace("'", "&#x27;") in response.content.decode()
    assert client.get(reverse("roster:home")).status_code == 302


def test_the_admin_keeps_its_own_sign_in_page(client, coordinator):
    assert client.get("/staff/login/").status_code == 200
    response = client.post(
        "/staff/login/?next=/staff/", {"username": "coordinator", "password": PASSWORD}
    )
    assert response["Location"] == "/staff/"


def test_staff_see_a_staff_link_in_the_site_menu_and_visitors_do_not(client, as_user, therapist):
    assert "My cohorts" not in client.get("/").content.decode()
    assert ">Staff</a>" not in client.get("/").content.decode()

    page = as_user(therapist.user).get("/").content.decode()

    assert f'href="{reverse("roster:home")}"' in page
    assert ">Staff</a>" in page


def test_another_therapists_roster_and_attendance_are_not_found(as_user, therapist, other_cohort):
    client = as_user(therapist.user)
    session = other_cohort.sessions.order_by("starts_at").first()
    EnrollmentFactory(cohort=other_cohort, enrolled=True, client__first_name="Quinn")

    roster = client.get(reverse("roster:cohort", args=[other_cohort.pk]))
    attendance = client.get(reverse("roster:attendance", args=[session.pk]))

    assert (roster.status_code, attendance.status_code) == (404, 404)
    assert "Quinn" not in roster.content.decode() + attendance.content.decode()


def test_marking_attendance_in_another_therapists_cohort_is_refused_and_saves_nothing(
    as_user, therapist, other_cohort
):
    session = other_cohort.sessions.order_by("starts_at").first()
    stranger = EnrollmentFactory(cohort=other_cohort, enrolled=True)

    response = as_user(therapist.user).post(
        reverse("roster:attendance", args=[session.pk]),
        {f"member-{stranger.pk}": "present", f"california-{stranger.pk}": "on"},
    )

    written = Attendance.objects.filter(session=session).count()
    assert (response.status_code, written) == (404, 0)


def without_csrf_tokens(page: str) -> str:
    # A token is drawn fresh for each response; everything else must match byte for byte.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_cohort_that_does_not_exist_looks_the_same_as_someone_elses(
    as_user, therapist, other_cohort
):
    client = as_user(therapist.user)
    EnrollmentFactory(cohort=other_cohort, enrolled=True, client__first_name="Quinn")
    missing = Cohort.objects.order_by("-pk").first().pk + 1000

    someone_elses = client.get(reverse("roster:cohort", args=[other_cohort.pk]))
    nonexistent = client.get(reverse("roster:cohort", args=[missing]))

    assert (someone_elses.status_code, nonexistent.status_code) == (404, 404)
    assert without_csrf_tokens(someone_elses.content.decode()) == without_csrf_tokens(
        nonexistent.content.decode()
    )
    assert "Steady Ground" not in someone_elses.content.decode()
    assert "Quinn" not in someone_elses.content.decode()


def test_a_co_therapist_sees_the_roster_they_co_lead(
    as_user, other_therapist, running_cohort, member
):
    running_cohort.co_therapist = other_therapist
    running_cohort.save()

    response = as_user(other_therapist.user).get(reverse("roster:cohort", args=[running_cohort.pk]))

    assert response.status_code == 200
    assert "Room to Breathe" in response.content.decode()
    assert "Lex Garcia" in response.content.decode()


def test_the_coordinator_opens_any_roster(as_user, coordinator, running_cohort, other_cohort):
    client = as_user(coordinator)
    EnrollmentFactory(cohort=running_cohort, enrolled=True, client__first_name="Marisol")
    EnrollmentFactory(cohort=other_cohort, enrolled=True, client__first_name="Quinn")

    maya = client.get(reverse("roster:cohort", args=[running_cohort.pk])).content.decode()
    sam = client.get(reverse("roster:cohort", args=[other_cohort.pk])).content.decode()

    # Each roster shows its own group and its own member, and nothing of the other.
    assert "Room to Breathe" in maya and "Marisol" in maya
    assert "Steady Ground" not in maya and "Quinn" not in maya
    assert "Steady Ground" in sam and "Quinn" in sam
    assert "Room to Breathe" not in sam and "Marisol" not in sam


def test_roster_pages_are_never_cached_or_indexed(as_user, therapist, running_cohort):
    response = as_user(therapist.user).get(reverse("roster:cohort", args=[running_cohort.pk]))

    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_repeated_wrong_passwords_lock_the_staff_sign_in(client, settings, therapist):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": therapist.user.username, "password": "nope"})

    response = client.post(
        reverse("login"), {"username": therapist.user.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Sign-in is paused for a while" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=therapist.user.username).exists()
