"""Every change of an enrollment: one function per move, all checked against one table.

Locking rule (see HOUSE_STYLE): a move that may take a seat or free one first locks the
cohort row (`select_for_update`), then re-reads the enrollment and counts seat holders from
rows. So two sign-ups for the last seat queue on the cohort row and the second one sees the
first one's row; on SQLite the IMMEDIATE transaction mode queues writers the same way. The
one-live-enrollment-per-client constraint and, on PostgreSQL, a capacity trigger back this up.

Emails are notification rows written in the same transaction; the dispatcher sends them.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from clients.forms import OUTSIDE_CALIFORNIA
from clients.models import Client, Lead
from clients.services import (
    LeadMoveError,
    client_fill_blanks,
    client_get_or_create,
    lead_create,
    lead_move,
)
from cohorts.models import Cohort
from notifications.services import (
    notification_create,
    notification_schedule,
    notifications_cancel,
)

from . import reminders
from .agreements import agreement_for, default_agreement_saved
from .models import LIVE, SEAT_HOLDING, Enrollment, EnrollmentEvent
from .selectors import enrolling_refusal, next_entry_point, seats_taken

S = Enrollment.Status
By = EnrollmentEvent.By

# The one table of allowed moves. Withdrawn and declined are final: someone who comes back
# signs up again and gets a new row (the live-enrollment constraint allows that).
MOVES: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.SCREENING, S.ENROLLED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.SCREENING: frozenset({S.ENROLLED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.ENROLLED: frozenset({S.WITHDRAWN, S.DECLINED}),
    S.WAITLISTED: frozenset({S.OFFERED, S.SCREENING, S.ENROLLED, S.DECLINED, S.WITHDRAWN}),
    # Accepting an offer puts the person back in front of the coordinator with the seat held
    # (screening is done by people); staff may also take an offer back to the waitlist.
    S.OFFERED: frozenset({S.REQUESTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
    S.DECLINED: frozenset(),
}

# Notification kinds (each has a renderer in enrollment/emails.py).
RECEIVED = "enrollment_received"
WAITLISTED = "enrollment_waitlisted"
OFFERED = "enrollment_offered"
ENROLLED = "enrollment_enrolled"
WITHDRAWN = "enrollment_withdrawn"
DECLINED = "enrollment_declined"
COHORT_CANCELLED = "enrollment_cohort_cancelled"
KINDS = (RECEIVED, WAITLISTED, OFFERED, ENROLLED, WITHDRAWN, DECLINED, COHORT_CANCELLED)
URGENT_ALERT = "lead_urgent_alert"  # rendered by the clients app

# Messages, matched by tests and shown to people as they are.
MOVE_NOT_ALLOWED = "A place that is {from_} cannot be moved to {to}."
COHORT_FULL = "This group is full: every seat is taken."
AGREEMENT_CHANGED = (
    "The group agreement was updated while you were reading it. Please read the new "
    "version and tick the box again."
)
ADULT_REQUIRED = "Our groups are for adults aged 18 or older."
OFFER_NOT_OPEN = "There is no open offer on this place any more."
OFFER_EXPIRED = "This offer has ended, so the seat has been passed on."
OFFER_TOO_LATE = "It is too close to the start of the group to offer a seat."
NOBODY_WAITING = "Nobody is waiting for a seat in this group."
NOT_WAITLISTED = "Only someone on the waitlist can be offered a seat."
REASON_REQUIRED = "Please give a reason."

# Event reasons written by the site itself.
SIGNED_UP = "Signed up online"
SIGNED_UP_FULL = "Signed up online; the group was full"
OFFER_ACCEPTED = "Accepted the offered seat"
OFFER_DECLINED = "Declined the offered seat"
OFFER_RAN_OUT = "The offer ran out"
OFFER_MADE = "A seat came free"
COHORT_WAS_CANCELLED = "The cohort was cancelled"

# An offer that would end within this much time cannot reasonably be taken up: not sent.
MIN_OFFER_WINDOW = timedelta(hours=1)


class EnrollmentError(Exception):
    """A refused move; the message is shown to the person as it is."""


@dataclass(frozen=True)
class SignupResult:
    enrollment: Enrollment
    created: bool

    @property
    def waitlisted(self) -> bool:
        return self.enrollment.status == S.WAITLISTED


# --- reads used under the lock ----------------------------------------------------------


def _locked_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.select_for_update(of=("self",))


def _lock_cohort(cohort_id: int) -> Cohort:
    return _locked_cohorts().select_related("group").get(pk=cohort_id)


def _signup_counts(cohort: Cohort, client: Client) -> dict[str, int | None]:
    """Seats taken, and this person's live place if any, in one read of the cohort's rows."""
    return Enrollment.objects.filter(cohort=cohort).aggregate(
        taken=Count("pk", filter=Q(holds_seat=True)),
        existing=Max("pk", filter=Q(client=client, status__in=LIVE)),
    )


def offer_ends_at(cohort: Cohort, *, now: datetime) -> datetime | None:
    """When an offer made now runs out: WAITLIST_OFFER_HOURS, but never past the enrollment
    deadline or the start (the next entry point of an open group). None: too late to offer."""
    limit = now + timedelta(hours=settings.WAITLIST_OFFER_HOURS)
    start = next_entry_point(cohort, now=now)
    if start is None or start.starts_at <= now:
        return None
    limit = min(limit, start.starts_at)
    if not cohort.is_open_group:
        limit = min(limit, cohort.effective_enrollment_deadline)
    if limit - now < MIN_OFFER_WINDOW:
        return None
    return limit


# --- the one place a status changes -----------------------------------------------------


def _record(
    enrollment: Enrollment,
    *,
    from_: str,
    to: str,
    by: str,
    actor: AbstractBaseUser | None,
    reason: str,
    now: datetime,
) -> EnrollmentEvent:
    return EnrollmentEvent.objects.create(
        enrollment=enrollment,
        from_status=from_,
        to_status=to,
        by=by,
        actor=actor,
        reason=reason[:300],
        at=now,
    )


def _move(
    enrollment: Enrollment,
    to: str,
    *,
    by: str,
    actor: AbstractBaseUser | None = None,
    reason: str = "",
    now: datetime,
    offer_expires_at: datetime | None = None,
) -> EnrollmentEvent:
    """Move an enrollment whose cohort row this transaction has locked."""
    from_ = enrollment.status
    if to not in MOVES[from_]:
        raise EnrollmentError(
            MOVE_NOT_ALLOWED.format(from_=S(from_).label.lower(), to=S(to).label.lower())
        )
    takes_seat = to in SEAT_HOLDING and from_ not in SEAT_HOLDING
    if takes_seat and seats_taken(enrollment.cohort) >= enrollment.cohort.capacity:
        raise EnrollmentError(COHORT_FULL)
    enrollment.status = to
    enrollment.status_changed_at = now
    enrollment.offer_expires_at = offer_expires_at if to == S.OFFERED else None
    fields = ["status", "status_changed_at", "offer_expires_at"]
    if to == S.REQUESTED and enrollment.cohort.is_open_group:
        # Someone accepting a seat in an open group starts at the next entry point from now.
        enrollment.start_session = next_entry_point(enrollment.cohort, now=now)
        fields.append("start_session")
    enrollment.save(update_fields=fields)
    # Reminders follow every move from here: an ended offer's and a former member's stop,
    # a new member's start reminders are written.
    reminders.status_follow(enrollment=enrollment, from_=from_, to=to, now=now)
    return _record(enrollment, from_=from_, to=to, by=by, actor=actor, reason=reason, now=now)


def _notify(enrollment: Enrollment, kind: str, key: str, *, now: datetime) -> None:
    notification_schedule(
        kind=kind,
        key=f"enrollment:{enrollment.pk}:{key}",
        to_email=enrollment.client.email,
        due_at=now,
        related=enrollment,
        now=now,
    )


def _notify_offer(enrollment: Enrollment, event: EnrollmentEvent, *, now: datetime) -> None:
    """The offer at once, and its reminder before it runs out."""
    _notify(enrollment, OFFERED, f"offered:{event.pk}", now=now)
    reminders.offer_reminder_schedule(enrollment=enrollment, offer_key=str(event.pk), now=now)


def _lead_follow(enrollment: Enrollment, to: str, *, actor, now: datetime) -> None:
    """Keep the sign-up's intake lead in step where its pipeline allows; never blocks."""
    target = {S.ENROLLED: Lead.Status.ENROLLED, S.WAITLISTED: Lead.Status.WAITLISTED}.get(to)
    if enrollment.lead_id is None or target is None:
        return
    # A lead the coordinator already moved on (referred out, say) keeps its own status.
    with contextlib.suppress(LeadMoveError):
        lead_move(lead_id=enrollment.lead_id, to_status=target, actor=actor, now=now)


