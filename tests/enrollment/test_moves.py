import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from clients.models import Lead
from cohorts.models import Cohort
from enrollment import services
from enrollment.models import LIVE, Enrollment, EnrollmentEvent
from enrollment.services import MOVES, EnrollmentError
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import CohortFactory, EnrollmentFactory

from .helpers import enrollment_rows, fill, sign_up

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def snapshot(enrollment):
    """What a refusal must leave untouched: the row, its history and its emails."""
    enrollment.refresh_from_db()
    return (
        enrollment.status,
        enrollment.offer_expires_at,
        EnrollmentEvent.objects.count(),
        Notification.objects.count(),
    )


def test_the_move_table_covers_every_status_and_ends_in_withdrawn_or_declined():
    assert set(MOVES) == set(S.values)
    assert MOVES[S.WITHDRAWN] == MOVES[S.DECLINED] == frozenset()
    for status in LIVE:
        assert {S.WITHDRAWN, S.DECLINED} <= MOVES[status]


def test_the_coordinator_moves_a_request_to_screening_then_enrolls_it(cohort, coordinator):
    enrollment = sign_up(cohort).enrollment

    services.enrollment_screen(enrollment_id=enrollment.pk, actor=coordinator)
    services.enrollment_enroll(enrollment_id=enrollment.pk, actor=coordinator)

    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED and enrollment.holds_seat
    moves = list(enrollment.events.values_list("from_status", "to_status", "by", "actor"))
    assert moves == [
        ("", S.REQUESTED, "client", None),
        (S.REQUESTED, S.SCREENING, "staff", coordinator.pk),
        (S.SCREENING, S.ENROLLED, "staff", coordinator.pk),
    ]
    assert enrollment_rows().filter(kind=Kind.ENROLLMENT_ENROLLED).count() == 1
    assert Lead.objects.get().status == Lead.Status.ENROLLED


def test_declining_needs_a_reason_and_a_refusal_changes_nothing(cohort, coordinator):
    enrollment = sign_up(cohort).enrollment
    before = snapshot(enrollment)

    with pytest.raises(EnrollmentError, match=services.REASON_REQUIRED):
        services.enrollment_decline(enrollment_id=enrollment.pk, reason="  ", actor=coordinator)

    assert snapshot(enrollment) == before


def test_declining_records_the_reason_and_sends_a_kind_email(cohort, coordinator, send_due):
    enrollment = sign_up(cohort).enrollment

    services.enrollment_decline(
        enrollment_id=enrollment.pk, reason="Needs individual work first", actor=coordinator
    )

    enrollment.refresh_from_db()
    assert enrollment.status == S.DECLINED and not enrollment.holds_seat
    assert enrollment.events.last().reason == "Needs individual work first"
    declined = [m for m in send_due() if "fit" in m.body]
    assert len(declined) == 1
    assert "individual work" not in declined[0].body


def test_a_move_the_table_does_not_allow_is_refused_and_changes_nothing(cohort, coordinator):
    enrollment = EnrollmentFactory(cohort=cohort, enrolled=True)
    before = snapshot(enrollment)

    with pytest.raises(EnrollmentError, match="enrolled cannot be moved to waitlisted"):
        services.enrollment_waitlist(enrollment_id=enrollment.pk, actor=coordinator)

    assert snapshot(enrollment) == before


def test_a_withdrawn_place_cannot_be_withdrawn_again(cohort):
    enrollment = EnrollmentFactory(cohort=cohort, withdrawn=True)
    before = snapshot(enrollment)

    with pytest.raises(EnrollmentError, match="withdrawn cannot be moved"):
        services.enrollment_withdraw(enrollment_id=enrollment.pk)

    assert snapshot(enrollment) == before


def test_staff_cannot_seat_someone_from_the_waitlist_in_a_full_cohort(cohort, coordinator):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    before = snapshot(waiting)

    with pytest.raises(EnrollmentError, match=str(services.COHORT_FULL)):
        services.enrollment_enroll(enrollment_id=waiting.pk, actor=coordinator)

    assert snapshot(waiting) == before


