"""State changes of consultations: book, reschedule, cancel, complete, no-show.

Locking rule: booking and rescheduling make a coordinator less available, so they lock the
active coordinators' rows (in id order, so two bookers never deadlock) before reading
bookings; the next booker then reads the committed row and is told the time was taken.
The database constraints stay the last word (a row written around this service is refused).
Cancelling only frees time, so it locks just the consultation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import Lead
from clients.services import LeadFact, client_get_or_create, lead_consultation_booked, lead_follow
from notifications.kinds import Kind
from notifications.services import notification_schedule, notifications_cancel
from notifications.timing import before

from .messages import (
    ALREADY_BOOKED,
    NO_COORDINATOR,
    NOT_CHANGEABLE,
    NOT_YET_HAPPENED,
    SLOT_TAKEN,
    SLOT_UNAVAILABLE,
    TOO_LATE_TO_CHANGE,
    VIDEO_OUTSIDE_CALIFORNIA,
    AlreadyBooked,
    ConsultationError,
    SlotTaken,
)
from .models import DURATION, Consultation, ConsultationEvent, Coordinator
from .selectors import availability_load, upcoming_for_email
from .slots import local_label, slot_check, slot_value

# A reminder that would land this soon after the confirmation only repeats it: not written.
REMINDER_MIN_GAP = timedelta(minutes=30)

S = Consultation.Status
CONSULTATION_MOVES: dict[str, set[str]] = {
    S.BOOKED: {S.COMPLETED, S.NO_SHOW, S.CANCELLED, S.RESCHEDULED},
    # A mistaken outcome can be corrected; a freed time cannot come back.
    S.COMPLETED: {S.NO_SHOW},
    S.NO_SHOW: {S.COMPLETED},
    S.CANCELLED: set(),
    S.RESCHEDULED: set(),
}


def _change_window() -> timedelta:
    return timedelta(hours=settings.CONSULTATION_CHANGE_WINDOW_HOURS)


def _too_late_message() -> str:
    return TOO_LATE_TO_CHANGE.format(
        hours=settings.CONSULTATION_CHANGE_WINDOW_HOURS, phone=settings.PRACTICE_PHONE
    )


def _lock_coordinators(coordinator_id: int | None) -> list[int]:
    qs = Coordinator.objects.select_for_update().filter(is_active=True).order_by("pk")
    if coordinator_id is not None:
        qs = qs.filter(pk=coordinator_id)
    return list(qs.values_list("pk", flat=True))


def _choose_coordinator(
    *,
    starts_at: datetime,
    now: datetime,
    for_staff: bool,
    coordinator_id: int | None = None,
    prefer_id: int | None = None,
    exclude_consultation_id: int | None = None,
) -> int:
    """Lock, then check the time with the slot rules; returns the coordinator to book."""
    locked = _lock_coordinators(coordinator_id)
    if not locked:
        raise ConsultationError(NO_COORDINATOR)
    check = slot_check(
        availability_load(
            now=now, coordinator_ids=locked, exclude_consultation_id=exclude_consultation_id
        ),
        starts_at,
        now=now,
        for_staff=for_staff,
    )
    if not check.offered:
        raise ConsultationError(SLOT_UNAVAILABLE)
    if not check.free:
        raise SlotTaken(SLOT_TAKEN)
    return prefer_id if prefer_id in check.free else check.free[0]


def _insert(consultation: Consultation) -> Consultation:
    # The constraints refuse an overlap this service somehow missed (a row written
    # elsewhere); the savepoint keeps the caller's transaction usable to report it.
    try:
        with transaction.atomic():
            consultation.save(force_insert=True)
    except IntegrityError as exc:
        raise SlotTaken(SLOT_TAKEN) from exc
    return consultation


def _schedule_confirmation(consultation: Consultation, *, now: datetime) -> None:
    """The confirmation at once and the reminders (CONSULTATION_REMINDER_HOURS, elapsed
    hours before the call); a reminder already past at booking, or due right after the
    confirmation, is skipped. Every key holds the start time, so a move writes new rows
    (the caller cancels the old consultation's)."""
    start = slot_value(consultation.starts_at)
    notification_schedule(
        kind=Kind.CONSULTATION_CONFIRMATION,
        key=f"consultation:{consultation.pk}:confirmation:{start}",
        to_email=consultation.client.email,
        due_at=now,
        related=consultation,
        now=now,
    )
    for hours in settings.CONSULTATION_REMINDER_HOURS:
        due_at = before(consultation.starts_at, hours=hours)
        if due_at < now + REMINDER_MIN_GAP:
            continue
        notification_schedule(
            kind=Kind.CONSULTATION_REMINDER,
            key=f"consultation:{consultation.pk}:reminder_{hours}h:{start}",
            to_email=consultation.client.email,
            due_at=due_at,
            related=consultation,
            now=now,
        )


def _event(consultation, *, from_status, to_status, actor, now, note="") -> None:
    ConsultationEvent.objects.create(
        consultation=consultation,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note[:200],
        at=now,
    )


def consultation_book(
    *,
    starts_at: datetime,
    first_name: str,
    email: str,
    phone: str,
    mode: str = Consultation.Mode.PHONE,
    last_name: str = "",
    state: str = "CA",
    interest: str = Lead.Interest.NOT_SURE,
    note: str = "",
    source: str = Lead.Source.CONSULTATION,
    coordinator_id: int | None = None,
    language: str = "",
    actor: User | None = None,
    now: datetime | None = None,
) -> Consultation:
    """Book a free call at `starts_at` with a free coordinator (the least booked).

    `actor` is the staff member booking for a caller: they may skip the notice rules, and
    may pick the coordinator. Any refusal raises before anything is saved.
    """
    now = now or timezone.now()
    if mode == Consultation.Mode.VIDEO and state.upper() != "CA":
        raise ConsultationError(VIDEO_OUTSIDE_CALIFORNIA)
    with transaction.atomic(durable=True):
        chosen = _choose_coordinator(
            starts_at=starts_at,
            now=now,
            for_staff=actor is not None,
            coordinator_id=coordinator_id,
        )
        # Under the coordinators' lock, so two bookings by one email cannot both pass.
        if actor is None and upcoming_for_email(email, now=now) is not None:
            raise AlreadyBooked(ALREADY_BOOKED)
        client = client_get_or_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            state=state,
            language=language,
        )
        lead = lead_consultation_booked(
            client=client, source=source, interest=interest, note=note, actor=actor, now=now
        )
        coordinator = Coordinator.objects.get(pk=chosen)
        consultation = _insert(
            Consultation(
                client=client,
                lead=lead,
                coordinator=coordinator,
                starts_at=starts_at,
                ends_at=starts_at + DURATION,
                blocked_until=starts_at + DURATION + coordinator.buffer,
                mode=mode,
                note=note,
                booked_by=actor,
                status_changed_at=now,
            )
        )
        _event(consultation, from_status="", to_status=S.BOOKED, actor=actor, now=now)
        _schedule_confirmation(consultation, now=now)
    return consultation


