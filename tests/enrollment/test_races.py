"""Real races against PostgreSQL: threads with their own connections, started together."""

import pytest
from django.db import IntegrityError, connection

from enrollment import services
from enrollment.models import Enrollment
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import ClientFactory, CohortFactory, EnrollmentFactory
from tests.races import race

from .helpers import fill, sign_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Enrollment.Status


def test_thirty_people_racing_for_three_seats_give_three_holders_and_a_waitlist_of_27():
    cohort = CohortFactory(capacity=3, min_to_run=1)

    outcomes = race(30, lambda i: sign_up(cohort, email=f"racer{i}@mail.example"))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    assert Enrollment.objects.filter(cohort=cohort, status=S.WAITLISTED).count() == 27
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_RECEIVED).count() == 3
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_WAITLISTED).count() == 27


def test_one_person_submitting_five_times_at_once_gets_one_place_and_one_email():
    cohort = CohortFactory(capacity=3, min_to_run=1)

    outcomes = race(5, lambda i: sign_up(cohort, email="same@mail.example"))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sum(o.created for o in outcomes) == 1
    assert Enrollment.objects.count() == 1
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_RECEIVED).count() == 1


def test_two_accepts_of_one_offer_at_once_give_one_seat():
    cohort = CohortFactory(capacity=3, min_to_run=1)
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    outcomes = race(2, lambda i: services.offer_accept(enrollment_id=waiting.pk))

    accepted = [o for o in outcomes if isinstance(o, Enrollment)]
    refused = [o for o in outcomes if isinstance(o, services.EnrollmentError)]
    assert len(accepted) == 1 and len(refused) == 1
    assert str(refused[0]) == services.OFFER_NOT_OPEN
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    assert waiting.events.filter(reason=services.OFFER_ACCEPTED).count() == 1


def test_staff_seating_two_waitlisted_people_for_one_free_seat_at_once_seat_one():
    cohort = CohortFactory(capacity=3, min_to_run=1)
    EnrollmentFactory.create_batch(2, cohort=cohort, enrolled=True)
    waiting = EnrollmentFactory.create_batch(2, cohort=cohort, waitlisted=True)

    outcomes = race(2, lambda i: services.enrollment_enroll(enrollment_id=waiting[i].pk))

    assert sum(isinstance(o, Enrollment) for o in outcomes) == 1
    assert [str(o) for o in outcomes if isinstance(o, Exception)] == [services.COHORT_FULL]
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3


def test_the_database_itself_refuses_a_seat_beyond_capacity():
    # A write that skips the services (a shell, a data fix) still cannot oversell.
    cohort = CohortFactory(capacity=1, min_to_run=1)
    EnrollmentFactory(cohort=cohort, enrolled=True)

    with pytest.raises(IntegrityError, match="capacity"):
        EnrollmentFactory(cohort=cohort, client=ClientFactory(), enrolled=True)

    assert Enrollment.objects.filter(cohort=cohort).count() == 1


RACERS = 10


@pytest.fixture
def without_cohort_lock(monkeypatch):
    """Take away the service's lock and hold every racer between counting and inserting until
    all of them have counted, the way a naive "count, then insert" sign-up behaves under load.
    The barrier makes the interleaving certain: every racer sees three free seats."""
    import threading

    from cohorts.models import Cohort
    from enrollment.services import signup

    counted = signup._signup_counts
    all_counted = threading.Barrier(RACERS)

    def count_then_wait(*args):
        counts = counted(*args)
        all_counted.wait(timeout=30)
        return counts

    monkeypatch.setattr(signup, "_locked_cohorts", lambda: Cohort.objects.all())
    monkeypatch.setattr(signup, "_signup_counts", count_then_wait)


@pytest.fixture
def without_capacity_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE enrollment_enrollment DISABLE TRIGGER enrollment_capacity_guard"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE enrollment_enrollment ENABLE TRIGGER enrollment_capacity_guard")


def test_without_any_guard_the_same_race_oversells(without_cohort_lock, without_capacity_trigger):
    # Shows the race the lock exists for: this is what the tests above would see without it.
    cohort = CohortFactory(capacity=3, min_to_run=1)

    outcomes = race(RACERS, lambda i: sign_up(cohort, email=f"racer{i}@mail.example"))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == RACERS


def test_without_the_lock_the_database_trigger_still_refuses_to_oversell(without_cohort_lock):
    cohort = CohortFactory(capacity=3, min_to_run=1)

    outcomes = race(RACERS, lambda i: sign_up(cohort, email=f"racer{i}@mail.example"))

    # Every racer counted three free seats before any inserted, so exactly the seven who
    # came after the third insert meet the trigger.
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == RACERS - 3
    assert all(isinstance(e, IntegrityError) and "capacity" in str(e) for e in errors)


def test_a_staff_placement_racing_public_sign_ups_for_the_last_seat_never_oversells(
    coordinator,
):
    cohort = CohortFactory(capacity=3, min_to_run=1)
    fill(cohort, 2)
    placed = ClientFactory(email="placed@mail.example")

    def work(i):
        if i == 0:
            return services.enrollment_place(
                client_id=placed.pk, cohort_id=cohort.pk, actor=coordinator
            ).enrollment
        return sign_up(cohort, email=f"racer{i}@mail.example").enrollment

    outcomes = race(10, work)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3
    last_seat = [o for o in outcomes if o.status in (S.PLACED, S.REQUESTED)]
    assert len(last_seat) == 1
    assert Enrollment.objects.filter(cohort=cohort, status=S.WAITLISTED).count() == 9
