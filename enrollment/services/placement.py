"""A person placed in a group by the coordinator, and that person's own confirmation.

The coordinator may decide on a call that someone should join a cohort, but three answers
are the person's own: the group agreement, being in California (online groups) and the
safety question. So a placement holds a seat as "awaiting the person's confirmation" and
emails a signed link; the person's confirmation enrolls them. Left unconfirmed for
PLACEMENT_CONFIRM_HOURS, the placement runs out like an offer (`offers_expire`) and the
seat goes to the next person on the waitlist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client, Lead
from clients.services import (
    client_fill_blanks,
    client_language_set,
    coordinator_alert_schedule,
    lead_create,
    lead_flag_urgent,
)
from cohorts.models import Cohort, Session
from notifications.kinds import Kind

from ..agreements import agreement_for, default_agreement_saved
from ..models import LIVE, Couple, Enrollment
from ..selectors import enrolling_refusal, next_entry_point, seats_taken
from .core import (
    AGREEMENT_CHANGED,
    ALREADY_HAS_PLACE,
    PLACED_BY_STAFF,
    PLACEMENT_CONFIRMED,
    PLACEMENT_CONFIRMED_CRISIS,
    PLACEMENT_EXPIRED,
    PLACEMENT_NOT_OPEN,
    WAITLISTED_BY_STAFF,
    By,
    EnrollmentError,
    S,
    _lead_follow,
    _lock_cohort,
    _lock_enrollment,
    _move,
    _notify,
    _record,
)
from .couple_moves import confirmed_status, couple_confirmed_follow


@dataclass(frozen=True)
class PlacementResult:
    enrollment: Enrollment

    @property
    def waitlisted(self) -> bool:
        return self.enrollment.status == S.WAITLISTED


def placement_ends_at(*, now: datetime) -> datetime:
    return now + timedelta(hours=settings.PLACEMENT_CONFIRM_HOURS)


def enrollment_place(
    *,
    client_id: int,
    cohort_id: int,
    actor: User,
    waitlist: bool = False,
    now: datetime | None = None,
) -> PlacementResult:
    """The coordinator places a person in a cohort: a seat held for their confirmation when
    one is free (checked under the cohort lock), else (or when `waitlist`) a waitlist place.

    Either way the person is emailed a signed link to confirm the agreement, their location
    and the safety question. A refusal raises EnrollmentError and saves nothing.
    """
    now = now or timezone.now()
    client = Client.objects.get(pk=client_id)
    with transaction.atomic(durable=True):
        cohort = _lock_cohort(cohort_id)
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        existing = (
            Enrollment.objects.select_for_update(of=("self",))
            .filter(cohort=cohort, client=client, status__in=LIVE)
            .first()
        )
        if existing is not None:
            if waitlist or existing.status != S.WAITLISTED:
                raise EnrollmentError(ALREADY_HAS_PLACE)
            existing.cohort = cohort
            return PlacementResult(_place_from_waitlist(existing, actor=actor, now=now))
        has_seat = not waitlist and seats_taken(cohort) < cohort.capacity
        enrollment = staff_place_create(
            client=client,
            cohort=cohort,
            has_seat=has_seat,
            expires=placement_ends_at(now=now),
            start=start,
            actor=actor,
            now=now,
        )
    return PlacementResult(enrollment)


def staff_place_create(
    *,
    client: Client,
    cohort: Cohort,
    has_seat: bool,
    expires: datetime,
    start: Session | None,
    actor: User,
    now: datetime,
    couple: Couple | None = None,
) -> Enrollment:
    """The place a coordinator's placement makes (a held seat, else a waitlist place), its
    history, the person's email with their link, and their lead moved on. For one person
    (`enrollment_place`) or each partner of a couple (`couple_place`), under the cohort lock."""
    status = S.PLACED if has_seat else S.WAITLISTED
    enrollment = Enrollment.objects.create(
        client=client,
        cohort=cohort,
        couple=couple,
        status=status,
        status_changed_at=now,
        offer_expires_at=expires if has_seat else None,
        start_session=start,
        lead=_open_lead(client),
    )
    event = _record(
        enrollment,
        from_="",
        to=status,
        by=By.STAFF,
        actor=actor,
        reason=PLACED_BY_STAFF if has_seat else WAITLISTED_BY_STAFF,
        now=now,
    )
    _notify(enrollment, Kind.ENROLLMENT_PLACEMENT, f"placement:{event.pk}", now=now)
    # Created here, not moved by _move, so the lead is moved on here.
    _lead_follow(enrollment, status, actor=actor, reason=event.reason, now=now)
    return enrollment


def _place_from_waitlist(enrollment: Enrollment, *, actor, now: datetime) -> Enrollment:
    """Someone already waiting is given a free seat by staff (the cohort lock is held);
    `_move` refuses when the cohort is full."""
    event = _move(
        enrollment,
        S.PLACED,
        by=By.STAFF,
        actor=actor,
        reason=PLACED_BY_STAFF,
        now=now,
        offer_expires_at=placement_ends_at(now=now),
    )
    _notify(enrollment, Kind.ENROLLMENT_PLACEMENT, f"placement:{event.pk}", now=now)
    return enrollment


def _open_lead(client: Client) -> Lead | None:
    """The person's most recent lead still in the pipeline, so the placement is worked there."""
    closed = [Lead.Status.REFERRED_OUT, Lead.Status.NOT_A_FIT, Lead.Status.NO_RESPONSE]
    return client.leads.exclude(status__in=closed).order_by("-created_at", "-pk").first()


