"""Data rights: export one client's data, erase it, and erase what the retention rule says
is kept too long.

Other apps hold parts of a client's data (consultations, places in groups, attendance). Like
email kinds in notifications.registry, each registers a section here from its AppConfig:
how to export its part, how to erase its free text, what must be settled before an erasure
(an upcoming call, a live place), and which reverse relation marks a client as one to keep
under the retention rule. So clients imports none of those apps.

Erasing keeps every row (counts, statuses, dates and the shape of the history hold) and
replaces what is personal: contact details, free text, the address on past emails, and the
same fields in the change history.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notifications_forget_recipient

from .access import Action, access_record
from .history import history_mark
from .models import Client, ClientNote, EmergencyContact, Lead, LeadEvent

ERASED_FIRST_NAME = "Erased"
ERASED_NOTE = "(erased)"
ERASE_REASON = "The person's data was erased."
RETENTION_REASON = "Erased under the retention rule (closed lead, nothing else kept)."
ERASE_BLOCKED = "Settle these first: {reasons}"
CLOSED_LEAD_STATUSES = (Lead.Status.REFERRED_OUT, Lead.Status.NOT_A_FIT, Lead.Status.NO_RESPONSE)
_PERSONAL_BLANKS = {"last_name": "", "preferred_name": "", "phone": "", "city": "", "state": ""}
_LEAD_TEXT_BLANKS = {"message": "", "preferred_times": "", "heard_about": ""}


class ErasureRefused(Exception):
    pass


@dataclass(frozen=True)
class PrivacySection:
    name: str
    export: Callable[[Client], list[dict]]
    erase: Callable[[Client], None] | None = None
    blockers: Callable[[Client, datetime], list[str]] | None = None
    # A reverse relation of Client: a client with any such row is kept by the retention rule.
    keeps_client: str | None = None


_sections: dict[str, PrivacySection] = {}


def privacy_section_register(section: PrivacySection) -> None:
    _sections[section.name] = section


def erased_email(client_id: int) -> str:
    return f"erased-{client_id}@erased.invalid"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _client_details(client: Client) -> dict:
    return {
        "id": client.pk,
        "email": client.email,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "preferred_name": client.preferred_name,
        "phone": client.phone,
        "preferred_contact": client.preferred_contact,
        "state": client.state,
        "city": client.city,
        "created_at": _iso(client.created_at),
        "updated_at": _iso(client.updated_at),
        "erased_at": _iso(client.erased_at),
    }


def _leads(client: Client) -> list[dict]:
    leads = (
        Lead.objects.filter(client=client)
        .select_related("interested_group")
        .prefetch_related("events")
        .order_by("created_at")
    )
    return [
        {
            "id": lead.pk,
            "created_at": _iso(lead.created_at),
            "source": lead.source,
            "interest": lead.interest,
            "interested_group": lead.interested_group.name if lead.interested_group else None,
            "status": lead.status,
            "priority": lead.is_urgent,
            "message": lead.message,
            "preferred_times": lead.preferred_times,
            "heard_about": lead.heard_about,
            "history": [
                {
                    "at": _iso(e.at),
                    "from": e.from_status,
                    "to": e.to_status,
                    "note": e.note,
                }
                for e in lead.events.all()
            ],
        }
        for lead in leads
    ]


def _notes(client: Client) -> list[dict]:
    return [
        {"at": _iso(note.at), "kind": note.kind, "text": note.text}
        for note in ClientNote.objects.filter(client=client).order_by("at")
    ]


def _emergency_contact(client: Client) -> dict | None:
    contact = EmergencyContact.objects.filter(client=client).first()
    if contact is None:
        return None
    return {"name": contact.name, "relationship": contact.relationship, "phone": contact.phone}


def _emails(client: Client) -> list[dict]:
    """What was sent (or is due) to them: kinds, dates and status, never the text."""
    rows = Notification.objects.to_address(client.email).order_by("due_at", "pk")
    return [
        {
            "kind": row.kind,
            "due_at": _iso(row.due_at),
            "sent_at": _iso(row.sent_at),
            "status": row.status,
        }
        for row in rows
    ]


def client_export(*, client_id: int, by: AbstractBaseUser, now: datetime | None = None) -> dict:
    """Everything held about one client, as JSON-ready data; writes an access-log row."""
    now = now or timezone.now()
    client = Client.objects.get(pk=client_id)
    data = {
        "exported_at": now.isoformat(),
        "practice": settings.PRACTICE_NAME,
        "client": _client_details(client),
        "leads": _leads(client),
        "notes": _notes(client),
        "emergency_contact": _emergency_contact(client),
    }
    for name, section in sorted(_sections.items()):
        data[name] = section.export(client)
    data["emails"] = _emails(client)
    access_record(
        user=by,
        client_ids=[client.pk],
        where=f"admin client #{client.pk} export",
        action=Action.EXPORT,
        result_count=1,
    )
    return data


def client_erase_blockers(client: Client, *, now: datetime) -> list[str]:
    """What must be settled (by the usual services) before this client can be erased."""
    return [
        reason
        for section in _sections.values()
        if section.blockers is not None
        for reason in section.blockers(client, now)
    ]


def _scrub_history(client: Client, replacement: dict) -> None:
    """The change history keeps its rows (who changed what, when), not the old values."""
    Client.history.filter(id=client.pk).update(**replacement)
    Lead.history.filter(client_id=client.pk).update(**_LEAD_TEXT_BLANKS)


def client_erase(
    *,
    client_id: int,
    by: AbstractBaseUser | None,
    now: datetime | None = None,
    reason: str = ERASE_REASON,
) -> Client:
    """Replace a client's personal data everywhere, keeping every row; cancel their emails.

    Refused (nothing changed) while a section reports something to settle first, such as
    an upcoming call or a live place in a group: those go through their own services, which
    tell the person and free the seat. Erasing an erased client changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client_id)
        if client.erased_at is not None:
            return client
        blockers = client_erase_blockers(client, now=now)
        if blockers:
            raise ErasureRefused(ERASE_BLOCKED.format(reasons="; ".join(blockers)))
        old_email = client.email
        replacement = {
            "email": erased_email(client.pk),
            "first_name": ERASED_FIRST_NAME,
            **_PERSONAL_BLANKS,
        }
        for name, value in replacement.items():
            setattr(client, name, value)
        client.erased_at = now
        history_mark(client, by=by)
        client._change_reason = reason[:100]
        client.save()
        Lead.objects.filter(client=client).update(**_LEAD_TEXT_BLANKS)
        LeadEvent.objects.filter(lead__client=client).exclude(note="").update(note=ERASED_NOTE)
        ClientNote.objects.filter(client=client).update(text=ERASED_NOTE)
        # Someone else's name and phone, held only for this person's meetings.
        EmergencyContact.objects.filter(client=client).delete()
        for section in _sections.values():
            if section.erase is not None:
                section.erase(client)
        _scrub_history(client, replacement)
        notifications_forget_recipient(email=old_email, replacement=client.email, reason=reason)
        if by is not None:
            access_record(
                user=by,
                client_ids=[client.pk],
                where=f"admin client #{client.pk} erase",
                action=Action.ERASE,
                result_count=1,
            )
    return client


