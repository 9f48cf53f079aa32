"""What a couple's places do when one partner's place moves: the partner follows (or is
kept on alone by the coordinator), a partner's confirmation clears the couple's deadline,
and a couple whose partner never confirmed is released. Called by the moves in moves.py and
placement.py, under the cohort lock they hold."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from cohorts.models import Cohort
from notifications.kinds import Kind
from notifications.services import notifications_cancel

from ..couples import partners_of
from ..models import LIVE, SEAT_HOLDING, Couple, Enrollment, EnrollmentEvent
from .core import (
    By,
    S,
    _move,
    _notify,
    _record,
)
from .couples import (
    ENDED_KINDS,
    KEPT_ALONE,
    NOT_CONFIRMED_IN_TIME,
    PARTNER_DID_NOT_CONFIRM,
    PARTNER_LEFT,
    PARTNER_LEFT_ASK,
    SIGNED_UP_AS_COUPLE,
    SIGNED_UP_AS_COUPLE_FULL,
)


def invited_by_partner(enrollment: Enrollment) -> bool:
    """Whether this place's couple signed up online (one partner for both), rather than
    being placed by the coordinator: what the partner's confirmation page says depends on it."""
    if enrollment.couple_id is None:
        return False
    return EnrollmentEvent.objects.filter(
        enrollment__couple_id=enrollment.couple_id,
        reason__in=[SIGNED_UP_AS_COUPLE, SIGNED_UP_AS_COUPLE_FULL],
    ).exists()


def confirmed_status(enrollment: Enrollment) -> str:
    """Where a partner's held seat goes once they confirm: a couple that signed up online is
    still to be looked at by the coordinator (requested, like the signer); a couple the
    coordinator placed is enrolled. Never decided by the other partner's answers."""
    return S.REQUESTED if invited_by_partner(enrollment) else S.ENROLLED


def partners_live(enrollment: Enrollment) -> QuerySet[Enrollment]:
    """The other partner's live place (`partners_of`), locked for a move."""
    return partners_of(enrollment).select_for_update(of=("self",))


def couple_place_end(
    row: Enrollment, *, by: str, actor: User | None, reason: str, now: datetime
) -> None:
    """A partner's place ends because of the couple (the other left or was declined, or the
    couple did not confirm in time): withdrawn, its pending emails cancelled, and one kind
    email that says so without detail."""
    _move(row, S.WITHDRAWN, by=by, actor=actor, reason=reason, now=now)
    notifications_cancel(related=row, kinds=ENDED_KINDS, reason=reason)
    _notify(row, Kind.ENROLLMENT_COUPLE_ENDED, f"couple_ended:{now.timestamp()}", now=now)


def couple_confirmed_follow(enrollment: Enrollment) -> None:
    """A partner gave their answers: once every live partner has, the couple's deadline
    is gone."""
    if enrollment.couple_id is None:
        return
    if not partners_live(enrollment).filter(agreed_at=None).exists():
        Couple.objects.filter(pk=enrollment.couple_id).update(confirm_by=None)


def partners_follow(
    enrollment: Enrollment,
    to: str,
    *,
    by: str,
    actor: User | None,
    now: datetime,
    partner_stays: bool,
) -> list[Enrollment]:
    """One partner left or was moved off their seat: the other follows (the group is built for
    couples), unless the coordinator decided they stay on alone. Returns who followed."""
    if enrollment.couple_id is None:
        return []
    if partner_stays:
        # One person's place from now on: the couple's deadline for both answers is gone (a
        # held seat keeps its own expiry), so the sweep neither ends it nor comes back to it.
        Couple.objects.filter(pk=enrollment.couple_id).update(
            kept_alone_at=now, kept_alone_by=actor, confirm_by=None
        )
        for partner in partners_live(enrollment):
            _record(
                partner,
                from_=partner.status,
                to=partner.status,
                by=by,
                actor=actor,
                # A client's own leaving keeps the partner only until the coordinator decides.
                reason=KEPT_ALONE if actor is not None else PARTNER_LEFT_ASK,
                now=now,
            )
        return []
    followed = []
    # A place that ends because the partner's did is withdrawn, never declined: "declined"
    # says the practice assessed this person, and nobody did.
    follow_to = S.WITHDRAWN if to in (S.WITHDRAWN, S.DECLINED) else to
    for partner in partners_live(enrollment):
        partner.cohort = enrollment.cohort
        if to == S.WAITLISTED and partner.status not in SEAT_HOLDING:
            continue
        if follow_to == S.WITHDRAWN:
            couple_place_end(partner, by=by, actor=actor, reason=PARTNER_LEFT, now=now)
        else:
            _move(partner, follow_to, by=by, actor=actor, reason=PARTNER_LEFT, now=now)
            notifications_cancel(related=partner, kinds=ENDED_KINDS, reason=PARTNER_LEFT)
        followed.append(partner)
    return followed


def couples_release(cohort: Cohort, *, now: datetime, couple_ids=()) -> int:
    """End every couple of this cohort left unconfirmed past its deadline, and the rest of
    each couple in `couple_ids` (one partner's offer or held seat just ran out). Both places
    end; each partner is told kindly, without detail. The caller holds the cohort lock and
    offers the freed seats afterwards. Returns how many places ended."""
    ended = 0
    due = Couple.objects.filter(cohort=cohort, kept_alone_at=None).filter(
        Q(confirm_by__lte=now) | Q(pk__in=list(couple_ids))
    )
    for couple in due:
        rows = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("client")
            .filter(couple=couple, status__in=LIVE)
        )
        for row in rows:
            row.cohort = cohort
            unconfirmed = row.agreed_at is None
            reason = NOT_CONFIRMED_IN_TIME if unconfirmed else PARTNER_DID_NOT_CONFIRM
            couple_place_end(row, by=By.SYSTEM, actor=None, reason=reason, now=now)
            ended += 1
        Couple.objects.filter(pk=couple.pk).update(confirm_by=None)
    return ended
