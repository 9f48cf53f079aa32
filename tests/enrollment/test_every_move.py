"""Every move the table allows works through its service and is recorded; every other is
refused and leaves the place, its history and its emails as they were."""

import pytest

from enrollment import services
from enrollment.agreements import DEFAULT_VERSION
from enrollment.models import Enrollment, EnrollmentEvent
from enrollment.services import MOVES, EnrollmentError
from notifications.models import Notification
from tests.factories import CohortFactory, CouplesCohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def move(enrollment, to, actor):
    """Call the one service that makes `to` happen, as admin and the public pages do."""
    pk = enrollment.pk
    if enrollment.status == S.PLACED and to in (S.ENROLLED, S.SCREENING, S.REQUESTED):
        # Only the person's own confirmation moves a staff placement on.
        return services.placement_confirm(
            enrollment_id=pk,
            state="CA",
            crisis=to == S.SCREENING,
            agreement_version=DEFAULT_VERSION,
        )
    if to == S.PLACED:
        return services.enrollment_place(
            client_id=enrollment.client_id, cohort_id=enrollment.cohort_id, actor=actor
        )
    if to == S.SCREENING:
        return services.enrollment_screen(enrollment_id=pk, actor=actor)
    if to == S.ENROLLED:
        return services.enrollment_enroll(enrollment_id=pk, actor=actor)
    if to == S.WAITLISTED:
        return services.enrollment_waitlist(enrollment_id=pk, actor=actor)
    if to == S.DECLINED:
        return services.enrollment_decline(enrollment_id=pk, reason="Not a fit now", actor=actor)
    if to == S.WITHDRAWN:
        return services.enrollment_withdraw(enrollment_id=pk, actor=actor)
    if to == S.OFFERED:
        return services.offer_make(enrollment_id=pk, actor=actor)
    if to == S.REQUESTED:
        return services.offer_accept(enrollment_id=pk)
    raise AssertionError(to)


ALLOWED = sorted((frm, to) for frm, tos in MOVES.items() for to in tos)
# Placing someone whose place ended is a new place (a new row), not a move of the old one.
REFUSED = sorted(
    (frm, to)
    for frm in MOVES
    for to in S.values
    if to not in MOVES[frm] and to != frm and not (MOVES[frm] == frozenset() and to == S.PLACED)
)


def place(status, to=None):
    if (status, to) == (S.PLACED, S.REQUESTED):
        # A couple's partner confirming beside a partner who signed the two of them up.
        cohort = CouplesCohortFactory(capacity=4, min_to_run=2)
        signed_up = services.couple_request(
            cohort=cohort,
            email="ana@mail.example",
            first_name="Ana",
            partner_first_name="Bea",
            partner_email="bea@mail.example",
            state="CA",
            city="Riverside",
            confirmed_adult=True,
            agreement_version=DEFAULT_VERSION,
        )
        return Enrollment.objects.exclude(pk=signed_up.enrollment.pk).get(
            couple=signed_up.enrollment.couple
        )
    cohort = CohortFactory(capacity=4, min_to_run=1)
    traits = {s: True for s in (status,) if s != S.REQUESTED}
    return EnrollmentFactory(cohort=cohort, **traits)


@pytest.mark.parametrize(("frm", "to"), ALLOWED)
def test_each_allowed_move_happens_and_is_recorded(frm, to, coordinator):
    enrollment = place(frm, to)

    move(enrollment, to, coordinator)

    enrollment.refresh_from_db()
    assert enrollment.status == to
    event = EnrollmentEvent.objects.filter(enrollment=enrollment).latest("pk")
    assert (event.from_status, event.to_status) == (frm, to)


@pytest.mark.parametrize(("frm", "to"), REFUSED)
def test_each_move_outside_the_table_is_refused_and_saves_nothing(frm, to, coordinator):
    enrollment = place(frm)
    before = (EnrollmentEvent.objects.count(), Notification.objects.count())

    with pytest.raises(EnrollmentError):
        move(enrollment, to, coordinator)

    enrollment.refresh_from_db()
    assert enrollment.status == frm
    assert (EnrollmentEvent.objects.count(), Notification.objects.count()) == before