def _fill_free_seats(
    cohort: Cohort, *, now: datetime, skip: Enrollment | None = None
) -> list[Enrollment]:
    """Offer every free seat to the next people waiting (priority, then sign-up time).

    Urgent sign-ups are skipped: a person decides their next step, never the site alone.
    So is `skip`, someone staff just moved from a seat to the waitlist (offering them their
    own seat back would undo the move). The caller holds the cohort lock.
    """
    offered: list[Enrollment] = []
    if cohort.status != Cohort.Status.PUBLISHED:
        return offered
    free = cohort.capacity - seats_taken(cohort)
    if free <= 0:
        return offered
    ends_at = offer_ends_at(cohort, now=now)
    if ends_at is None:
        return offered
    waiting = (
        Enrollment.objects.select_for_update()
        .select_related("client")
        .filter(cohort=cohort, status=S.WAITLISTED, is_urgent=False)
        .exclude(pk=skip.pk if skip else None)
        .order_by("-priority", "created_at", "pk")[:free]
    )
    for enrollment in waiting:
        enrollment.cohort = cohort
        event = _move(
            enrollment,
            S.OFFERED,
            by=By.SYSTEM,
            reason=OFFER_MADE,
            now=now,
            offer_expires_at=ends_at,
        )
        _notify_offer(enrollment, event, now=now)
        offered.append(enrollment)
    return offered


