"""Every move the table allows works through its service and is recorded; every other is
refused and leaves the place, its history and its emails as they were."""

import re

import pytest

from enrollment import services
from enrollment.agreements import DEFAULT_VERSION
from enrollment.models import Enrollment, EnrollmentEvent
from enrollment.services import EnrollmentError
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


# The moves the practice allows, written out by hand so a change to MOVES shows up here as a
# failing test rather than as a new expectation.
ALLOWED = [
    (S.REQUESTED, S.SCREENING),
    (S.REQUESTED, S.ENROLLED),
    (S.REQUESTED, S.WAITLISTED),
    (S.REQUESTED, S.DECLINED),
    (S.REQUESTED, S.WITHDRAWN),
    (S.SCREENING, S.ENROLLED),
    (S.SCREENING, S.WAITLISTED),
    (S.SCREENING, S.DECLINED),
    (S.SCREENING, S.WITHDRAWN),
    (S.ENROLLED, S.DECLINED),
    (S.ENROLLED, S.WITHDRAWN),
    (S.WAITLISTED, S.OFFERED),
    (S.WAITLISTED, S.PLACED),
    (S.WAITLISTED, S.SCREENING),
    (S.WAITLISTED, S.ENROLLED),
    (S.WAITLISTED, S.DECLINED),
    (S.WAITLISTED, S.WITHDRAWN),
    (S.OFFERED, S.REQUESTED),
    (S.OFFERED, S.WAITLISTED),
    (S.OFFERED, S.DECLINED),
    (S.OFFERED, S.WITHDRAWN),
    (S.PLACED, S.ENROLLED),
    # A couple's partner confirming while the partner who signed them up awaits screening.
    (S.PLACED, S.REQUESTED),
    (S.PLACED, S.SCREENING),
    (S.PLACED, S.WAITLISTED),
    (S.PLACED, S.DECLINED),
    (S.PLACED, S.WITHDRAWN),
]


def not_allowed(frm: str, to: str) -> str:
    return services.MOVE_NOT_ALLOWED.format(from_=S(frm).label.lower(), to=S(to).label.lower())


# Every other move, with the exact refusal the person or the coordinator is shown. Services
# that check their own precondition first (an offer, a live place) answer in their own words.
REFUSED = [
    (S.REQUESTED, S.OFFERED, services.NOT_WAITLISTED),
    (S.REQUESTED, S.PLACED, services.ALREADY_HAS_PLACE),
    (S.SCREENING, S.REQUESTED, services.OFFER_NOT_OPEN),
    (S.SCREENING, S.OFFERED, services.NOT_WAITLISTED),
    (S.SCREENING, S.PLACED, services.ALREADY_HAS_PLACE),
    (S.ENROLLED, S.REQUESTED, services.OFFER_NOT_OPEN),
    (S.ENROLLED, S.SCREENING, not_allowed(S.ENROLLED, S.SCREENING)),
    (S.ENROLLED, S.WAITLISTED, not_allowed(S.ENROLLED, S.WAITLISTED)),
    (S.ENROLLED, S.OFFERED, services.NOT_WAITLISTED),
    (S.ENROLLED, S.PLACED, services.ALREADY_HAS_PLACE),
    (S.WAITLISTED, S.REQUESTED, services.OFFER_NOT_OPEN),
    (S.OFFERED, S.SCREENING, not_allowed(S.OFFERED, S.SCREENING)),
    (S.OFFERED, S.ENROLLED, not_allowed(S.OFFERED, S.ENROLLED)),
    (S.OFFERED, S.PLACED, services.ALREADY_HAS_PLACE),
    (S.PLACED, S.OFFERED, services.NOT_WAITLISTED),
    (S.WITHDRAWN, S.REQUESTED, services.OFFER_NOT_OPEN),
    (S.WITHDRAWN, S.SCREENING, not_allowed(S.WITHDRAWN, S.SCREENING)),
    (S.WITHDRAWN, S.ENROLLED, not_allowed(S.WITHDRAWN, S.ENROLLED)),
    (S.WITHDRAWN, S.WAITLISTED, not_allowed(S.WITHDRAWN, S.WAITLISTED)),
    (S.WITHDRAWN, S.OFFERED, services.NOT_WAITLISTED),
    (S.WITHDRAWN, S.DECLINED, not_allowed(S.WITHDRAWN, S.DECLINED)),
    (S.DECLINED, S.REQUESTED, services.OFFER_NOT_OPEN),
    (S.DECLINED, S.SCREENING, not_allowed(S.DECLINED, S.SCREENING)),
    (S.DECLINED, S.ENROLLED, not_allowed(S.DECLINED, S.ENROLLED)),
    (S.DECLINED, S.WAITLISTED, not_allowed(S.DECLINED, S.WAITLISTED)),
    (S.DECLINED, S.OFFERED, services.NOT_WAITLISTED),
    (S.DECLINED, S.WITHDRAWN, not_allowed(S.DECLINED, S.WITHDRAWN)),
]

# Placing someone whose place ended is a new place (a new row), not a move of the old one.
NEW_PLACE = [(S.WITHDRAWN, S.PLACED), (S.DECLINED, S.PLACED)]


def test_the_two_tables_name_every_move_between_two_different_statuses_once():
    named = ALLOWED + [(frm, to) for frm, to, _ in REFUSED] + NEW_PLACE
    every = [(frm, to) for frm in S.values for to in S.values if frm != to]

    assert sorted(named) == sorted(every)


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


@pytest.mark.parametrize(("frm", "to", "refusal"), REFUSED)
def test_each_move_outside_the_table_is_refused_and_saves_nothing(frm, to, refusal, coordinator):
    enrollment = place(frm)
    before = (EnrollmentEvent.objects.count(), Notification.objects.count())

    with pytest.raises(EnrollmentError, match=f"^{re.escape(str(refusal))}$"):
        move(enrollment, to, coordinator)

    enrollment.refresh_from_db()
    assert enrollment.status == frm
    assert (EnrollmentEvent.objects.count(), Notification.objects.count()) == before
