"""Couples groups: a couple signs up together, takes two seats or waits together, and each
partner gives their own answers.

The person signing up answers for themself; their partner gets their own place (a row of
their own, never sharing answers) held as "awaiting the person's confirmation", and confirms
the agreement, their location and the safety question from their own signed link
(`placement_confirm`). Both rows are written under the cohort lock, in one transaction, so a
couple holds two seats or none; a deferred trigger checks the same at commit.

Left unconfirmed past `Couple.confirm_by`, both places end and move down the waitlist as an
expired offer does (`time_limited_expire` calls `couples_release`). What a partner's place does
when the other's moves is in couple_moves.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client
from clients.services import (
    client_fill_blanks,
    client_get_or_create,
)
from cohorts.models import Cohort
from cohorts.places import places_left
from notifications.kinds import Kind
from notifications.services import notification_create

from ..agreements import agreement_for, default_agreement_saved
from ..couples import is_couples_cohort
from ..models import LIVE, SEAT_HOLDING, Couple, Enrollment, GroupAgreement
from ..selectors import enrolling_refusal, next_entry_point, seats_taken
from .core import (
    ADULT_REQUIRED,
    AGREEMENT_CHANGED,
    ALREADY_HAS_PLACE,
    By,
    EnrollmentError,
    S,
    _fill_free_seats,
    _lock_cohort,
    _lock_enrollment,
    _locked_cohorts,
    _record,
)
from .signup import signer_place_create

# Notification kinds (renderers in enrollment/couple_emails.py).

# Messages that stop mattering once a place ended.
ENDED_KINDS = [Kind.ENROLLMENT_OFFERED, Kind.ENROLLMENT_PLACEMENT, Kind.ENROLLMENT_COUPLE_INVITE]

# Messages shown to people as they are.
PARTNER_SAME_EMAIL = _(
    "Your partner's email needs to be their own, different from yours: we send each of you "
    "your own private link."
)
PARTNER_HAS_PLACE = _(
    "Your partner already has a place in this group (or on its waitlist). Please call us and "
    "we will sort it out together."
)
NOT_A_COUPLES_GROUP = "This group is not a couples group."
COUPLE_ANSWERS_FIRST = (
    "Both partners need to give their own answers (the agreement, where they are and the "
    "safety question) before their places can be offered; the link in their email does it."
)

# Event reasons written by the site.
SIGNED_UP_AS_COUPLE = "Signed up online as a couple"
SIGNED_UP_AS_COUPLE_FULL = "Signed up online as a couple; no place for two was free"
INVITED_BY_PARTNER = "Their partner signed them both up; waiting for their own confirmation"
INVITED_BY_PARTNER_FULL = (
    "Their partner signed them both up (waitlist); waiting for their own confirmation"
)
PARTNER_DID_NOT_CONFIRM = "Their partner did not confirm in time, so both places ended"
NOT_CONFIRMED_IN_TIME = "Did not confirm in time, so both places ended"
PARTNER_LEFT = "Their partner's place ended, so this place ended too"
KEPT_ALONE = "Their partner left; the coordinator decided they stay on alone"
PARTNER_LEFT_ASK = (
    "Their partner left with their own link; their place is kept until the coordinator "
    "decides whether they stay"
)
NOTHING_TO_DECIDE = "There is no partner's place waiting for a decision here any more."
PARTNER_STAYS = "Left; the coordinator decided their partner stays on alone"


@dataclass(frozen=True)
class CoupleSignupResult:
    """The signer's own place (the only one their pages show), and whether it is new."""

    enrollment: Enrollment
    created: bool

    @property
    def waitlisted(self) -> bool:
        return self.enrollment.status == S.WAITLISTED


def couple_confirm_by(*, now: datetime) -> datetime:
    return now + timedelta(hours=settings.COUPLE_CONFIRM_HOURS)


