"""Moves by staff and by the client after a sign-up: screening, enrolling, declining, the
waitlist and its offers, leaving, and what a cancelled cohort means for its places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort
from notifications.kinds import Kind
from notifications.services import notifications_cancel

from ..models import LIVE, SEAT_HOLDING, TIME_LIMITED, Couple, Enrollment
from .core import (
    COHORT_CANCELLED_REASON,
    NOT_WAITLISTED,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    OFFER_EXPIRED,
    OFFER_MADE,
    OFFER_NOT_OPEN,
    OFFER_RAN_OUT,
    OFFER_TOO_LATE,
    PLACEMENT_NEEDS_PERSON,
    PLACEMENT_RAN_OUT,
    REASON_REQUIRED,
    By,
    EnrollmentError,
    S,
    _fill_free_seats,
    _lock_cohort,
    _lock_enrollment,
    _move,
    _notify,
    _notify_offer,
    offer_ends_at,
)
from .couple_moves import couples_release, partners_follow, partners_live
from .couples import COUPLE_ANSWERS_FIRST, PARTNER_STAYS

# --- moves by staff and by the client ---------------------------------------------------


def _change(
    *,
    enrollment_id: int,
    to: str,
    by: str,
    actor: User | None,
    reason: str,
    now: datetime,
    notify: str | None,
    expect: str | None = None,
    partner_stays: bool = False,
) -> Enrollment:
    """Lock the cohort, re-read the enrollment, move it, notify, pass on a freed seat.

    In a couple, a move that ends a place or takes or frees a seat carries the partner with
    it (`partners_follow`), unless the coordinator decided the partner stays on alone.

    The returned enrollment carries `offers_made`: the places a freed seat was offered to
    as a result (empty when none), and `partners_moved`, so admin can say what followed."""
    with transaction.atomic(durable=True):
        enrollment = _lock_enrollment(enrollment_id)
        cohort = enrollment.cohort
        if expect is not None and enrollment.status != expect:
            raise EnrollmentError(OFFER_NOT_OPEN)
        # The table allows these moves for the person's own confirmation, never for staff.
        if enrollment.status == S.PLACED and to in (S.ENROLLED, S.SCREENING):
            raise EnrollmentError(PLACEMENT_NEEDS_PERSON)
        held = enrollment.status in SEAT_HOLDING
        freed = held and to not in SEAT_HOLDING
        if partner_stays and actor is not None:
            reason = reason or PARTNER_STAYS
        event = _move(enrollment, to, by=by, actor=actor, reason=reason, now=now)
        if notify:
            _notify(enrollment, notify, f"{notify.removeprefix('enrollment_')}:{event.pk}", now=now)
        if to in (S.WITHDRAWN, S.DECLINED):
            notifications_cancel(
                related=enrollment,
                kinds=[
                    Kind.ENROLLMENT_OFFERED,
                    Kind.ENROLLMENT_WAITLISTED,
                    Kind.ENROLLMENT_PLACEMENT,
                ],
                reason=reason,
            )
        moved = []
        if to in (S.WITHDRAWN, S.DECLINED) or held != (to in SEAT_HOLDING):
            moved = partners_follow(
                enrollment, to, by=by, actor=actor, now=now, partner_stays=partner_stays
            )
        offers = _fill_free_seats(cohort, now=now, skip=enrollment) if freed else []
    enrollment.offers_made = offers
    enrollment.partners_moved = moved
    return enrollment


def enrollment_screen(
    *, enrollment_id: int, actor: User | None = None, now: datetime | None = None
) -> Enrollment:
    """The coordinator is talking with the person about fit (no email: they are in touch)."""
    return _change(
        enrollment_id=enrollment_id,
        to=S.SCREENING,
        by=By.STAFF,
        actor=actor,
        reason="",
        now=now or timezone.now(),
        notify=None,
    )


def enrollment_enroll(
    *, enrollment_id: int, actor: User | None = None, now: datetime | None = None
) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.ENROLLED,
        by=By.STAFF,
        actor=actor,
        reason="",
        now=now or timezone.now(),
        notify=Kind.ENROLLMENT_ENROLLED,
    )


def enrollment_decline(
    *,
    enrollment_id: int,
    reason: str,
    actor: User | None = None,
    now: datetime | None = None,
) -> Enrollment:
    """The practice says no (not a fit right now). The reason stays with staff."""
    if not reason.strip():
        raise EnrollmentError(REASON_REQUIRED)
    return _change(
        enrollment_id=enrollment_id,
        to=S.DECLINED,
        by=By.STAFF,
        actor=actor,
        reason=reason.strip(),
        now=now or timezone.now(),
        notify=Kind.ENROLLMENT_DECLINED,
    )


def enrollment_waitlist(
    *, enrollment_id: int, actor: User | None = None, now: datetime | None = None
) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.WAITLISTED,
        by=By.STAFF,
        actor=actor,
        reason="",
        now=now or timezone.now(),
        notify=Kind.ENROLLMENT_WAITLISTED,
    )


def enrollment_withdraw(
    *,
    enrollment_id: int,
    actor: User | None = None,
    reason: str = "",
    partner_stays: bool = False,
    now: datetime | None = None,
) -> Enrollment:
    """The person leaves (from their own link, or staff record that they said so).

    In a couples group the coordinator decides whether the partner stays: withdrawing in
    admin they choose at once (`partner_stays`; the default is that both leave). A person
    leaving with their own link ends only their own place; the partner's is kept until the
    coordinator decides (`couple_partner_decide`, asked on Today). Recorded with who."""
    return _change(
        enrollment_id=enrollment_id,
        to=S.WITHDRAWN,
        by=By.STAFF if actor is not None else By.CLIENT,
        actor=actor,
        reason=reason or ("" if actor is not None else "Withdrew with their own link"),
        now=now or timezone.now(),
        notify=Kind.ENROLLMENT_WITHDRAWN,
        partner_stays=partner_stays if actor is not None else True,
    )


def offer_make(
    *,
    enrollment_id: int,
    actor: User | None = None,
    now: datetime | None = None,
) -> Enrollment:
    """Staff offer a free seat to one person on the waitlist (urgent ones included)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        enrollment = _lock_enrollment(enrollment_id)
        cohort = enrollment.cohort
        if enrollment.status != S.WAITLISTED:
            raise EnrollmentError(NOT_WAITLISTED)
        ends_at = offer_ends_at(cohort, now=now)
        if ends_at is None:
            raise EnrollmentError(OFFER_TOO_LATE)
        # A couple is offered two seats together: both partners, or neither (a full cohort
        # refuses the second move and the transaction saves nothing). Either may accept for
        # both, so both must have given their own answers first.
        partners = list(partners_live(enrollment))
        if enrollment.couple_id and any(p.agreed_at is None for p in [enrollment, *partners]):
            raise EnrollmentError(COUPLE_ANSWERS_FIRST)
        for place in [enrollment, *(p for p in partners if p.status == S.WAITLISTED)]:
            place.cohort = cohort
            event = _move(
                place,
                S.OFFERED,
                by=By.STAFF,
                actor=actor,
                reason=OFFER_MADE,
                now=now,
                offer_expires_at=ends_at,
            )
            _notify_offer(place, event, now=now)
    return enrollment


