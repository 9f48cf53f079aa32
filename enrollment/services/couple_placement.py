"""The coordinator places a couple in a couples group from a client's page.

The same hold as any couple's: two seats held together under the cohort lock, or both
partners on the waitlist together; never one seat, never one partner. Each partner then
gets their own placement email with their own signed link, and answers the agreement, the
California question and the safety question alone (`placement_confirm`); nothing either
answers reaches the other.

Thin on purpose: it reuses the staff placement's pieces (the lock, the move record, the
placement email, the confirmation window) so a couple's placement differs from one
person's only in taking two rows at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from clients.history import history_write
from clients.models import Client
from clients.services import client_get_or_create

from ..models import LIVE, Couple, Enrollment
from ..selectors import enrolling_refusal, next_entry_point, seats_taken
from .core import (
    ALREADY_HAS_PLACE,
    PLACED_BY_STAFF,
    PLACEMENT,
    WAITLISTED_BY_STAFF,
    By,
    EnrollmentError,
    S,
    _lead_follow,
    _lock_cohort,
    _notify,
    _record,
)
from .placement import _open_lead, placement_ends_at

NOT_A_COUPLES_GROUP = "Only a couples group takes a couple's places."
SAME_PERSON = "The partner must be someone else: give the partner's own email address."
PARTNER_NAME_NEEDED = (
    "There is no client with this email yet: give the partner's first name too, so we can "
    "greet them in their email."
)
PARTNER_HAS_PLACE = "{name} already has a place in this group (or on its waitlist)."


@dataclass(frozen=True)
class CouplePlacement:
    couple: Couple
    enrollments: tuple[Enrollment, Enrollment]

    @property
    def waitlisted(self) -> bool:
        return self.enrollments[0].status == S.WAITLISTED


def couple_place(
    *,
    client_id: int,
    partner_email: str,
    partner_first_name: str = "",
    cohort_id: int,
    actor: AbstractBaseUser,
    waitlist: bool = False,
    now: datetime | None = None,
) -> CouplePlacement:
    """Both partners placed in a couples cohort: two seats held for their confirmation when
    two are free (counted under the cohort lock), else (or when `waitlist`) both on the
    waitlist. Each is emailed their own link.

    The partner is the client with `partner_email` (one person, one record), or a new one
    with that email and `partner_first_name`. A refusal raises EnrollmentError and saves
    nothing, a new partner's client row included.
    """
    now = now or timezone.now()
    client = Client.objects.get(pk=client_id)
    partner_email = partner_email.strip()
    if client.email.lower() == partner_email.lower():
        raise EnrollmentError(SAME_PERSON)
    first_name = partner_first_name.strip()
    if not first_name and not Client.objects.with_email(partner_email).exists():
        raise EnrollmentError(PARTNER_NAME_NEEDED)
    with transaction.atomic(durable=True):
        # Before the lock, as a public sign-up does: the row needs no seat count.
        partner = client_get_or_create(email=partner_email, first_name=first_name)
        partner_id = partner.pk
        people = {client_id: client, partner_id: partner}
        cohort = _lock_cohort(cohort_id)
        if cohort.group.focus != cohort.group.Focus.COUPLES:
            raise EnrollmentError(NOT_A_COUPLES_GROUP)
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        live = set(
            Enrollment.objects.filter(
                cohort=cohort, client_id__in=people, status__in=LIVE
            ).values_list("client_id", flat=True)
        )
        if client_id in live:
            raise EnrollmentError(ALREADY_HAS_PLACE)
        if partner_id in live:
            raise EnrollmentError(PARTNER_HAS_PLACE.format(name=people[partner_id]))
        has_seats = not waitlist and cohort.capacity - seats_taken(cohort) >= 2
        status = S.PLACED if has_seats else S.WAITLISTED
        ends = placement_ends_at(now=now) if has_seats else None
        couple = Couple.objects.create(cohort=cohort, confirm_by=ends)
        reason = PLACED_BY_STAFF if has_seats else WAITLISTED_BY_STAFF
        # Both rows go in together: the database's couples guard sees a whole couple.
        places = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    client=people[pk],
                    cohort=cohort,
                    couple=couple,
                    status=status,
                    status_changed_at=now,
                    offer_expires_at=ends,
                    start_session=start,
                    lead=_open_lead(people[pk]),
                )
                for pk in (client_id, partner_id)
            ]
        )
        history_write(Enrollment, places, by=actor, created=True)
        for enrollment in places:
            event = _record(
                enrollment, from_="", to=status, by=By.STAFF, actor=actor, reason=reason, now=now
            )
            # Each partner's own email, to their own address, with their own link.
            _notify(enrollment, PLACEMENT, f"placement:{event.pk}", now=now)
            _lead_follow(enrollment, status, actor=actor, reason=reason, now=now)
    return CouplePlacement(couple=couple, enrollments=(places[0], places[1]))