def couple_request(
    *,
    cohort: Cohort,
    email: str,
    first_name: str,
    partner_first_name: str,
    partner_email: str,
    last_name: str = "",
    preferred_name: str = "",
    phone: str = "",
    preferred_contact: str = "email",
    state: str,
    city: str,
    confirmed_adult: bool,
    seeing_therapist: str = "",
    hopes: str = "",
    crisis: bool = False,
    agreement_version: str,
    agreement: GroupAgreement | None = None,
    language: str = "",
    now: datetime | None = None,
) -> CoupleSignupResult:
    """A couple's sign-up from the public form: two seats held together when two are free
    (the signer's requested, the partner's awaiting their own confirmation until
    `confirm_by`), else both on the waitlist together. Never one.

    The answers are the signer's own. The partner is emailed their own signed link. A repeat
    sign-up by the same person returns their existing place and sends nothing. A refusal
    raises EnrollmentError and saves nothing. `agreement`: as for `enrollment_request`.
    """
    now = now or timezone.now()
    if not is_couples_cohort(cohort):
        raise EnrollmentError(NOT_A_COUPLES_GROUP)
    if not confirmed_adult:
        raise EnrollmentError(ADULT_REQUIRED)
    if email.strip().lower() == partner_email.strip().lower():
        raise EnrollmentError(PARTNER_SAME_EMAIL)
    if cohort.group.is_online and state.strip().upper() != "CA":
        raise EnrollmentError(OUTSIDE_CALIFORNIA)
    agreement = agreement or agreement_for(cohort)
    with transaction.atomic(durable=True):
        # Written before the lock, as a single sign-up does: the queue on the cohort row
        # moves as fast as the work done while holding it.
        details = {
            "first_name": first_name,
            "last_name": last_name,
            "preferred_name": preferred_name,
            "phone": phone,
            "preferred_contact": preferred_contact,
            "state": state,
            "city": city,
        }
        client = client_get_or_create(email=email, **details, language=language, fill_blanks=False)
        # The partner chose nothing: the signer's language is only a first guess for them.
        partner_client = client_get_or_create(
            email=partner_email,
            first_name=partner_first_name,
            guessed_language=language,
            fill_blanks=False,
        )
        group = cohort.group
        cohort = _locked_cohorts().get(pk=cohort.pk)
        cohort.group = group
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        counts = Enrollment.objects.filter(cohort=cohort).aggregate(
            taken=Count("pk", filter=Q(holds_seat=True)),
            mine=Count("pk", filter=Q(client=client, status__in=LIVE)),
            partner=Count("pk", filter=Q(client=partner_client, status__in=LIVE)),
        )
        if counts["mine"]:
            existing = Enrollment.objects.select_related("client", "cohort__group")
            return CoupleSignupResult(
                existing.get(cohort=cohort, client=client, status__in=LIVE), created=False
            )
        if counts["partner"]:
            raise EnrollmentError(PARTNER_HAS_PLACE)
        if agreement.version != agreement_version:
            raise EnrollmentError(AGREEMENT_CHANGED)
        if agreement.pk is None:
            agreement = default_agreement_saved()
        client_fill_blanks(client, **details)

        has_seats = places_left(cohort, taken=counts["taken"]) > 0
        confirm_by = couple_confirm_by(now=now)
        couple = Couple.objects.create(cohort=cohort, confirm_by=confirm_by)
        enrollment = signer_place_create(
            client=client,
            cohort=cohort,
            has_seat=has_seats,
            crisis=crisis,
            start=start,
            seeing_therapist=seeing_therapist,
            hopes=hopes,
            agreement=agreement,
            reason=SIGNED_UP_AS_COUPLE if has_seats else SIGNED_UP_AS_COUPLE_FULL,
            now=now,
            couple=couple,
        )
        partner_status = S.PLACED if has_seats else S.WAITLISTED
        partner = Enrollment.objects.create(
            client=partner_client,
            cohort=cohort,
            couple=couple,
            status=partner_status,
            status_changed_at=now,
            offer_expires_at=confirm_by if has_seats else None,
            start_session=start,
        )
        _record(
            partner,
            from_="",
            to=partner_status,
            by=By.CLIENT,
            actor=None,
            reason=INVITED_BY_PARTNER if has_seats else INVITED_BY_PARTNER_FULL,
            now=now,
        )
        notification_create(
            kind=Kind.ENROLLMENT_COUPLE_INVITE,
            key=f"enrollment:{partner.pk}:couple_invite",
            to_email=partner_client.email,
            due_at=now,
            related=partner,
        )
    return CoupleSignupResult(enrollment, created=True)