def test_a_withdrawal_offers_the_seat_to_the_next_person_waiting(cohort, send_due):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    now = timezone.now()

    services.enrollment_withdraw(enrollment_id=members[1].enrollment.pk, now=now)

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED and waiting.holds_seat
    assert waiting.offer_expires_at == now + dt.timedelta(hours=settings.WAITLIST_OFFER_HOURS)
    assert waiting.events.last().by == EnrollmentEvent.By.SYSTEM
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    offers = [m for m in send_due() if m.to == ["late@mail.example"] and "seat" in m.subject]
    assert len(offers) == 1


def test_moving_a_seat_holder_to_the_waitlist_passes_the_seat_on(cohort, coordinator):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment

    services.enrollment_waitlist(enrollment_id=members[0].enrollment.pk, actor=coordinator)

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_the_waitlist_goes_by_priority_then_sign_up_time(cohort):
    members = fill(cohort, 3)
    now = timezone.now()
    first = sign_up(cohort, email="first@mail.example", now=now).enrollment
    second = sign_up(cohort, email="second@mail.example", now=now).enrollment
    third = sign_up(cohort, email="third@mail.example", now=now).enrollment
    Enrollment.objects.filter(pk=third.pk).update(priority=5)

    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    services.enrollment_withdraw(enrollment_id=members[1].enrollment.pk)

    statuses = dict(
        Enrollment.objects.filter(status__in=[S.OFFERED, S.WAITLISTED]).values_list("pk", "status")
    )
    assert statuses == {third.pk: S.OFFERED, first.pk: S.OFFERED, second.pk: S.WAITLISTED}


def test_an_offer_never_runs_past_the_enrollment_deadline(cohort):
    members = fill(cohort, 3)
    sign_up(cohort, email="late@mail.example")
    deadline = timezone.now() + dt.timedelta(hours=5)
    cohort.enrollment_deadline = deadline
    cohort.save()

    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    assert Enrollment.objects.get(status=S.OFFERED).offer_expires_at == deadline


def test_no_offer_is_made_when_the_group_is_about_to_start(cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    just_before = cohort.first_session_start - dt.timedelta(minutes=30)

    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk, now=just_before)

    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert not enrollment_rows().filter(kind=Kind.ENROLLMENT_OFFERED).exists()


def test_accepting_an_offer_keeps_the_seat_and_goes_back_to_the_coordinator(cohort, send_due):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    send_due()

    services.offer_accept(enrollment_id=waiting.pk)

    waiting.refresh_from_db()
    assert waiting.status == S.REQUESTED and waiting.holds_seat
    assert waiting.offer_expires_at is None
    assert waiting.events.last().reason == services.OFFER_ACCEPTED
    later = send_due()[-1]
    assert later.to == ["late@mail.example"] and "Thank you for taking the seat" in later.body


