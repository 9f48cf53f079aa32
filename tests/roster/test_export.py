"""A cohort's roster as a CSV file: contact details and attendance, never the screening or
safety answers, and every download is in the access log with its row count."""

import csv
import io

import pytest
from django.urls import reverse

from clients.models import ClientAccessLog
from roster.exports import COLUMNS
from tests.factories import AttendanceFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def download(client, cohort):
    return client.get(reverse("roster:cohort_csv", args=[cohort.pk]))


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_roster_downloads_as_csv_with_contact_details_and_attendance(
    as_user, therapist, running_cohort, member
):
    first, second = running_cohort.sessions.order_by("starts_at")[:2]
    AttendanceFactory(session=first, enrollment=member, status="present")
    AttendanceFactory(session=second, enrollment=member, status="late")

    response = download(as_user(therapist.user), running_cohort)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    header, *body = rows(response)
    assert header == COLUMNS
    assert body == [
        [
            "Enrolled",
            "Alexandra",
            "Lex",
            "Garcia",
            "lex.garcia@mail.example",
            "951-555-0133",
            "Text message",
            "",
            "1",
            "1",
            "0",
            "0",
        ]
    ]


def test_the_file_leaves_out_screening_and_safety_answers(as_user, therapist, running_cohort):
    EnrollmentFactory(
        cohort=running_cohort,
        enrolled=True,
        urgent=True,
        hopes="Something very private",
        seeing_therapist="yes",
    )

    content = download(as_user(therapist.user), running_cohort).content.decode()

    assert "Something very private" not in content
    assert "urgent" not in content.lower() and "crisis" not in content.lower()
    assert "Seeing" not in content


def test_each_download_is_in_the_access_log_with_its_row_count(
    as_user, coordinator, running_cohort, member
):
    EnrollmentFactory(cohort=running_cohort, enrolled=True)
    EnrollmentFactory(cohort=running_cohort, waitlisted=True)  # not on the roster

    download(as_user(coordinator), running_cohort)

    log = ClientAccessLog.objects.filter(user=coordinator)
    assert log.count() == 2
    assert {row.where for row in log} == {f"roster CSV export, cohort {running_cohort.pk}, 2 rows"}


def test_another_therapists_cohort_cannot_be_downloaded_and_nothing_is_logged(
    as_user, therapist, other_cohort
):
    EnrollmentFactory(cohort=other_cohort, enrolled=True)

    response = download(as_user(therapist.user), other_cohort)

    assert response.status_code == 404
    assert not ClientAccessLog.objects.exists()


def test_a_value_a_spreadsheet_would_run_is_written_as_text(as_user, therapist, running_cohort):
    EnrollmentFactory(cohort=running_cohort, enrolled=True, client__first_name="=HYPERLINK(1)")

    body = rows(download(as_user(therapist.user), running_cohort))[1:]

    assert body[0][1] == "'=HYPERLINK(1)"


def test_the_cohort_fill_list_links_each_roster_file(client, coordinator, running_cohort):
    client.force_login(coordinator)

    page = client.get(reverse("admin:enrollment_cohortfill_changelist")).content.decode()

    assert reverse("roster:cohort_csv", args=[running_cohort.pk]) in page