# --- sign-up --------------------------------------------------------------------------


def enrollment_request(
    *,
    cohort: Cohort,
    email: str,
    first_name: str,
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
    now: datetime | None = None,
) -> SignupResult:
    """A sign-up from the public form: a seat if one is free, else the waitlist.

    `cohort` may be a plain read (with its group): what decides about seats is read again
    under the lock.

    A second sign-up by the same person (same email) for the same cohort returns their
    existing place and the person's details untouched: no second row, no second email. A new
    place fills in blank contact details, as any public form does, never overwriting one. A
    refusal raises EnrollmentError and saves nothing.
    """
    now = now or timezone.now()
    if not confirmed_adult:
        raise EnrollmentError(ADULT_REQUIRED)
    if cohort.group.is_online and state.strip().upper() != "CA":
        raise EnrollmentError(OUTSIDE_CALIFORNIA)
    # Read before the lock: which words the person agreed to needs no seat count.
    agreement = agreement_for(cohort)
    with transaction.atomic(durable=True):
        # The client row needs no seat count either, so it is written before the lock: every
        # sign-up for a cohort queues on its row, and the queue moves as fast as the work
        # done while holding it. A refusal below rolls this back with the rest.
        details = {
            "first_name": first_name,
            "last_name": last_name,
            "preferred_name": preferred_name,
            "phone": phone,
            "preferred_contact": preferred_contact,
            "state": state,
            "city": city,
        }
        client = client_get_or_create(email=email, **details, fill_blanks=False)
        group = cohort.group
        cohort = _locked_cohorts().get(pk=cohort.pk)
        # The group (its listing, closed or open, online) was read with the cohort a moment
        # ago; the lock guards seats, not those, so the group is not joined again under it.
        cohort.group = group
        # Only an open group's entry point is the person's own; a closed cohort's members
        # all start at its first meeting, read from the schedule when shown.
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        counts = _signup_counts(cohort, client)
        if counts["existing"] is not None:
            existing = Enrollment.objects.select_related("client", "cohort__group")
            return SignupResult(existing.get(pk=counts["existing"]), created=False)
        if agreement.version != agreement_version:
            raise EnrollmentError(AGREEMENT_CHANGED)
        if agreement.pk is None:
            agreement = default_agreement_saved()
        # Only now that this is a new place: a repeat sign-up changes nobody's details.
        client_fill_blanks(client, **details)

        has_seat = counts["taken"] < cohort.capacity
        status = S.REQUESTED if has_seat else S.WAITLISTED
        lead = lead_create(
            client=client,
            source=Lead.Source.GROUP_SIGNUP,
            interest=Lead.Interest.GROUP,
            interested_group=cohort.group,
            is_urgent=crisis,
            status=Lead.Status.NEW if has_seat or crisis else Lead.Status.WAITLISTED,
            now=now,
        )
        enrollment = Enrollment.objects.create(
            client=client,
            cohort=cohort,
            status=status,
            is_urgent=crisis,
            status_changed_at=now,
            start_session=start,
            lead=lead,
            seeing_therapist=seeing_therapist,
            hopes=hopes.strip()[:500],
            confirmed_adult=True,
            agreement=agreement,
            agreement_version=agreement.version,
            agreed_at=now,
        )
        _record(
            enrollment,
            from_="",
            to=status,
            by=By.CLIENT,
            actor=None,
            reason=SIGNED_UP if has_seat else SIGNED_UP_FULL,
            now=now,
        )
        # Both causes are rows written just now, so their keys are new.
        notification_create(
            kind=RECEIVED if has_seat else WAITLISTED,
            key=f"enrollment:{enrollment.pk}:signup",
            to_email=client.email,
            due_at=now,
            related=enrollment,
        )
        if crisis:
            notification_create(
                kind=URGENT_ALERT,
                key=f"lead:{lead.pk}:coordinator_alert",
                to_email=settings.COORDINATOR_EMAIL,
                due_at=now,
                related=lead,
            )
    return SignupResult(enrollment, created=True)


