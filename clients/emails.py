"""Email kinds of the intake pipeline, registered with notifications.registry.

Subjects carry no names, no clinical words and nothing from the client's message; the
coordinator's alerts hold a first name and a staff link, and the rest stays in admin.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind
from notifications.registry import EmailContent, register, render_email

from .messages import OUTSIDE_CALIFORNIA
from .models import ContactMethod, Lead

# How the coordinator will reach them, as in "will contact you by email".
_BY = {
    ContactMethod.EMAIL: _("email"),
    ContactMethod.PHONE: _("phone call"),
    ContactMethod.TEXT: _("text message"),
}


def _lead(notification) -> Lead | None:
    lead = notification.related
    return lead if isinstance(lead, Lead) else None


@register(Kind.LEAD_RECEIVED, to_client=True)
def _received(notification) -> EmailContent | None:
    lead = _lead(notification)
    if lead is None:
        return None
    client = lead.client
    return render_email(
        Kind.LEAD_RECEIVED,
        {
            "first_name": client.greeting_name,
            "contact_method": _BY.get(client.preferred_contact, _("email")),
            "outside_california": OUTSIDE_CALIFORNIA if client.state not in ("", "CA") else "",
            "book_url": settings.SITE_URL + reverse("consultations:book"),
            "is_urgent": lead.is_urgent,
        },
    )


def _alert(notification, kind: str) -> EmailContent | None:
    lead = _lead(notification)
    if lead is None:
        return None
    language = lead.client.language
    return render_email(
        kind,
        {
            "lead": lead,
            "first_name": lead.client.greeting_name,
            # The coordinator calls back from this email: say which language to call in.
            "language": (
                "" if language == settings.LANGUAGE_CODE else get_language_info(language)["name"]
            ),
            "admin_url": settings.SITE_URL + reverse("admin:clients_lead_change", args=[lead.pk]),
            "list_url": settings.SITE_URL + reverse("admin:clients_lead_changelist"),
            "window_minutes": settings.COORDINATOR_ALERT_WINDOW_MINUTES,
        },
    )


@register(Kind.LEAD_NEW_ALERT)
def _new_alert(notification) -> EmailContent | None:
    return _alert(notification, Kind.LEAD_NEW_ALERT)


@register(Kind.LEAD_URGENT_ALERT)
def _urgent_alert(notification) -> EmailContent | None:
    return _alert(notification, Kind.LEAD_URGENT_ALERT)