def offer_next(*, cohort_id: int, now: datetime | None = None) -> list[Enrollment]:
    """Offer every free seat of a cohort to the next people waiting (capacity raised, or a
    seat an earlier pass could not offer)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        cohort = _lock_cohort(cohort_id)
        return _fill_free_seats(cohort, now=now)


def cohort_capacity_follow(*, cohort_id: int, now: datetime | None = None) -> list[Enrollment]:
    """A cohort's capacity was just changed: offer every seat that change freed to the next
    people waiting, and return the offers (none when it was lowered or nobody waits).

    Called by the cohort admin (enrollment/admin_cohort.py) right after it saves the cohort,
    inside admin's own transaction, so the offers and their emails are rows written with the
    change and exist exactly when it does. Saving a cohort anywhere else offers nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        cohort = _lock_cohort(cohort_id)
        return _fill_free_seats(cohort, now=now)


@dataclass(frozen=True)
class Expired:
    """What one sweep ended, and the offers that followed for the freed seats."""

    offers: int = 0
    placements: int = 0
    offers_made: tuple[Enrollment, ...] = ()

    @property
    def ended(self) -> int:
        return self.offers + self.placements


def offer_accept(
    *,
    enrollment_id: int,
    actor: User | None = None,
    now: datetime | None = None,
) -> Enrollment:
    """The person takes the seat held for them, from their link or by telling the coordinator
    on the phone (`actor`). Two clicks at once give one seat: the second finds the offer gone
    and is refused."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        enrollment = _lock_enrollment(enrollment_id)
        cohort = enrollment.cohort
        if enrollment.status != S.OFFERED:
            raise EnrollmentError(OFFER_NOT_OPEN)
        # Past its time but not yet swept by the periodic task: still refused, and the task
        # passes the seat on.
        # (An offer always has an expiry, by a check constraint; none is refused too.)
        expires = enrollment.offer_expires_at
        if expires is None or expires <= now:
            raise EnrollmentError(OFFER_EXPIRED)
        # In a couple, either partner accepts for both: the two seats move together.
        for place in [enrollment, *partners_live(enrollment).filter(status=S.OFFERED)]:
            place.cohort = cohort
            event = _move(
                place,
                S.REQUESTED,
                by=By.STAFF if actor else By.CLIENT,
                actor=actor,
                reason=OFFER_ACCEPTED,
                now=now,
            )
            _notify(place, Kind.ENROLLMENT_RECEIVED, f"accepted:{event.pk}", now=now)
    return enrollment


def offer_decline(*, enrollment_id: int, now: datetime | None = None) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.WITHDRAWN,
        by=By.CLIENT,
        actor=None,
        reason=OFFER_DECLINED,
        now=now or timezone.now(),
        notify=Kind.ENROLLMENT_WITHDRAWN,
        expect=S.OFFERED,
    )


def offers_expire(*, now: datetime | None = None) -> int:
    """End every offer and unconfirmed staff placement past its time and pass each seat on;
    returns how many ended (the periodic task's count)."""
    return time_limited_expire(now=now).ended


def time_limited_expire(*, now: datetime | None = None) -> Expired:
    """End every offer and every staff placement left unconfirmed past its time, then offer
    each freed seat to the next person waiting.

    One short transaction per cohort, so a busy cohort never holds up the others.
    """
    now = now or timezone.now()
    due = Enrollment.objects.filter(status__in=TIME_LIMITED, offer_expires_at__lte=now)
    cohort_ids = set(due.values_list("cohort_id", flat=True))
    # Couples with a partner who never confirmed (on the waitlist nothing else runs out).
    cohort_ids |= set(
        Couple.objects.filter(confirm_by__lte=now).values_list("cohort_id", flat=True)
    )
    offers = placements = 0
    offers_made: list[Enrollment] = []
    for cohort_id in sorted(cohort_ids):
        with transaction.atomic(durable=True):
            cohort = _lock_cohort(cohort_id)
            expired = (
                Enrollment.objects.select_for_update(of=("self",))
                .select_related("client")
                .filter(cohort=cohort, status__in=TIME_LIMITED, offer_expires_at__lte=now)
            )
            couple_ids = set()
            for enrollment in expired:
                enrollment.cohort = cohort
                if enrollment.couple_id:
                    couple_ids.add(enrollment.couple_id)
                was_placed = enrollment.status == S.PLACED
                reason = PLACEMENT_RAN_OUT if was_placed else OFFER_RAN_OUT
                event = _move(enrollment, S.WITHDRAWN, by=By.SYSTEM, reason=reason, now=now)
                notifications_cancel(
                    related=enrollment, kinds=[Kind.ENROLLMENT_PLACEMENT], reason=reason
                )
                _notify(enrollment, Kind.ENROLLMENT_WITHDRAWN, f"withdrawn:{event.pk}", now=now)
                placements += was_placed
                offers += not was_placed
            # The rest of each couple ends with its partner (and any left unconfirmed).
            placements += couples_release(cohort, now=now, couple_ids=couple_ids)
            offers_made += _fill_free_seats(cohort, now=now)
    return Expired(offers=offers, placements=placements, offers_made=tuple(offers_made))


# --- cohort changes -----------------------------------------------------------------------


def cohort_cancel_places(*, cohort: Cohort, now: datetime) -> int:
    """Called inside the cancelling transaction (cohort row locked): close every live place,
    tell each person, and point them to the group's next cohort. Returns how many."""
    notifications_cancel(
        related=cohort, kinds=[Kind.COHORT_UNDER_MINIMUM], reason=COHORT_CANCELLED_REASON
    )
    live = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("client")
        .filter(cohort=cohort, status__in=LIVE)
    )
    count = 0
    for enrollment in live:
        enrollment.cohort = cohort
        _move(enrollment, S.DECLINED, by=By.SYSTEM, reason=COHORT_CANCELLED_REASON, now=now)
        notifications_cancel(
            related=enrollment,
            kinds=[Kind.ENROLLMENT_OFFERED, Kind.ENROLLMENT_WAITLISTED],
            reason=COHORT_CANCELLED_REASON,
        )
        _notify(enrollment, Kind.ENROLLMENT_COHORT_CANCELLED, "cohort_cancelled", now=now)
        count += 1
    return count
