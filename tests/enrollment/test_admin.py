import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from clients.models import ClientAccessLog
from enrollment import services
from enrollment.models import Enrollment, GroupAgreement
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import CohortFactory, EnrollmentFactory, GroupAgreementFactory

from .helpers import fill, sign_up, text

pytestmark = pytest.mark.django_db
S = Enrollment.Status
CHANGELIST = reverse("admin:enrollment_enrollment_changelist")
FILL = reverse("admin:enrollment_cohortfill_changelist")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def act(client, action, enrollments, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [e.pk for e in enrollments], **extra}
    return client.post(CHANGELIST, data, follow=True)


def notes(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_coordinator_sees_enrollments_with_status_and_urgency(
    staff, cohort, django_assert_max_num_queries
):
    sign_up(cohort, first_name="Ana")
    sign_up(cohort, email="b@mail.example", first_name="Bea", crisis=True)
    EnrollmentFactory.create_batch(5, cohort=CohortFactory())

    with django_assert_max_num_queries(14):
        response = staff.get(CHANGELIST)

    page = text(response)
    assert response.status_code == 200
    assert "Ana Rivera" in page and "Bea Rivera" in page
    assert response.context["cl"].result_count == 7
    assert response.context["cl"].result_list[0].is_urgent  # urgent ones first


def test_the_list_filters_by_status_urgency_and_cohort(staff, cohort):
    fill(cohort, 3)
    sign_up(cohort, email="late@mail.example", crisis=True)
    EnrollmentFactory(cohort=CohortFactory())

    waitlisted = staff.get(CHANGELIST, {"status__exact": "waitlisted"}).context["cl"]
    urgent = staff.get(CHANGELIST, {"is_urgent__exact": "1"}).context["cl"]
    mine = staff.get(CHANGELIST, {"cohort__id__exact": cohort.pk}).context["cl"]

    assert [e.client.email for e in waitlisted.result_list] == ["late@mail.example"]
    assert [e.client.email for e in urgent.result_list] == ["late@mail.example"]
    assert mine.result_count == 4


def test_opening_an_enrollment_records_who_viewed_the_client(staff, coordinator, cohort):
    enrollment = sign_up(cohort).enrollment

    response = staff.get(reverse("admin:enrollment_enrollment_change", args=[enrollment.pk]))

    assert response.status_code == 200
    page = text(response)
    assert "ana.rivera@mail.example" in page
    assert "Fewer arguments at home." in page
    log = ClientAccessLog.objects.get()
    assert log.client == enrollment.client and log.user == coordinator
    assert log.where == f"Admin: enrollment #{enrollment.pk}"


def test_status_cannot_be_edited_by_hand(staff, cohort):
    enrollment = sign_up(cohort).enrollment
    url = reverse("admin:enrollment_enrollment_change", args=[enrollment.pk])

    event = enrollment.events.get()
    staff.post(
        url,
        {
            "status": "enrolled",
            "priority": "3",
            "events-TOTAL_FORMS": "1",
            "events-INITIAL_FORMS": "1",
            "events-0-id": event.pk,
            "events-0-enrollment": enrollment.pk,
            "_save": "Save",
        },
    )

    enrollment.refresh_from_db()
    assert enrollment.status == S.REQUESTED
    assert enrollment.priority == 3


def test_the_event_history_is_shown_read_only(staff, coordinator, cohort):
    enrollment = sign_up(cohort).enrollment
    services.enrollment_screen(enrollment_id=enrollment.pk, actor=coordinator)

    page = text(staff.get(reverse("admin:enrollment_enrollment_change", args=[enrollment.pk])))

    assert services.SIGNED_UP in page
    assert "screening" in page
    assert "events-0-reason" not in page  # no editable inline fields


def test_actions_move_places_through_the_services_and_report_counts(staff, coordinator, cohort):
    first = sign_up(cohort, email="a@mail.example").enrollment
    second = sign_up(cohort, email="b@mail.example").enrollment

    screened = act(staff, "move_to_screening", [first, second])
    enrolled = act(staff, "enroll", [first])

    assert "2 enrollments moved to screening." in notes(screened)
    assert "1 enrollment enrolled." in notes(enrolled)
    first.refresh_from_db()
    assert first.status == S.ENROLLED
    assert first.events.last().actor == coordinator
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_ENROLLED).count() == 1


