"""What every enrollment move shares: the table of allowed moves, the messages, the cohort
lock, and the one function that changes a status (`_move`), with its history and emails.

Locking rule: a move that may take a seat or free one first locks the
cohort row (`select_for_update`), then re-reads the enrollment and counts seat holders from
rows. So two sign-ups for the last seat queue on the cohort row and the second one sees the
first one's row; on SQLite the IMMEDIATE transaction mode queues writers the same way. The
one-live-enrollment-per-client constraint and, on PostgreSQL, a capacity trigger back this up.

Emails are notification rows written in the same transaction; the dispatcher sends them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from clients.history import history_mark
from clients.services import ENROLLMENT_FACTS, lead_follow
from cohorts.models import Cohort
from cohorts.places import places_left
from notifications.kinds import Kind
from notifications.services import notification_schedule

from .. import reminders
from ..couples import is_couples_cohort, offerable_couples
from ..models import (
    OFFERABLE,
    SEAT_HOLDING,
    TIME_LIMITED,
    WAITLIST_ORDER,
    Enrollment,
    EnrollmentEvent,
)
from ..selectors import next_entry_point, seats_taken

S = Enrollment.Status
By = EnrollmentEvent.By

# The one table of allowed moves. Withdrawn and declined are final: someone who comes back
# signs up again and gets a new row (the live-enrollment constraint allows that).
MOVES: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.SCREENING, S.ENROLLED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.SCREENING: frozenset({S.ENROLLED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    S.ENROLLED: frozenset({S.WITHDRAWN, S.DECLINED}),
    S.WAITLISTED: frozenset(
        {S.OFFERED, S.PLACED, S.SCREENING, S.ENROLLED, S.DECLINED, S.WITHDRAWN}
    ),
    # Accepting an offer puts the person back in front of the coordinator with the seat held
    # (screening is done by people); staff may also take an offer back to the waitlist.
    S.OFFERED: frozenset({S.REQUESTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    # A staff placement: the person's own confirmation enrolls them (or, with a crisis
    # answer, puts them back in front of the coordinator); unconfirmed, it runs out.
    # A couple's partner confirming beside a partner still to be looked at: requested.
    S.PLACED: frozenset(
        {S.ENROLLED, S.REQUESTED, S.SCREENING, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}
    ),
    S.WITHDRAWN: frozenset(),
    S.DECLINED: frozenset(),
}

# Email kinds are notifications.kinds.Kind (ENROLLMENT_*); their renderers are in
# enrollment/emails.py.

# Messages, matched by tests and shown to people as they are.
MOVE_NOT_ALLOWED = "A place that is {from_} cannot be moved to {to}."
COHORT_FULL = _("This group is full: every seat is taken.")
AGREEMENT_CHANGED = _(
    "The group agreement was updated while you were reading it. Please read the new "
    "version and tick the box again."
)
ADULT_REQUIRED = _("Our groups are for adults aged 18 or older.")
OFFER_NOT_OPEN = _("There is no open offer on this place any more.")
OFFER_EXPIRED = _("This offer has ended, so the seat has been passed on.")
OFFER_TOO_LATE = _("It is too close to the start of the group to offer a seat.")
NOBODY_WAITING = "Nobody is waiting for a seat in this group."
NOT_WAITLISTED = "Only someone on the waitlist can be offered a seat."
REASON_REQUIRED = "Please give a reason."
ALREADY_HAS_PLACE = "This person already has a place in this group (or on its waitlist)."
PLACEMENT_NOT_OPEN = _("There is nothing waiting for your confirmation on this place any more.")
PLACEMENT_NEEDS_PERSON = (
    "This place is waiting for the person to confirm the group agreement, their location and "
    "the safety question; only their confirmation can enroll them."
)
PLACEMENT_EXPIRED = _("The time to confirm this place has ended, so the seat has been passed on.")

# Event reasons written by the site itself.
SIGNED_UP = "Signed up online"
SIGNED_UP_FULL = "Signed up online; the group was full"
OFFER_ACCEPTED = "Accepted the offered seat"
OFFER_DECLINED = "Declined the offered seat"
OFFER_RAN_OUT = "The offer ran out"
OFFER_MADE = "A seat came free"
COHORT_CANCELLED_REASON = "The cohort was cancelled"
PLACED_BY_STAFF = "Placed by staff; waiting for the person to confirm"
WAITLISTED_BY_STAFF = "Added to the waitlist by staff"
PLACEMENT_CONFIRMED = "Confirmed the agreement, location and safety question"
PLACEMENT_CONFIRMED_CRISIS = "Confirmed, and answered yes to the safety question"
PLACEMENT_RAN_OUT = "The placement was not confirmed in time"

# An offer that would end within this much time cannot reasonably be taken up: not sent.
MIN_OFFER_WINDOW = timedelta(hours=1)


class EnrollmentError(Exception):
    """A refused move; the message is shown to the person as it is."""


# --- reads used under the lock ----------------------------------------------------------


def _locked_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.select_for_update(of=("self",))


def _lock_cohort(cohort_id: int) -> Cohort:
    return _locked_cohorts().select_related("group").get(pk=cohort_id)


def _lock_enrollment(enrollment_id: int) -> Enrollment:
    """Lock the place's cohort row, then read the place again under that lock (and lock it):
    whatever the caller read before may have changed while this transaction queued."""
    cohort_id = Enrollment.objects.values_list("cohort_id", flat=True).get(pk=enrollment_id)
    cohort = _lock_cohort(cohort_id)
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=enrollment_id)
    )
    enrollment.cohort = cohort
    return enrollment


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
    actor: User | None,
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
    actor: User | None = None,
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
    enrollment.offer_expires_at = offer_expires_at if to in TIME_LIMITED else None
    fields = ["status", "status_changed_at", "offer_expires_at"]
    if to == S.REQUESTED and enrollment.cohort.is_open_group:
        # Someone accepting a seat in an open group starts at the next entry point from now.
        enrollment.start_session = next_entry_point(enrollment.cohort, now=now)
        fields.append("start_session")
    history_mark(enrollment, by=actor)
    enrollment.save(update_fields=fields)
    # Reminders follow every move from here: an ended offer's and a former member's stop,
    # a new member's start reminders are written.
    reminders.status_follow(enrollment=enrollment, from_=from_, to=to, now=now)
    _lead_follow(enrollment, to, actor=actor, reason=reason, now=now)
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
    _notify(enrollment, Kind.ENROLLMENT_OFFERED, f"offered:{event.pk}", now=now)
    reminders.offer_reminder_schedule(enrollment=enrollment, offer_key=str(event.pk), now=now)


def _lead_follow(enrollment: Enrollment, to: str, *, actor, reason: str, now: datetime) -> None:
    """The person's open lead follows the move (clients.services.lead_follow has the rule)."""
    fact = ENROLLMENT_FACTS[to]
    if to == S.REQUESTED and reason == OFFER_ACCEPTED:
        fact = "offer_accepted"
    lead_follow(
        client_id=enrollment.client_id, lead_id=enrollment.lead_id, event=fact, by=actor, now=now
    )


