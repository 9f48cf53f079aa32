"""A lead's status: the moves staff make by hand, and the one rule by which the facts the
site already knows (a booking, a sign-up, an offer...) move it along (`lead_follow`).

Locking: both lock the lead row and re-read it, so a fact arriving while the coordinator
clicks a button is applied to the state the button left, never lost.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from groups_site.timezones import pacific_today

from ..history import history_mark
from ..models import LEAD_CLOSED_BY_HAND, LEAD_OPEN, Client, Lead, LeadEvent
from .intake import lead_create

L = Lead.Status

# Statuses only a person can decide; facts never set or leave them.
MANUAL_CLOSED = frozenset(LEAD_CLOSED_BY_HAND)
# A lead still being worked: what a new fact about the person belongs to.
OPEN = frozenset(LEAD_OPEN)
_CLOSE = set(MANUAL_CLOSED)

# Moves staff make by hand (the buttons on a lead's page and the list actions). Booked,
# done, offered, enrolled and waitlisted are facts the site knows: `lead_follow` sets them.
LEAD_MOVES: dict[str, set[str]] = {
    L.NEW: {L.CONTACTED, *_CLOSE},
    L.CONTACTED: set(_CLOSE),
    L.CONSULTATION_BOOKED: {L.CONTACTED, *_CLOSE},
    L.CONSULTATION_DONE: {L.CONTACTED, *_CLOSE},
    L.OFFERED: {L.CONTACTED, *_CLOSE},
    L.WAITLISTED: {L.CONTACTED, *_CLOSE},
    L.ENROLLED: {L.CONTACTED},
    # A closed lead may be reopened when the person gets back in touch.
    L.REFERRED_OUT: {L.CONTACTED},
    L.NOT_A_FIT: {L.CONTACTED},
    L.NO_RESPONSE: {L.CONTACTED},
}

LEAD_MOVE_NOT_ALLOWED = "This lead cannot move from {from_} to {to}."


class LeadMoveError(Exception):
    pass


class LeadFact(models.TextChoices):
    """Things that happen to a person elsewhere in the site, in the lead's words."""

    CONSULTATION_BOOKED = "consultation_booked", "Booked a free consultation"
    CONSULTATION_DONE = "consultation_done", "Had the free consultation"
    CONSULTATION_NO_SHOW = "consultation_no_show", "Missed the free consultation"
    SIGNED_UP = "signed_up", "Signed up for a group"
    SCREENING = "screening", "Screening for a group started"
    WAITLISTED = "waitlisted", "Placed on a group's waitlist"
    OFFERED = "offered", "Offered a seat in a group"
    OFFER_ACCEPTED = "offer_accepted", "Accepted the offered seat"
    ENROLLED = "enrolled", "Enrolled in a group"
    WITHDRAWN = "withdrawn", "Left a group or its waitlist"
    DECLINED = "declined", "Place in a group declined"


F = LeadFact
# Keyed by str: a lead's stored status and an event name are plain strings.
_RANK: dict[str, int] = {
    L.NEW: 0,
    L.CONTACTED: 1,
    L.CONSULTATION_BOOKED: 2,
    L.CONSULTATION_DONE: 3,
    L.OFFERED: 4,
    L.WAITLISTED: 4,
    L.ENROLLED: 5,
}
# Facts that move a lead forward only (never back past where it already is).
_FORWARD: dict[str, str] = {
    F.CONSULTATION_BOOKED: L.CONSULTATION_BOOKED,
    F.CONSULTATION_DONE: L.CONSULTATION_DONE,
    F.SCREENING: L.CONTACTED,
}
# Facts about a place in a group: the lead says what the place is now.
_SET: dict[str, str] = {F.WAITLISTED: L.WAITLISTED, F.OFFERED: L.OFFERED, F.ENROLLED: L.ENROLLED}
# Facts that undo a place or a booking: back to "contacted", to be talked through.
_UNDO: dict[str, set[str]] = {
    F.CONSULTATION_NO_SHOW: {L.CONSULTATION_BOOKED},
    F.WITHDRAWN: {L.OFFERED, L.WAITLISTED, L.ENROLLED},
    F.DECLINED: {L.OFFERED, L.WAITLISTED, L.ENROLLED},
}
# Facts that start a lead when the person has none open.
_STARTS_A_LEAD = {F.CONSULTATION_BOOKED, F.SIGNED_UP, F.WAITLISTED}
# Facts that mean staff spoke with the person, when staff recorded them.
_CONTACT = {F.CONSULTATION_BOOKED, F.CONSULTATION_DONE, F.SCREENING}

# An enrollment's new status, as the fact it is for the lead.
ENROLLMENT_FACTS: dict[str, str] = {
    "requested": F.SIGNED_UP,
    "screening": F.SCREENING,
    "waitlisted": F.WAITLISTED,
    "offered": F.OFFERED,
    # A staff placement is a seat waiting for the person's own yes: offered, in the lead's words.
    "placed": F.OFFERED,
    "enrolled": F.ENROLLED,
    "withdrawn": F.WITHDRAWN,
    "declined": F.DECLINED,
}


def _target(fact: str, status: str) -> str:
    if fact in _FORWARD:
        wanted = _FORWARD[fact]
        return wanted if _RANK[status] < _RANK[wanted] else status
    if fact in _SET:
        return _SET[fact]
    if fact in _UNDO and status in _UNDO[fact]:
        return L.CONTACTED
    return status


