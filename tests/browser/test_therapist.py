"""A therapist on a phone signs in, opens a roster, takes attendance and sees it saved;
the sign-in, cohort list, roster and attendance pages pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from groups_site.timezones import PACIFIC
from roster.models import Attendance
from tests.factories import CohortFactory, EnrollmentFactory, TherapistFactory, TherapyGroupFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_a_therapist_takes_attendance_on_a_phone_and_sees_it_saved(live_server, phone):
    maya = TherapistFactory(display_name="Maya Ortiz", user__username="maya")
    other = TherapistFactory(display_name="Sam Patel")
    today = timezone.now().astimezone(PACIFIC).date()
    cohort = CohortFactory(
        group=TherapyGroupFactory(name="Room to Breathe"),
        lead_therapist=maya,
        first_session_date=today - dt.timedelta(days=7),
    )
    CohortFactory(group=TherapyGroupFactory(name="Steady Ground"), lead_therapist=other)
    ana = EnrollmentFactory(
        cohort=cohort, enrolled=True, client__first_name="Ana", client__last_name="Rivera"
    )
    ben = EnrollmentFactory(
        cohort=cohort, enrolled=True, client__first_name="Ben", client__last_name="Okafor"
    )
    EnrollmentFactory(cohort=cohort, screening=True, urgent=True, client__first_name="Cleo")
    EnrollmentFactory(cohort=cohort, waitlisted=True, client__first_name="Wendell")
    first = cohort.sessions.order_by("starts_at").first()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(live_server.url + "/therapist/")
    assert "/accounts/login/?next=/therapist/" in phone.url
    assert serious_violations(phone) == []
    phone.get_by_label("Username").fill("maya")
    phone.get_by_label("Password").fill("correct-horse-battery")
    phone.get_by_role("button", name="Sign in").click()

    phone.wait_for_url("**/therapist/")
    assert phone.locator("h1").inner_text() == "My cohorts"
    assert phone.get_by_text("Steady Ground").count() == 0
    assert serious_violations(phone) == []
    phone.get_by_role("link", name="Open roster for Room to Breathe").click()

    phone.wait_for_url(f"**/therapist/cohorts/{cohort.pk}/")
    assert phone.get_by_text("Ana Rivera").count() >= 1
    assert phone.get_by_text("Urgent: safety follow-up").count() == 1
    assert phone.get_by_text("Wendell").count() == 0
    assert serious_violations(phone) == []
    phone.locator(f"#session-{first.pk}").get_by_role("link", name="Take attendance").click()

    phone.wait_for_url(f"**/therapist/sessions/{first.pk}/attendance/")
    assert serious_violations(phone) == []
    phone.get_by_role("group", name="Ana Rivera").get_by_label("Present").check()
    phone.get_by_role("group", name="Ben Okafor").get_by_label("Excused").check()
    phone.get_by_role("button", name="Save attendance").click()

    phone.wait_for_url(f"**/therapist/cohorts/{cohort.pk}/")
    assert phone.get_by_role("status").inner_text().startswith("Attendance saved for")
    assert (
        phone.locator(f"#session-{first.pk}")
        .get_by_text("1 present, 0 absent, 1 excused")
        .is_visible()
    )
    assert {a.enrollment_id: a.status for a in Attendance.objects.all()} == {
        ana.pk: "present",
        ben.pk: "excused",
    }
    # No sideways scrolling on a phone: the grid scrolls inside its own box.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []


def test_a_therapist_marks_todays_online_meeting_on_a_phone(live_server, phone):
    """Late, absent and the California tick, on a meeting held today whatever the hour:
    it starts at noon Pacific, so at 00:10 marking is already open (under 24 hours ahead)
    and at 23:50 the meeting is over and can still be marked."""
    from clients.emergency import emergency_contact_save
    from roster.models import AttendanceCorrection

    maya = TherapistFactory(display_name="Maya Ortiz", user__username="maya")
    today = timezone.now().astimezone(PACIFIC).date()
    cohort = CohortFactory(
        group=TherapyGroupFactory(name="Evening Circle"),  # online by default
        lead_therapist=maya,
        first_session_date=today - dt.timedelta(days=7),
        start_time=dt.time(12, 0),
    )
    ana = EnrollmentFactory(
        cohort=cohort, enrolled=True, client__first_name="Ana", client__last_name="Rivera"
    )
    ben = EnrollmentFactory(
        cohort=cohort, enrolled=True, client__first_name="Ben", client__last_name="Okafor"
    )
    emergency_contact_save(
        client_id=ana.client_id, name="Rosa Rivera", relationship="Sister", phone="951-555-0188"
    )
    todays = cohort.sessions.get(scheduled_date=today)
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_label("Username").fill("maya")
    phone.get_by_label("Password").fill("correct-horse-battery")
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/therapist/")
    phone.get_by_role("link", name="Open roster for Evening Circle").click()

    phone.wait_for_url(f"**/therapist/cohorts/{cohort.pk}/")
    assert phone.get_by_text("Rosa Rivera").count() == 0
    assert serious_violations(phone) == []
    phone.get_by_role("button", name="Show emergency contact for Ana Rivera").click()
    assert phone.get_by_text("Rosa Rivera").count() == 1
    assert serious_violations(phone) == []
    phone.get_by_role("link", name="Back to the roster").click()

    phone.locator(".take-now").get_by_role("link", name="Take attendance").click()
    phone.wait_for_url(f"**/therapist/sessions/{todays.pk}/attendance/")
    assert serious_violations(phone) == []
    phone.get_by_role("group", name="Ana Rivera").get_by_label("Late").check()
    phone.get_by_label("Ana Rivera said they were in California today").check()
    phone.get_by_role("group", name="Ben Okafor").get_by_label("Absent").check()
    phone.get_by_role("button", name="Save attendance").click()

    phone.wait_for_url(f"**/therapist/cohorts/{cohort.pk}/")
    assert phone.get_by_role("status").inner_text().startswith("Attendance saved for")
    assert phone.get_by_text("not ticked as in California").count() == 0
    assert serious_violations(phone) == []
    marks = {a.enrollment_id: (a.status, a.in_california) for a in Attendance.objects.all()}
    assert marks == {ana.pk: ("late", True), ben.pk: ("absent", False)}
    assert AttendanceCorrection.objects.count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