def test_a_second_accept_of_the_same_offer_is_refused_and_changes_nothing(cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    services.offer_accept(enrollment_id=waiting.pk)
    before = snapshot(waiting)

    with pytest.raises(EnrollmentError, match=str(services.OFFER_NOT_OPEN)):
        services.offer_accept(enrollment_id=waiting.pk)

    assert snapshot(waiting) == before


def test_an_expired_offer_cannot_be_accepted_and_nothing_changes(cohort):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    waiting.refresh_from_db()
    before = snapshot(waiting)

    with pytest.raises(EnrollmentError, match=str(services.OFFER_EXPIRED)):
        services.offer_accept(
            enrollment_id=waiting.pk, now=waiting.offer_expires_at + dt.timedelta(seconds=1)
        )

    assert snapshot(waiting) == before


def test_declining_an_offer_passes_the_seat_to_the_next_person(cohort):
    members = fill(cohort, 3)
    first = sign_up(cohort, email="first@mail.example").enrollment
    second = sign_up(cohort, email="second@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    services.offer_decline(enrollment_id=first.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.WITHDRAWN and first.events.last().reason == services.OFFER_DECLINED
    assert second.status == S.OFFERED


def test_expired_offers_end_and_the_seat_moves_down_the_waitlist(cohort, send_due):
    members = fill(cohort, 3)
    first = sign_up(cohort, email="first@mail.example").enrollment
    second = sign_up(cohort, email="second@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    first.refresh_from_db()
    after = first.offer_expires_at + dt.timedelta(minutes=1)

    assert services.offers_expire(now=first.offer_expires_at - dt.timedelta(minutes=1)) == 0
    assert services.offers_expire(now=after) == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.WITHDRAWN
    assert first.events.last().reason == services.OFFER_RAN_OUT
    assert first.events.last().by == EnrollmentEvent.By.SYSTEM
    assert second.status == S.OFFERED
    ran_out = [m for m in send_due(after) if m.to == ["first@mail.example"]]
    assert any("not taken up in time" in m.body for m in ran_out)


def test_staff_can_offer_a_free_seat_to_an_urgent_person_on_the_waitlist(cohort, coordinator):
    members = fill(cohort, 3)
    urgent = sign_up(cohort, email="urgent@mail.example", crisis=True).enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    services.offer_make(enrollment_id=urgent.pk, actor=coordinator)

    urgent.refresh_from_db()
    assert urgent.status == S.OFFERED
    assert urgent.events.last().actor == coordinator


def test_staff_cannot_offer_a_seat_that_is_not_free(cohort, coordinator):
    fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    before = snapshot(waiting)

    with pytest.raises(EnrollmentError, match=str(services.COHORT_FULL)):
        services.offer_make(enrollment_id=waiting.pk, actor=coordinator)

    assert snapshot(waiting) == before


def test_only_someone_waiting_can_be_offered_a_seat(cohort, coordinator):
    enrollment = sign_up(cohort).enrollment
    before = snapshot(enrollment)

    with pytest.raises(EnrollmentError, match=services.NOT_WAITLISTED):
        services.offer_make(enrollment_id=enrollment.pk, actor=coordinator)

    assert snapshot(enrollment) == before


def test_saving_a_cohort_outside_admin_offers_nothing_and_reads_nothing_extra(
    cohort, django_capture_on_commit_callbacks, django_assert_num_queries
):
    # No rule hangs on Cohort saves: the caller that wants offers calls the service.
    fill(cohort, 3)
    waiting = sign_up(cohort, email="first@mail.example").enrollment

    with (
        django_capture_on_commit_callbacks(execute=True),
        django_assert_num_queries(1),  # the UPDATE, and no SELECT before it
    ):
        cohort.capacity = 4
        cohort.save()

    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert not Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED).exists()


def test_following_a_raised_capacity_offers_the_new_seats(cohort):
    fill(cohort, 3)
    first = sign_up(cohort, email="first@mail.example").enrollment
    second = sign_up(cohort, email="second@mail.example").enrollment
    Cohort.objects.filter(pk=cohort.pk).update(capacity=4)

    offers = services.cohort_capacity_follow(cohort_id=cohort.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert offers == [first]
    assert (first.status, second.status) == (S.OFFERED, S.WAITLISTED)
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED).count() == 1


def test_cancelling_a_cohort_tells_its_members_and_points_them_to_the_next_one(cohort, send_due):
    from cohorts.services import cohort_cancel

    following = CohortFactory(
        group=cohort.group, first_session_date=cohort.first_session_date + dt.timedelta(weeks=10)
    )
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    gone = EnrollmentFactory(cohort=cohort, withdrawn=True)

    cohort_cancel(cohort_id=cohort.pk)

    assert set(Enrollment.objects.filter(cohort=cohort).values_list("status", flat=True)) == {
        S.DECLINED,
        S.WITHDRAWN,
    }
    gone.refresh_from_db()
    assert gone.status == S.WITHDRAWN
    assert waiting.events.last().reason == services.COHORT_CANCELLED_REASON
    told = [m for m in send_due() if "will not go ahead" in m.body]
    assert sorted(m.to[0] for m in told) == sorted(
        [m.enrollment.client.email for m in members] + ["late@mail.example"]
    )
    assert f"/enroll/{following.pk}/" in told[0].body