# --- the coordinator places a couple -------------------------------------------------------

SAME_PERSON = "Please choose two different people for a couple."


def couple_place(
    *,
    client_id: int,
    partner_client_id: int,
    cohort_id: int,
    actor: User,
    waitlist: bool = False,
    now: datetime | None = None,
) -> tuple[Enrollment, Enrollment]:
    """The coordinator places a couple (after a call): two seats held together when two are
    free (checked under the cohort lock), else (or when `waitlist`) both on the waitlist.

    Each partner is emailed their own signed link and confirms the agreement, their location
    and the safety question privately (`placement_confirm`); left unconfirmed past
    `confirm_by`, both places end. A refusal raises EnrollmentError and saves nothing.
    """
    # placement imports this module (a partner's confirmation), so its helper is read here.
    from .placement import staff_place_create

    now = now or timezone.now()
    if client_id == partner_client_id:
        raise EnrollmentError(SAME_PERSON)
    people = list(Client.objects.filter(pk__in=[client_id, partner_client_id]).order_by("pk"))
    with transaction.atomic(durable=True):
        cohort = _lock_cohort(cohort_id)
        if not is_couples_cohort(cohort):
            raise EnrollmentError(NOT_A_COUPLES_GROUP)
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        live = Enrollment.objects.filter(cohort=cohort, client__in=people, status__in=LIVE)
        if live.exists():
            raise EnrollmentError(ALREADY_HAS_PLACE)
        has_seats = not waitlist and places_left(cohort, taken=seats_taken(cohort)) > 0
        confirm_by = couple_confirm_by(now=now)
        couple = Couple.objects.create(cohort=cohort, confirm_by=confirm_by)
        placed = [
            staff_place_create(
                client=person,
                cohort=cohort,
                couple=couple,
                has_seat=has_seats,
                expires=confirm_by,
                start=start,
                actor=actor,
                now=now,
            )
            for person in people
        ]
    return placed[0], placed[1]


# --- a partner left with their own link: the coordinator decides about the other ---------


def couple_partner_decide(
    *, enrollment_id: int, stays: bool, actor: User, now: datetime | None = None
) -> Enrollment:
    """The coordinator answers the question a partner's own leaving left open: does the other
    partner (`enrollment_id`) stay on alone, or does their place end too (the default for a
    couples group)? Recorded with who decided. Returns the place, with `offers_made`."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        enrollment = _lock_enrollment(enrollment_id)
        couple_id = enrollment.couple_id
        couple = couple_id and Couple.objects.select_for_update().filter(pk=couple_id).first()
        if not couple or couple.kept_alone_at is None or couple.kept_alone_by_id is not None:
            raise EnrollmentError(NOTHING_TO_DECIDE)
        if enrollment.status not in LIVE:
            raise EnrollmentError(NOTHING_TO_DECIDE)
        offers: list[Enrollment] = []
        if stays:
            couple.kept_alone_by = actor
            couple.kept_alone_at = now
            couple.save(update_fields=["kept_alone_by", "kept_alone_at"])
            status = enrollment.status
            _record(
                enrollment,
                from_=status,
                to=status,
                by=By.STAFF,
                actor=actor,
                reason=KEPT_ALONE,
                now=now,
            )
        else:
            # couple_moves imports this module's reasons, so its helper is read here.
            from .couple_moves import couple_place_end

            held = enrollment.status in SEAT_HOLDING
            couple_place_end(enrollment, by=By.STAFF, actor=actor, reason=PARTNER_LEFT, now=now)
            couple.kept_alone_by = actor
            couple.save(update_fields=["kept_alone_by"])
            if held:
                offers = _fill_free_seats(enrollment.cohort, now=now, skip=enrollment)
    enrollment.offers_made = offers
    return enrollment