def _contact(lead: Lead, *, by: User | None, now: datetime) -> list[str]:
    """Record that staff reached the person: the first contact also makes them the owner."""
    if by is None:
        return []
    fields = ["last_contacted_at"]
    lead.last_contacted_at = now
    if lead.first_contacted_at is None:
        lead.first_contacted_at = now
        fields.append("first_contacted_at")
    if lead.assignee_id is None:
        lead.assignee = by
        fields.append("assignee")
    return fields


def lead_move(
    *,
    lead_id: int,
    to_status: str,
    actor: User | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Lead:
    """A move staff make by hand. "Contacted" records the contact (and the owner, if none);
    closing a lead clears its follow-up date. A refusal raises LeadMoveError, saving nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead_id)
        if lead.status == to_status:
            return lead
        if to_status not in LEAD_MOVES.get(lead.status, set()):
            raise LeadMoveError(
                LEAD_MOVE_NOT_ALLOWED.format(
                    from_=L(lead.status).label.lower(), to=L(to_status).label.lower()
                )
            )
        LeadEvent.objects.create(
            lead=lead,
            from_status=lead.status,
            to_status=to_status,
            actor=actor,
            note=note[:300],
            at=now,
        )
        fields = ["status", "status_changed_at"]
        if to_status == L.CONTACTED:
            fields += _contact(lead, by=actor, now=now)
        if to_status in MANUAL_CLOSED:
            lead.follow_up_on = None
            fields.append("follow_up_on")
        lead.status = to_status
        lead.status_changed_at = now
        history_mark(lead, by=actor)
        lead.save(update_fields=fields)
    return lead


def _open_lead(client_id: int, lead_id: int | None) -> Lead | None:
    """The lead a fact belongs to, locked: the one given (unless closed by hand), else the
    person's newest open lead."""
    if lead_id is not None:
        lead = Lead.objects.select_for_update().filter(pk=lead_id).first()
        if lead is not None and lead.status not in MANUAL_CLOSED:
            return lead
    return (
        Lead.objects.select_for_update()
        .filter(client_id=client_id, status__in=OPEN)
        .order_by("-created_at", "-pk")
        .first()
    )


def lead_follow(
    *,
    client_id: int,
    event: str,
    by: User | None = None,
    now: datetime,
    lead_id: int | None = None,
    note: str = "",
    urgent: bool = False,
    start: dict | None = None,
    new_client: bool = False,
) -> Lead | None:
    """Move the person's open lead along after `event` (a LeadFact), with a timeline entry.

    The one rule for "the lead follows the facts", called by the consultation and enrollment
    services inside their own transaction. Booked and done move a lead forward only; a
    waitlist place, an offer and an enrollment say where the lead is; a no-show, a
    withdrawal or a decline take it back to "contacted" to be talked through. Leads closed by
    hand (referred out, not a fit, no response) are never moved. A booking or a sign-up from
    someone with no open lead starts one (`start`: lead_create's fields); other facts about
    such a person only show in their own timeline. `urgent` flags the lead (a crisis answer).
    `new_client`: the person's record was written in this same transaction
    (`Client.written_now`), so they have no lead to look up.
    """
    fact = F(event)
    # No savepoint: nothing here is refused, so no caller rolls back to a point inside
    # it; a database error ends the caller's whole transaction, as it would without one. The
    # SAVEPOINT and RELEASE were two round trips inside every sign-up's cohort lock.
    with transaction.atomic(savepoint=False):
        lead = None if new_client else _open_lead(client_id, lead_id)
        if lead is None:
            if start is None or fact not in _STARTS_A_LEAD:
                return None
            status = L.WAITLISTED if fact == F.WAITLISTED else L.NEW
            if fact == F.CONSULTATION_BOOKED:
                status = L.CONSULTATION_BOOKED
            lead = lead_create(
                client=Client(pk=client_id),
                **start,
                is_urgent=urgent,
                status=status,
                actor=by,
                now=now,
            )
            if fact in _CONTACT:
                history_mark(lead, by=by)
                lead.save(update_fields=_contact(lead, by=by, now=now))
            return lead
        before = lead.status
        to = _target(fact, before)
        fields: list[str] = []
        if to != lead.status:
            lead.status = to
            lead.status_changed_at = now
            fields += ["status", "status_changed_at"]
        if fact in _CONTACT:
            fields += _contact(lead, by=by, now=now)
        if fact == F.CONSULTATION_NO_SHOW and lead.follow_up_on is None:
            # A missed call is worth another try today: it shows under follow-ups due.
            lead.follow_up_on = pacific_today(now)
            fields.append("follow_up_on")
        if urgent and not lead.is_urgent:
            lead.is_urgent = True
            fields.append("is_urgent")
        LeadEvent.objects.create(
            lead=lead,
            from_status=before,
            to_status=to,
            actor=by,
            note=(note or fact.label)[:300],
            at=now,
        )
        if fields:
            history_mark(lead, by=by)
            lead.save(update_fields=fields)
    return lead


def lead_consultation_booked(
    *,
    client: Client,
    source: str,
    interest: str,
    note: str = "",
    actor: User | None = None,
    now: datetime | None = None,
) -> Lead:
    """The lead a new consultation belongs to: the person's open request moves on to
    "consultation booked" rather than staying in the new/overdue lists beside a second
    lead; someone with none gets a new lead."""
    lead = lead_follow(
        client_id=client.pk,
        event=F.CONSULTATION_BOOKED,
        by=actor,
        now=now or timezone.now(),
        start={"source": source, "interest": interest, "message": note},
    )
    assert lead is not None, "a booking starts a lead when the person has none open"
    return lead