def test_a_refused_action_says_why_and_changes_nothing(staff, cohort):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    before = Notification.objects.count()

    response = act(staff, "enroll", [waiting])

    assert any(str(services.COHORT_FULL) in note and "late" not in note for note in notes(response))
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert Notification.objects.count() == before


def test_declining_asks_for_a_reason_first(staff, cohort):
    enrollment = sign_up(cohort).enrollment

    asked = act(staff, "decline", [enrollment])
    enrollment.refresh_from_db()
    assert enrollment.status == S.REQUESTED
    assert "Reason" in text(asked)

    done = act(staff, "decline", [enrollment], apply="1", reason="Not a fit for this group")

    enrollment.refresh_from_db()
    assert enrollment.status == S.DECLINED
    assert enrollment.events.last().reason == "Not a fit for this group"
    assert "1 enrollment declined." in notes(done)


def test_declining_without_a_reason_asks_again(staff, cohort):
    enrollment = sign_up(cohort).enrollment

    response = act(staff, "decline", [enrollment], apply="1", reason="")

    assert "This field is required" in text(response)
    enrollment.refresh_from_db()
    assert enrollment.status == S.REQUESTED


def test_waitlist_and_offer_actions(staff, cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example", crisis=True).enrollment

    act(staff, "move_to_waitlist", [members[0].enrollment])
    offered = act(staff, "offer_seat", [waiting])

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert "1 enrollment offered a seat." in notes(offered)


def test_the_coordinator_accepts_an_offer_for_someone_who_phoned_in(staff, cohort, coordinator):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    act(staff, "move_to_waitlist", [cohort.enrollments.exclude(pk=waiting.pk).first()])
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED  # the freed seat went to the next person waiting

    accepted = act(staff, "accept_offer", [waiting])

    waiting.refresh_from_db()
    assert waiting.status == S.REQUESTED and waiting.holds_seat
    assert "1 enrollment accepted for the client." in notes(accepted)
    event = waiting.events.latest("pk")
    assert (event.by, event.actor) == ("staff", coordinator)


def test_nobody_adds_or_deletes_places_in_admin(staff, cohort):
    enrollment = sign_up(cohort).enrollment

    assert staff.get(reverse("admin:enrollment_enrollment_add")).status_code == 403
    delete = reverse("admin:enrollment_enrollment_delete", args=[enrollment.pk])
    assert staff.get(delete).status_code == 403


def test_a_cohort_under_its_minimum_two_weeks_out_is_flagged(
    staff, db, django_assert_max_num_queries
):
    soon = CohortFactory(
        first_session_date=timezone.localdate() + dt.timedelta(days=10),
        capacity=8,
        min_to_run=4,
        group__name="Starting soon",
    )
    later = CohortFactory(
        first_session_date=timezone.localdate() + dt.timedelta(days=40),
        capacity=8,
        min_to_run=4,
        group__name="Starting later",
    )
    EnrollmentFactory.create_batch(2, cohort=soon, enrolled=True)
    EnrollmentFactory.create_batch(1, cohort=later, enrolled=True)

    with django_assert_max_num_queries(10):
        response = staff.get(FILL)
    flagged = staff.get(FILL, {"at_risk": "yes"}).context["cl"].result_list

    page = text(response)
    assert "Under minimum: 2 more needed" in page
    assert page.count("Under minimum") == 1
    assert "2 / 8 (min 4)" in page
    assert [c.group.name for c in flagged] == ["Starting soon"]


def test_an_agreement_someone_agreed_to_can_no_longer_be_reworded(staff, cohort):
    agreement = GroupAgreementFactory(group=cohort.group, version="g-1")
    sign_up(cohort, agreement_version="g-1")
    url = reverse("admin:enrollment_groupagreement_change", args=[agreement.pk])

    staff.post(url, {"version": "g-1", "text": "Something else entirely"})

    assert GroupAgreement.objects.get(pk=agreement.pk).text == agreement.text
