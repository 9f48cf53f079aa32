"""The database keeps couples together in seats, whatever writes to the table."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from enrollment.models import Enrollment
from tests.factories import (
    ClientFactory,
    CohortFactory,
    CouplesCohortFactory,
    EnrollmentFactory,
    couple_of,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Enrollment.Status


def test_a_raw_update_seating_one_partner_of_a_waitlisted_couple_is_refused_at_commit():
    cohort = CouplesCohortFactory()
    couple, (one, other) = couple_of(cohort, waitlisted=True)

    with (
        pytest.raises(IntegrityError, match="couple"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE enrollment_enrollment SET status = 'requested' WHERE id = %s", [one.pk]
        )

    assert Enrollment.objects.filter(couple=couple, holds_seat=True).count() == 0


def test_a_raw_insert_of_a_single_partner_seat_is_refused_at_commit():
    cohort = CouplesCohortFactory()
    couple, _ = couple_of(cohort, waitlisted=True)
    third = ClientFactory()

    with (
        pytest.raises(IntegrityError, match="couple"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "INSERT INTO enrollment_enrollment (client_id, cohort_id, couple_id, status,"
            " is_urgent, created_at, priority, seeing_therapist, hopes, confirmed_adult,"
            " agreement_version) VALUES (%s, %s, %s, 'requested', false, now(), 0, '',"
            " '', true, '')",
            [third.pk, cohort.pk, couple.pk],
        )

    assert not Enrollment.objects.filter(client=third).exists()


def test_withdrawing_one_seated_partner_alone_is_refused_at_commit():
    cohort = CouplesCohortFactory()
    couple, (one, _) = couple_of(cohort, enrolled=True)

    with pytest.raises(IntegrityError, match="couple"), transaction.atomic():
        Enrollment.objects.filter(pk=one.pk).update(status=S.WITHDRAWN)

    assert Enrollment.objects.filter(couple=couple, holds_seat=True).count() == 2


def test_moving_both_partners_in_one_transaction_is_accepted():
    cohort = CouplesCohortFactory()
    couple, (one, other) = couple_of(cohort, waitlisted=True)

    with transaction.atomic():
        Enrollment.objects.filter(pk=one.pk).update(
            status=S.OFFERED, offer_expires_at=timezone.now()
        )
        Enrollment.objects.filter(pk=other.pk).update(
            status=S.OFFERED, offer_expires_at=timezone.now()
        )

    assert Enrollment.objects.filter(couple=couple, holds_seat=True).count() == 2


def test_a_partner_kept_alone_by_the_coordinator_may_hold_one_seat():
    cohort = CouplesCohortFactory()
    couple, (one, _) = couple_of(cohort, enrolled=True)
    couple.kept_alone_at = timezone.now()
    couple.save()

    with transaction.atomic():
        Enrollment.objects.filter(pk=one.pk).update(status=S.WITHDRAWN)

    assert Enrollment.objects.filter(couple=couple, holds_seat=True).count() == 1


def test_a_seat_without_a_couple_in_a_couples_group_is_refused():
    cohort = CouplesCohortFactory()

    with pytest.raises(IntegrityError, match="without a couple"), transaction.atomic():
        EnrollmentFactory(cohort=cohort)

    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_a_single_seat_in_any_other_group_is_fine():
    cohort = CohortFactory()

    with transaction.atomic():
        EnrollmentFactory(cohort=cohort)

    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 1
