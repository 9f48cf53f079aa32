"""The coordinator's daily digest at COORDINATOR_DIGEST_TIME (Pacific): leads waiting for a
call back (new, overdue, priority) and the day's consultations.

A daily kind (`register_daily`): the row is written a day ahead, the text at send time, so
its counts are those of the morning it goes out. It goes to staff, so it may hold first
names and admin links; never a last name, a message or anything clinical, and nothing at
all in the subject beyond counts. A day with nothing to say sends nothing.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clients.business_days import overdue_cutoff
from clients.models import Lead
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.registry import (
    DailyRecipient,
    EmailContent,
    register,
    register_daily,
    render_email,
)
from notifications.services import daily_key_day

from .models import Consultation
from .selectors import consultations_for_day
from .slots import local_label

# The digest lists at most this many new requests by name; the admin link shows them all.
LISTED_LEADS = 15


@register_daily(Kind.COORDINATOR_DIGEST, at=lambda: settings.COORDINATOR_DIGEST_TIME)
def _digest_to(day: date) -> list[DailyRecipient]:
    return [DailyRecipient(to_email=settings.COORDINATOR_EMAIL)]


def _admin(name: str, *args, query: str = "") -> str:
    return settings.SITE_URL + reverse(f"admin:{name}", args=args) + query


@register(Kind.COORDINATOR_DIGEST)
def _digest(notification: Notification) -> EmailContent | None:
    day = daily_key_day(notification.key)
    now = timezone.now()
    # The same rule as the lead list's "Overdue": one business day, Pacific, closed days off.
    overdue_before = overdue_cutoff(now)
    waiting = Lead.objects.filter(status=Lead.Status.NEW).select_related("client")
    new_leads = list(waiting.order_by("-is_urgent", "created_at")[:LISTED_LEADS])
    new_count = waiting.count()
    overdue_count = waiting.filter(created_at__lt=overdue_before).count()
    urgent_count = waiting.filter(is_urgent=True).count()
    calls = [
        {
            "time": local_label(c.starts_at),
            "first_name": c.client.greeting_name,
            "mode": c.get_mode_display().lower(),
            "coordinator": c.coordinator.display_name,
            "url": _admin("consultations_consultation_change", c.pk),
        }
        for c in consultations_for_day(day).filter(status=Consultation.Status.BOOKED)
    ]
    if not new_count and not calls:
        return None
    leads = [
        {
            "first_name": lead.client.greeting_name,
            "is_urgent": lead.is_urgent,
            "is_overdue": lead.created_at < overdue_before,
            "received": timezone.localtime(lead.created_at).strftime("%a %b %-d, %-I:%M %p"),
            "url": _admin("clients_lead_change", lead.pk),
        }
        for lead in new_leads
    ]
    leads_url = _admin("clients_lead_changelist")
    return render_email(
        Kind.COORDINATOR_DIGEST,
        {
            "day": day,
            "new_count": new_count,
            "overdue_count": overdue_count,
            "urgent_count": urgent_count,
            "leads": leads,
            "more_leads": new_count - len(leads),
            "calls": calls,
            "new_url": leads_url + "?attention=new",
            "overdue_url": leads_url + "?attention=overdue",
            "urgent_url": leads_url + "?attention=urgent&status__exact=new",
            "day_url": _admin("consultations_consultation_day", query=f"?date={day.isoformat()}"),
        },
    )
