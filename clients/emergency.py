"""Emergency contacts: the one write (the member's own, through their signed link) and the
one read for staff screens.

Kept in its own module so every reader is easy to find: the roster (after "Show", logged),
the print roster (same rule), the coordinator's client page, and the member's own page.
No email template is ever given one.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Client, EmergencyContact

WHY_WE_ASK = _(
    "Optional. If you ever became unwell during a meeting, especially an online one, your "
    "therapist could call this person. Only your group's therapists and our intake "
    "coordinator can see it."
)


def emergency_contact_save(
    *,
    client_id: int,
    name: str,
    relationship: str,
    phone: str,
    now: datetime | None = None,
) -> EmergencyContact | None:
    """Set, change or (all fields blank) remove a client's emergency contact.

    Returns the contact, or None when it was removed.
    """
    now = now or timezone.now()
    name, relationship, phone = name.strip(), relationship.strip(), phone.strip()
    with transaction.atomic():
        if not (name or phone):
            EmergencyContact.objects.filter(client_id=client_id).delete()
            return None
        contact, _ = EmergencyContact.objects.update_or_create(
            client_id=client_id,
            defaults={
                "name": name,
                "relationship": relationship,
                "phone": phone,
                "updated_at": now,
            },
        )
    return contact


def emergency_contact_for(client: Client | int) -> EmergencyContact | None:
    """For the coordinator's client page (a staff-only, access-logged screen)."""
    client_id = client if isinstance(client, int) else client.pk
    # One row at most (one-to-one), so no ORDER BY for first() to build.
    return next(iter(EmergencyContact.objects.filter(client_id=client_id)), None)