# --- moves by staff and by the client ---------------------------------------------------


def _change(
    *,
    enrollment_id: int,
    to: str,
    by: str,
    actor: AbstractBaseUser | None,
    reason: str,
    now: datetime,
    notify: str | None,
    expect: str | None = None,
) -> Enrollment:
    """Lock the cohort, re-read the enrollment, move it, notify, pass on a freed seat."""
    with transaction.atomic(durable=True):
        cohort_id = Enrollment.objects.values_list("cohort_id", flat=True).get(pk=enrollment_id)
        cohort = _lock_cohort(cohort_id)
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("client")
            .get(pk=enrollment_id)
        )
        enrollment.cohort = cohort
        if expect is not None and enrollment.status != expect:
            raise EnrollmentError(OFFER_NOT_OPEN)
        freed = enrollment.status in SEAT_HOLDING and to not in SEAT_HOLDING
        event = _move(enrollment, to, by=by, actor=actor, reason=reason, now=now)
        if notify:
            _notify(enrollment, notify, f"{notify.removeprefix('enrollment_')}:{event.pk}", now=now)
        if to in (S.WITHDRAWN, S.DECLINED):
            notifications_cancel(related=enrollment, kinds=[OFFERED, WAITLISTED], reason=reason)
        _lead_follow(enrollment, to, actor=actor, now=now)
        if freed:
            _fill_free_seats(cohort, now=now, skip=enrollment)
    return enrollment


def enrollment_screen(
    *, enrollment_id: int, actor: AbstractBaseUser | None = None, now: datetime | None = None
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
    *, enrollment_id: int, actor: AbstractBaseUser | None = None, now: datetime | None = None
) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.ENROLLED,
        by=By.STAFF,
        actor=actor,
        reason="",
        now=now or timezone.now(),
        notify=ENROLLED,
    )


def enrollment_decline(
    *,
    enrollment_id: int,
    reason: str,
    actor: AbstractBaseUser | None = None,
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
        notify=DECLINED,
    )


def enrollment_waitlist(
    *, enrollment_id: int, actor: AbstractBaseUser | None = None, now: datetime | None = None
) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.WAITLISTED,
        by=By.STAFF,
        actor=actor,
        reason="",
        now=now or timezone.now(),
        notify=WAITLISTED,
    )