def _fill_free_seats(
    cohort: Cohort, *, now: datetime, skip: Enrollment | None = None
) -> list[Enrollment]:
    """Offer every free seat to the next people waiting (priority, then sign-up time).

    Urgent sign-ups are skipped: a person decides their next step, never the site alone.
    So is `skip`, someone staff just moved from a seat to the waitlist (offering them their
    own seat back would undo the move), and so is anyone staff put on the waitlist who has
    not yet given their own answers (agreement, location, safety): a seat is offered only
    to people who confirmed them. The caller holds the cohort lock.
    """
    offered: list[Enrollment] = []
    if cohort.status != Cohort.Status.PUBLISHED:
        return offered
    places = places_left(cohort, taken=seats_taken(cohort))
    if places == 0:
        return offered
    ends_at = offer_ends_at(cohort, now=now)
    if ends_at is None:
        return offered
    if is_couples_cohort(cohort):
        # Both partners offered together; an odd seat waits for its pair.
        pairs = offerable_couples(cohort, skip_couple_id=skip.couple_id if skip else None)
        waiting = [row for pair in pairs[:places] for row in pair]
    else:
        rows = (
            Enrollment.objects.select_for_update()
            .select_related("client")
            .filter(OFFERABLE, cohort=cohort)
            .order_by(*WAITLIST_ORDER)
        )
        if skip is not None:
            rows = rows.exclude(pk=skip.pk)
        waiting = list(rows[:places])
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
