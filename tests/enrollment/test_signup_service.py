import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client, Lead
from cohorts import enrolling
from cohorts.models import Cohort
from enrollment import services
from enrollment.agreements import DEFAULT_VERSION, agreement_for
from enrollment.models import Enrollment, EnrollmentEvent, GroupAgreement
from enrollment.services import EnrollmentError
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import (
    ClientFactory,
    CohortFactory,
    EnrollmentFactory,
    GroupAgreementFactory,
    TherapyGroupFactory,
)

from .helpers import enrollment_rows, fill, sign_up

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def assert_nothing_saved():
    assert Enrollment.objects.count() == 0
    assert Client.objects.count() == 0
    assert Lead.objects.count() == 0
    assert EnrollmentEvent.objects.count() == 0
    assert Notification.objects.count() == 0


def test_a_sign_up_with_a_free_seat_holds_a_seat_for_review(cohort, send_due):
    result = sign_up(cohort)

    enrollment = Enrollment.objects.get()
    assert result.created and enrollment == result.enrollment
    assert enrollment.status == S.REQUESTED and enrollment.holds_seat
    assert enrollment.client.email == "ana.rivera@mail.example"
    event = enrollment.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", S.REQUESTED, "client")
    lead = enrollment.lead
    assert lead.source == Lead.Source.GROUP_SIGNUP and lead.interested_group == cohort.group
    assert not lead.is_urgent

    sent = send_due()
    assert [m.to for m in sent] == [["ana.rivera@mail.example"]]
    assert sent[0].subject == f"Your request at {settings.PRACTICE_NAME}"


def test_a_sign_up_for_a_full_cohort_goes_on_the_waitlist(cohort, send_due):
    fill(cohort, 3)

    result = sign_up(cohort, email="late@mail.example")

    assert result.created and result.waitlisted
    assert not Enrollment.objects.get(pk=result.enrollment.pk).holds_seat
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    assert result.enrollment.events.get().reason == services.SIGNED_UP_FULL
    assert Lead.objects.get(client__email="late@mail.example").status == Lead.Status.WAITLISTED
    waitlist_mail = [m for m in send_due() if m.to == ["late@mail.example"]]
    assert len(waitlist_mail) == 1
    assert "waitlist" in waitlist_mail[0].subject.lower()


def test_signing_up_twice_makes_no_second_place_and_no_second_email(cohort, send_due):
    first = sign_up(cohort)
    again = sign_up(cohort, email="ANA.Rivera@mail.example", first_name="Someone else")

    assert not again.created and again.enrollment.pk == first.enrollment.pk
    assert Enrollment.objects.count() == 1
    assert Lead.objects.count() == 1
    assert Client.objects.get().first_name == "Ana"
    assert enrollment_rows().count() == 1
    assert len(send_due()) == 1


def test_a_repeat_sign_up_with_someones_address_changes_none_of_their_details(cohort):
    first = sign_up(cohort, phone="", city="", preferred_name="")

    again = sign_up(cohort, phone="702-555-0199", city="Reno", preferred_name="Mal")

    assert not again.created and again.enrollment.pk == first.enrollment.pk
    ana = Client.objects.get()
    assert (ana.phone, ana.city, ana.preferred_name) == ("", "", "")


def test_a_new_place_fills_in_blank_details_of_someone_known_and_keeps_the_rest(db):
    known = ClientFactory(email="ana.rivera@mail.example", first_name="Ana", phone="")
    cohort = CohortFactory()

    sign_up(cohort, first_name="Someone", phone="951-555-0101")

    known.refresh_from_db()
    assert (known.first_name, known.phone) == ("Ana", "951-555-0101")


def test_an_out_of_state_sign_up_for_an_online_group_is_refused_and_nothing_saved(cohort):
    with pytest.raises(EnrollmentError, match="licensed in California"):
        sign_up(cohort, state="NV", city="Las Vegas")

    assert str(OUTSIDE_CALIFORNIA).startswith("Our therapists are licensed")
    assert_nothing_saved()


def test_people_from_out_of_state_may_join_an_in_person_group(db):
    cohort = CohortFactory(group=TherapyGroupFactory(in_person=True))

    result = sign_up(cohort, state="NV", city="Las Vegas")

    assert result.enrollment.status == S.REQUESTED


def test_a_closed_cohort_refuses_sign_ups_after_its_deadline_and_saves_nothing(cohort):
    cohort.enrollment_deadline = timezone.now() - dt.timedelta(minutes=1)
    cohort.save()

    with pytest.raises(EnrollmentError, match=str(enrolling.COHORT_CLOSED)):
        sign_up(cohort)

    assert_nothing_saved()