def enrollment_withdraw(
    *,
    enrollment_id: int,
    actor: AbstractBaseUser | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Enrollment:
    """The person leaves (from their own link, or staff record that they said so)."""
    return _change(
        enrollment_id=enrollment_id,
        to=S.WITHDRAWN,
        by=By.STAFF if actor is not None else By.CLIENT,
        actor=actor,
        reason=reason or ("" if actor is not None else "Withdrew with their own link"),
        now=now or timezone.now(),
        notify=WITHDRAWN,
    )


def offer_make(
    *,
    enrollment_id: int,
    actor: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Enrollment:
    """Staff offer a free seat to one person on the waitlist (urgent ones included)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        cohort_id = Enrollment.objects.values_list("cohort_id", flat=True).get(pk=enrollment_id)
        cohort = _lock_cohort(cohort_id)
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("client")
            .get(pk=enrollment_id)
        )
        enrollment.cohort = cohort
        if enrollment.status != S.WAITLISTED:
            raise EnrollmentError(NOT_WAITLISTED)
        ends_at = offer_ends_at(cohort, now=now)
        if ends_at is None:
            raise EnrollmentError(OFFER_TOO_LATE)
        event = _move(
            enrollment,
            S.OFFERED,
            by=By.STAFF,
            actor=actor,
            reason=OFFER_MADE,
            now=now,
            offer_expires_at=ends_at,
        )
        _notify_offer(enrollment, event, now=now)
    return enrollment


def offer_next(*, cohort_id: int, now: datetime | None = None) -> list[Enrollment]:
    """Offer every free seat of a cohort to the next people waiting (capacity raised, or a
    seat an earlier pass could not offer)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        cohort = _lock_cohort(cohort_id)
        return _fill_free_seats(cohort, now=now)


def offer_accept(
    *,
    enrollment_id: int,
    actor: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Enrollment:
    """The person takes the seat held for them, from their link or by telling the coordinator
    on the phone (`actor`). Two clicks at once give one seat: the second finds the offer gone
    and is refused."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        cohort_id = Enrollment.objects.values_list("cohort_id", flat=True).get(pk=enrollment_id)
        cohort = _lock_cohort(cohort_id)
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("client")
            .get(pk=enrollment_id)
        )
        enrollment.cohort = cohort
        if enrollment.status != S.OFFERED:
            raise EnrollmentError(OFFER_NOT_OPEN)
        # Past its time but not yet swept by the periodic task: still refused, and the task
        # passes the seat on.
        if enrollment.offer_expires_at <= now:
            raise EnrollmentError(OFFER_EXPIRED)
        event = _move(
            enrollment,
            S.REQUESTED,
            by=By.STAFF if actor else By.CLIENT,
            actor=actor,
            reason=OFFER_ACCEPTED,
            now=now,
        )
        _notify(enrollment, RECEIVED, f"accepted:{event.pk}", now=now)
    return enrollment


def offer_decline(*, enrollment_id: int, now: datetime | None = None) -> Enrollment:
    return _change(
        enrollment_id=enrollment_id,
        to=S.WITHDRAWN,
        by=By.CLIENT,
        actor=None,
        reason=OFFER_DECLINED,
        now=now or timezone.now(),
        notify=WITHDRAWN,
        expect=S.OFFERED,
    )


def offers_expire(*, now: datetime | None = None) -> int:
    """End every offer past its time and pass each seat on; returns how many ended.

    One short transaction per cohort, so a busy cohort never holds up the others.
    """
    now = now or timezone.now()
    cohort_ids = set(
        Enrollment.objects.filter(status=S.OFFERED, offer_expires_at__lte=now).values_list(
            "cohort_id", flat=True
        )
    )
    ended = 0
    for cohort_id in sorted(cohort_ids):
        with transaction.atomic(durable=True):
            cohort = _lock_cohort(cohort_id)
            expired = (
                Enrollment.objects.select_for_update(of=("self",))
                .select_related("client")
                .filter(cohort=cohort, status=S.OFFERED, offer_expires_at__lte=now)
            )
            for enrollment in expired:
                enrollment.cohort = cohort
                event = _move(enrollment, S.WITHDRAWN, by=By.SYSTEM, reason=OFFER_RAN_OUT, now=now)
                _notify(enrollment, WITHDRAWN, f"withdrawn:{event.pk}", now=now)
                ended += 1
            _fill_free_seats(cohort, now=now)
    return ended


# --- cohort changes -----------------------------------------------------------------------


def cohort_cancelled_notify(*, cohort: Cohort, now: datetime) -> int:
    """Called inside the cancelling transaction (cohort row locked): close every live place,
    tell each person, and point them to the group's next cohort. Returns how many."""
    notifications_cancel(
        related=cohort, kinds=[reminders.UNDER_MINIMUM], reason=COHORT_WAS_CANCELLED
    )
    live = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("client")
        .filter(cohort=cohort, status__in=LIVE)
    )
    count = 0
    for enrollment in live:
        enrollment.cohort = cohort
        _move(enrollment, S.DECLINED, by=By.SYSTEM, reason=COHORT_WAS_CANCELLED, now=now)
        notifications_cancel(
            related=enrollment, kinds=[OFFERED, WAITLISTED], reason=COHORT_WAS_CANCELLED
        )
        _notify(enrollment, COHORT_CANCELLED, "cohort_cancelled", now=now)
        count += 1
    return count
