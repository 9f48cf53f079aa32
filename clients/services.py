"""State changes for clients and leads: one function per move, keyword-only."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Client, ClientAccessLog, Lead, LeadEvent

# Allowed pipeline moves. Terminal states may be reopened to "contacted" by staff.
LEAD_MOVES: dict[str, set[str]] = {
    Lead.Status.NEW: {
        Lead.Status.CONTACTED,
        Lead.Status.CONSULTATION_BOOKED,
        Lead.Status.ENROLLED,
        Lead.Status.WAITLISTED,
        Lead.Status.REFERRED_OUT,
        Lead.Status.NOT_A_FIT,
        Lead.Status.NO_RESPONSE,
    },
    Lead.Status.CONTACTED: {
        Lead.Status.CONSULTATION_BOOKED,
        Lead.Status.ENROLLED,
        Lead.Status.WAITLISTED,
        Lead.Status.REFERRED_OUT,
        Lead.Status.NOT_A_FIT,
        Lead.Status.NO_RESPONSE,
    },
    Lead.Status.CONSULTATION_BOOKED: {
        Lead.Status.CONTACTED,
        Lead.Status.ENROLLED,
        Lead.Status.WAITLISTED,
        Lead.Status.REFERRED_OUT,
        Lead.Status.NOT_A_FIT,
        Lead.Status.NO_RESPONSE,
    },
    Lead.Status.ENROLLED: {Lead.Status.CONTACTED},
    Lead.Status.WAITLISTED: {Lead.Status.CONTACTED, Lead.Status.ENROLLED},
    Lead.Status.REFERRED_OUT: {Lead.Status.CONTACTED},
    Lead.Status.NOT_A_FIT: {Lead.Status.CONTACTED},
    Lead.Status.NO_RESPONSE: {Lead.Status.CONTACTED},
}

LEAD_MOVE_NOT_ALLOWED = "This lead cannot move from {from_} to {to}."


class LeadMoveError(Exception):
    pass


def client_get_or_create(
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    preferred_name: str = "",
    phone: str = "",
    preferred_contact: str = "",
    state: str = "",
    city: str = "",
) -> Client:
    """One person, one record: match on email, case-insensitively, and refresh contact details.

    Two first contacts with one email at the same moment race on the unique index; the
    loser re-reads the winner's row instead of failing.
    """
    email = email.strip()
    fields = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "preferred_name": preferred_name.strip(),
        "phone": phone.strip(),
        "preferred_contact": preferred_contact,
        "state": state.strip().upper(),
        "city": city.strip(),
    }
    fields = {k: v for k, v in fields.items() if v}
    client = Client.objects.filter(email__iexact=email).first()
    if client is None:
        try:
            with transaction.atomic():
                return Client.objects.create(email=email, **fields)
        except IntegrityError:
            client = Client.objects.get(email__iexact=email)
    changed = [k for k, v in fields.items() if getattr(client, k) != v]
    if changed:
        for k in changed:
            setattr(client, k, fields[k])
        client.save(update_fields=[*changed, "updated_at"])
    return client


def lead_create(
    *,
    client: Client,
    source: str,
    interest: str = Lead.Interest.NOT_SURE,
    interested_group=None,
    is_urgent: bool = False,
    message: str = "",
    preferred_times: str = "",
    heard_about: str = "",
    status: str = Lead.Status.NEW,
    actor: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Lead:
    now = now or timezone.now()
    lead = Lead.objects.create(
        client=client,
        source=source,
        interest=interest,
        interested_group=interested_group,
        is_urgent=is_urgent,
        message=message,
        preferred_times=preferred_times,
        heard_about=heard_about,
        status=status,
        status_changed_at=now,
    )
    LeadEvent.objects.create(lead=lead, from_status="", to_status=status, actor=actor, at=now)
    return lead


def lead_move(
    *,
    lead_id: int,
    to_status: str,
    actor: AbstractBaseUser | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Lead:
    now = now or timezone.now()
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead_id)
        if lead.status == to_status:
            return lead
        if to_status not in LEAD_MOVES.get(lead.status, set()):
            raise LeadMoveError(LEAD_MOVE_NOT_ALLOWED.format(from_=lead.status, to=to_status))
        LeadEvent.objects.create(
            lead=lead, from_status=lead.status, to_status=to_status, actor=actor, note=note, at=now
        )
        lead.status = to_status
        lead.status_changed_at = now
        lead.save(update_fields=["status", "status_changed_at"])
    return lead


def client_access_record(*, client_id: int, user: AbstractBaseUser, where: str) -> None:
    ClientAccessLog.objects.create(client_id=client_id, user=user, where=where[:120])
