"""Working a lead: logging calls, owning it, planning the next follow-up, referring out."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from groups_site.timezones import pacific_today

from ..history import history_mark
from ..models import ClientNote, Lead, LeadEvent
from .pipeline import MANUAL_CLOSED, OPEN, LeadMoveError, _contact, lead_move

L = Lead.Status

NOTE_REQUIRED = "Please write what happened on the call."
NOTHING_TO_REFER = "This person has no open request to refer out."
REASON_REQUIRED = "Please say where they were referred to."
FOLLOW_UP_IN_PAST = "A follow-up date cannot be in the past."
CLOSED_LEAD_FOLLOW_UP = "This lead is closed; reopen it before planning a follow-up."


def _name(user: User | None) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


def _note_event(lead: Lead, *, note: str, actor, now: datetime) -> None:
    LeadEvent.objects.create(
        lead=lead, from_status=lead.status, to_status=lead.status, actor=actor, note=note, at=now
    )


def client_call_log(
    *,
    client_id: int,
    note: str,
    actor: User,
    follow_up_on: date | None = None,
    lead_id: int | None = None,
    now: datetime | None = None,
) -> ClientNote:
    """A call with the person, in staff's words. It counts as contact on their open lead:
    a new lead becomes "contacted", the caller owns it if nobody did, and the next follow-up
    becomes the date given (none given: nothing planned)."""
    now = now or timezone.now()
    note = note.strip()
    if not note:
        raise LeadMoveError(NOTE_REQUIRED)
    with transaction.atomic():
        qs = Lead.objects.select_for_update().filter(client_id=client_id)
        lead = (
            qs.filter(pk=lead_id).exclude(status__in=MANUAL_CLOSED).first()
            if lead_id is not None
            else None
        ) or qs.filter(status__in=OPEN).order_by("-created_at", "-pk").first()
        logged = ClientNote.objects.create(
            client_id=client_id,
            lead=lead,
            kind=ClientNote.Kind.CALL,
            text=note,
            author=actor,
            at=now,
        )
        if lead is not None:
            if lead.status == L.NEW:
                lead = lead_move(lead_id=lead.pk, to_status=L.CONTACTED, actor=actor, now=now)
            fields = _contact(lead, by=actor, now=now)
            lead.follow_up_on = follow_up_on
            history_mark(lead, by=actor)
            lead.save(update_fields=[*fields, "follow_up_on"])
    return logged


def lead_assign(*, lead_id: int, assignee: User | None, actor: User, now: datetime) -> bool:
    """Give the lead an owner; returns False when it already had that one."""
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead_id)
        if lead.assignee_id == (assignee.pk if assignee else None):
            return False
        lead.assignee = assignee
        history_mark(lead, by=actor)
        lead.save(update_fields=["assignee"])
        _note_event(lead, note=f"Assigned to {_name(assignee)}", actor=actor, now=now)
    return True


def lead_follow_up_set(*, lead_id: int, on: date | None, actor: User, now: datetime) -> bool:
    """Plan the next try (None: nothing planned). Returns False when nothing changed; a date
    in the past or a closed lead is refused, saving nothing."""
    if on is not None and on < pacific_today(now):
        raise LeadMoveError(FOLLOW_UP_IN_PAST)
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead_id)
        if lead.follow_up_on == on:
            return False
        if on is not None and lead.status in MANUAL_CLOSED:
            raise LeadMoveError(CLOSED_LEAD_FOLLOW_UP)
        lead.follow_up_on = on
        history_mark(lead, by=actor)
        lead.save(update_fields=["follow_up_on"])
        text = f"Next follow-up {on:%a %b %-d}" if on else "Follow-up cleared"
        _note_event(lead, note=text, actor=actor, now=now)
    return True


def client_refer_out(*, client_id: int, note: str, actor: User, now: datetime | None = None) -> int:
    """Close every open request of the person as referred out (where to, in `note`).
    Returns how many; none open is refused."""
    now = now or timezone.now()
    if not note.strip():
        raise LeadMoveError(REASON_REQUIRED)
    ids = list(
        Lead.objects.filter(client_id=client_id, status__in=OPEN).values_list("pk", flat=True)
    )
    if not ids:
        raise LeadMoveError(NOTHING_TO_REFER)
    with transaction.atomic():
        for lead_id in ids:
            lead_move(
                lead_id=lead_id, to_status=L.REFERRED_OUT, actor=actor, note=note.strip(), now=now
            )
    return len(ids)