def _months_before(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + year, month + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def clients_past_retention(*, now: datetime, months: int) -> QuerySet[Client]:
    """Clients whose every lead closed (referred out, not a fit, no response) more than
    `months` ago and who never had a consultation or a place in a group."""
    cutoff = _months_before(now, months)
    kept = Q(erased_at__isnull=False) | Q(
        leads__status__in=set(Lead.Status) - set(CLOSED_LEAD_STATUSES)
    )
    for section in _sections.values():
        if section.keeps_client:
            kept |= Q(**{f"{section.keeps_client}__isnull": False})
    return (
        Client.objects.filter(leads__isnull=False)
        .exclude(pk__in=Client.objects.filter(kept).values("pk"))
        .annotate(last_closed=Max("leads__status_changed_at"), last_lead=Max("leads__created_at"))
        .filter(Q(last_closed__lt=cutoff) | Q(last_closed__isnull=True, last_lead__lt=cutoff))
    )


def closed_leads_erase(*, now: datetime | None = None, months: int | None = None) -> int:
    """The retention rule: erase clients past `RETENTION_CLOSED_LEAD_MONTHS`; returns how many."""
    now = now or timezone.now()
    months = settings.RETENTION_CLOSED_LEAD_MONTHS if months is None else months
    erased = 0
    for client_id in clients_past_retention(now=now, months=months).values_list("pk", flat=True):
        try:
            client_erase(client_id=client_id, by=None, now=now, reason=RETENTION_REASON)
        except ErasureRefused:
            continue
        erased += 1
    return erased