def test_a_closed_cohort_refuses_sign_ups_once_it_has_begun(cohort):
    after_start = cohort.first_session_start + dt.timedelta(minutes=5)

    with pytest.raises(EnrollmentError, match=str(enrolling.COHORT_CLOSED)):
        sign_up(cohort, now=after_start)

    assert_nothing_saved()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Cohort.Status.DRAFT, enrolling.COHORT_NOT_OPEN),
        (Cohort.Status.CANCELLED, enrolling.COHORT_CANCELLED_REFUSAL),
    ],
)
def test_draft_and_cancelled_cohorts_take_no_sign_ups(db, status, message):
    cohort = CohortFactory(status=status)

    with pytest.raises(EnrollmentError, match=str(message)):
        sign_up(cohort)

    assert_nothing_saved()


def test_an_open_group_takes_sign_ups_any_time_and_starts_people_at_the_next_entry_point(
    open_cohort,
):
    now = timezone.now()
    result = sign_up(open_cohort, now=now)

    start = result.enrollment.start_session
    assert start.is_entry_point and start.starts_at > now
    later_entry_points = open_cohort.sessions.filter(
        is_entry_point=True, starts_at__gt=now, starts_at__lt=start.starts_at
    )
    assert not later_entry_points.exists()


def test_a_crisis_answer_makes_an_urgent_request_and_alerts_the_coordinator(cohort):
    result = sign_up(cohort, crisis=True)

    enrollment = result.enrollment
    assert enrollment.status == S.REQUESTED and enrollment.is_urgent
    assert enrollment.lead.is_urgent
    alert = Notification.objects.get(kind=Kind.LEAD_URGENT_ALERT)
    assert alert.to_email == settings.COORDINATOR_EMAIL


def test_a_crisis_sign_up_for_a_full_cohort_is_waitlisted_and_never_offered_automatically(
    cohort,
):
    members = fill(cohort, 3)
    urgent = sign_up(cohort, email="urgent@mail.example", crisis=True).enrollment
    calm = sign_up(cohort, email="calm@mail.example").enrollment

    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    urgent.refresh_from_db()
    calm.refresh_from_db()
    assert urgent.status == S.WAITLISTED and urgent.is_urgent
    assert calm.status == S.OFFERED


def test_the_agreement_version_and_time_are_stored(cohort):
    agreement = GroupAgreementFactory(group=cohort.group, version="group-7")
    now = timezone.now()

    enrollment = sign_up(cohort, agreement_version="group-7", now=now).enrollment

    assert enrollment.agreement == agreement
    assert enrollment.agreement_version == "group-7"
    assert enrollment.agreed_at == now


def test_a_cohort_agreement_wins_over_the_group_and_the_practice_default(cohort):
    GroupAgreementFactory(group=cohort.group, version="group")
    mine = GroupAgreementFactory(cohort=cohort, version="cohort")
    GroupAgreementFactory(version="newer-default")

    enrollment = sign_up(cohort, agreement_version="cohort").enrollment

    assert enrollment.agreement == mine


def test_another_groups_own_agreement_never_applies(cohort):
    ours = GroupAgreementFactory(group=cohort.group, version="ours")
    GroupAgreementFactory(group=TherapyGroupFactory(), version="theirs-newer")

    assert agreement_for(cohort) == ours
    ours.delete()
    assert agreement_for(cohort).version == DEFAULT_VERSION


def test_a_sign_up_against_an_older_agreement_is_refused_and_nothing_saved(cohort):
    GroupAgreementFactory(group=cohort.group, version="2027-2")

    with pytest.raises(EnrollmentError, match="updated while you were reading"):
        sign_up(cohort, agreement_version="2026-1")

    assert_nothing_saved()


def test_the_practice_default_agreement_is_there_from_the_start(cohort):
    enrollment = sign_up(cohort).enrollment

    assert enrollment.agreement.group is None and enrollment.agreement.cohort is None
    assert GroupAgreement.objects.filter(group=None, cohort=None).count() == 1


def test_a_sign_up_without_confirming_adulthood_is_refused(cohort):
    with pytest.raises(EnrollmentError, match="18 or older"):
        sign_up(cohort, confirmed_adult=False)

    assert_nothing_saved()


def test_someone_who_left_can_sign_up_again_as_a_new_place(cohort):
    client = ClientFactory(email="ana.rivera@mail.example")
    old = EnrollmentFactory(client=client, cohort=cohort, withdrawn=True)

    result = sign_up(cohort)

    assert result.created and result.enrollment.pk != old.pk
    assert Client.objects.count() == 1


def test_the_same_person_in_two_cohorts_is_one_client(cohort):
    other = CohortFactory()

    sign_up(cohort)
    sign_up(other, email="Ana.Rivera@mail.example")

    assert Client.objects.count() == 1
    assert Enrollment.objects.count() == 2