def needs_confirmation(enrollment: Enrollment) -> bool:
    """A staff placement waiting for the person: a held seat, or a staff waitlist place whose
    agreement nobody has given yet."""
    if enrollment.status == S.PLACED:
        return True
    return enrollment.status == S.WAITLISTED and enrollment.agreed_at is None


def placement_confirm(
    *,
    enrollment_id: int,
    state: str,
    crisis: bool,
    agreement_version: str,
    language: str = "",
    now: datetime | None = None,
) -> Enrollment:
    """The person confirms a staff placement from their link.

    A held seat becomes enrolled; with a "yes" to the safety question it goes to screening
    instead, flagged urgent, and the coordinator is alerted (the page shows 988 and 911 at
    once). A waitlist place records the answers and stays on the waitlist. A refusal (past
    its time, outside California for an online group, a changed agreement) saves nothing.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        enrollment = _lock_enrollment(enrollment_id)
        cohort = enrollment.cohort
        if not needs_confirmation(enrollment):
            raise EnrollmentError(PLACEMENT_NOT_OPEN)
        # Past its time but not yet swept: refused, and the sweep passes the seat on.
        # (A placement always has an expiry, by a check constraint; none is refused too.)
        expires = enrollment.offer_expires_at
        if enrollment.status == S.PLACED and (expires is None or expires <= now):
            raise EnrollmentError(PLACEMENT_EXPIRED)
        # A couple on the waitlist has its own deadline for the partner's answers.
        if enrollment.couple_id and (
            Couple.objects.filter(pk=enrollment.couple_id, confirm_by__lte=now).exists()
        ):
            raise EnrollmentError(PLACEMENT_EXPIRED)
        if cohort.group.is_online and state.strip().upper() != "CA":
            raise EnrollmentError(OUTSIDE_CALIFORNIA)
        agreement = agreement_for(cohort)
        if agreement.version != agreement_version:
            raise EnrollmentError(AGREEMENT_CHANGED)
        if agreement.pk is None:
            agreement = default_agreement_saved()
        client_fill_blanks(enrollment.client, state=state.strip().upper())
        # Their own page at last (a partner's language was only the signer's guess).
        client_language_set(enrollment.client, language=language)
        enrollment.agreement = agreement
        enrollment.agreement_version = agreement.version
        enrollment.agreed_at = now
        enrollment.confirmed_adult = True
        enrollment.is_urgent = enrollment.is_urgent or crisis
        enrollment.save(
            update_fields=[
                "agreement",
                "agreement_version",
                "agreed_at",
                "confirmed_adult",
                "is_urgent",
            ]
        )
        reason = PLACEMENT_CONFIRMED_CRISIS if crisis else PLACEMENT_CONFIRMED
        if enrollment.status == S.PLACED:
            to = S.SCREENING if crisis else confirmed_status(enrollment)
            event = _move(enrollment, to, by=By.CLIENT, reason=reason, now=now)
            if to == S.ENROLLED:
                _notify(enrollment, Kind.ENROLLMENT_ENROLLED, f"enrolled:{event.pk}", now=now)
            elif to == S.REQUESTED:
                _notify(enrollment, Kind.ENROLLMENT_RECEIVED, f"confirmed:{event.pk}", now=now)
        else:
            _record(
                enrollment,
                from_=S.WAITLISTED,
                to=S.WAITLISTED,
                by=By.CLIENT,
                actor=None,
                reason=reason,
                now=now,
            )
        if crisis:
            _flag_urgent(enrollment, now=now)
        couple_confirmed_follow(enrollment)
    return enrollment


def _flag_urgent(enrollment: Enrollment, *, now: datetime) -> None:
    """As the public sign-up does: the lead is urgent and the coordinator is alerted."""
    if enrollment.lead_id is None:
        lead = lead_create(
            client=enrollment.client,
            source=Lead.Source.GROUP_SIGNUP,
            interest=Lead.Interest.GROUP,
            interested_group=enrollment.cohort.group,
            is_urgent=True,
            now=now,
        )
        enrollment.lead = lead
        enrollment.save(update_fields=["lead"])
    else:
        lead = lead_flag_urgent(lead_id=enrollment.lead_id)
    coordinator_alert_schedule(lead=lead, now=now)