def consultation_link_resend(*, email: str, now: datetime | None = None) -> bool:
    """Send the confirmation of the email's upcoming call again (its link moves or cancels
    the call), at most once a day. Only the address's owner gets the link, so the page that
    offers this can say the same whether or not a call exists."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        consultation = upcoming_for_email(email, now=now)
        if consultation is None:
            return False
        notification_schedule(
            kind=Kind.CONSULTATION_CONFIRMATION,
            key=f"consultation:{consultation.pk}:confirmation_again:{now:%Y-%m-%d}",
            to_email=consultation.client.email,
            due_at=now,
            related=consultation,
            now=now,
        )
    return True


def consultation_reschedule(
    *,
    consultation_id: int,
    starts_at: datetime,
    actor: User | None = None,
    coordinator_id: int | None = None,
    now: datetime | None = None,
) -> Consultation:
    """Move a booked call: the old row becomes `rescheduled` (freeing its time) and points to
    a new booked row, which gets its own confirmation; the old one's pending emails stop."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        old = (
            Consultation.objects.select_for_update()
            .select_related("client")
            .get(pk=consultation_id)
        )
        if old.status != S.BOOKED:
            raise ConsultationError(NOT_CHANGEABLE.format(status=old.get_status_display().lower()))
        if actor is None and old.starts_at - now < _change_window():
            raise ConsultationError(_too_late_message())
        if starts_at == old.starts_at and coordinator_id in (None, old.coordinator_id):
            return old
        chosen = _choose_coordinator(
            starts_at=starts_at,
            now=now,
            for_staff=actor is not None,
            coordinator_id=coordinator_id,
            prefer_id=old.coordinator_id,
            exclude_consultation_id=old.pk,
        )
        # Free the old time first: the constraints only look at live rows.
        old.status = S.RESCHEDULED
        old.status_changed_at = now
        old.save(update_fields=["status", "status_changed_at"])
        coordinator = Coordinator.objects.get(pk=chosen)
        new = _insert(
            Consultation(
                client=old.client,
                lead_id=old.lead_id,
                coordinator=coordinator,
                starts_at=starts_at,
                ends_at=starts_at + DURATION,
                blocked_until=starts_at + DURATION + coordinator.buffer,
                mode=old.mode,
                note=old.note,
                booked_by_id=old.booked_by_id,
                status_changed_at=now,
            )
        )
        old.rescheduled_to = new
        old.save(update_fields=["rescheduled_to"])
        note = f"moved to {local_label(starts_at)} on {starts_at:%Y-%m-%d}"
        _event(old, from_status=S.BOOKED, to_status=S.RESCHEDULED, actor=actor, now=now, note=note)
        _event(new, from_status="", to_status=S.BOOKED, actor=actor, now=now, note="rescheduled")
        notifications_cancel(related=old, reason="consultation rescheduled")
        _schedule_confirmation(new, now=now)
    return new


def consultation_cancel(
    *,
    consultation_id: int,
    actor: User | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Consultation:
    """Cancel a booked call; a second cancel (a double submit) changes nothing."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        consultation = (
            Consultation.objects.select_for_update()
            .select_related("client")
            .get(pk=consultation_id)
        )
        if consultation.status == S.CANCELLED:
            return consultation
        if consultation.status != S.BOOKED:
            raise ConsultationError(
                NOT_CHANGEABLE.format(status=consultation.get_status_display().lower())
            )
        if actor is None and consultation.starts_at - now < _change_window():
            raise ConsultationError(_too_late_message())
        consultation.status = S.CANCELLED
        consultation.status_changed_at = now
        consultation.save(update_fields=["status", "status_changed_at"])
        _event(
            consultation,
            from_status=S.BOOKED,
            to_status=S.CANCELLED,
            actor=actor,
            now=now,
            note=note,
        )
        notifications_cancel(related=consultation, reason="consultation cancelled")
        if consultation.starts_at > now:
            notification_schedule(
                kind=Kind.CONSULTATION_CANCELLED,
                key=f"consultation:{consultation.pk}:cancelled",
                to_email=consultation.client.email,
                due_at=now,
                related=consultation,
                now=now,
            )
    return consultation


_OUTCOME_FACTS: dict[str, str] = {
    S.COMPLETED: LeadFact.CONSULTATION_DONE,
    S.NO_SHOW: LeadFact.CONSULTATION_NO_SHOW,
}


def _record_outcome(
    *, consultation_id: int, to_status: str, actor: User | None, now: datetime | None
) -> Consultation:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        consultation = Consultation.objects.select_for_update().get(pk=consultation_id)
        if consultation.status == to_status:
            return consultation
        if to_status not in CONSULTATION_MOVES[consultation.status]:
            raise ConsultationError(
                NOT_CHANGEABLE.format(status=consultation.get_status_display().lower())
            )
        if consultation.starts_at > now:
            raise ConsultationError(
                NOT_YET_HAPPENED.format(status=Consultation.Status(to_status).label.lower())
            )
        _event(
            consultation,
            from_status=consultation.status,
            to_status=to_status,
            actor=actor,
            now=now,
        )
        consultation.status = to_status
        consultation.status_changed_at = now
        consultation.save(update_fields=["status", "status_changed_at"])
        notifications_cancel(related=consultation, reason=f"consultation {to_status}")
        lead_follow(
            client_id=consultation.client_id,
            lead_id=consultation.lead_id,
            event=_OUTCOME_FACTS[to_status],
            by=actor,
            now=now,
        )
    return consultation


def consultation_complete(
    *, consultation_id: int, actor: User | None = None, now: datetime | None = None
) -> Consultation:
    return _record_outcome(
        consultation_id=consultation_id, to_status=S.COMPLETED, actor=actor, now=now
    )


def consultation_no_show(
    *, consultation_id: int, actor: User | None = None, now: datetime | None = None
) -> Consultation:
    return _record_outcome(
        consultation_id=consultation_id, to_status=S.NO_SHOW, actor=actor, now=now
    )
