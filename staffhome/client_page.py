"""What a client's admin page shows besides the contact form, read in a fixed handful of
queries: leads, consultations, places in groups (with attendance counts, waitlist position,
offer deadline and, in a couples group, the partner, in one query), and the timeline (one
query; emails come from it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from clients.emergency import emergency_contact_for
from clients.models import Client, EmergencyContact, Lead
from consultations.models import Consultation
from enrollment.models import Enrollment
from enrollment.selectors import with_partner, with_waitlist_position
from roster.models import MissedSessionsFlag
from roster.selectors import missed_session_flags_for

from .timeline import Entry, client_timeline


@dataclass(frozen=True)
class ClientPage:
    leads: list[Lead]
    consultations: list[Consultation]
    enrollments: list[Enrollment]
    timeline: list[Entry]
    # Shown only on this access-logged page; never in a list, an export or an email.
    emergency_contact: EmergencyContact | None
    missed_flags: list[MissedSessionsFlag]

    @property
    def emails(self) -> list[Entry]:
        return [entry for entry in self.timeline if entry.source == "email"]


def client_page(client: Client) -> ClientPage:
    leads = list(
        Lead.objects.filter(client=client)
        .select_related("interested_group", "assignee")
        .order_by("-created_at")
    )
    consultations = list(
        Consultation.objects.filter(client=client)
        .select_related("coordinator")
        .order_by("-starts_at")
    )
    enrollments = list(
        with_partner(with_waitlist_position(Enrollment.objects.filter(client=client)))
        .select_related("cohort__group")
        .annotate(
            present=Count("attendance", filter=Q(attendance__status="present")),
            late=Count("attendance", filter=Q(attendance__status="late")),
            absent=Count("attendance", filter=Q(attendance__status="absent")),
            excused=Count("attendance", filter=Q(attendance__status="excused")),
        )
        .order_by("-created_at")
    )
    for place in enrollments:
        place.partner_status_label = (
            Enrollment.Status(place.partner_status).label.lower() if place.partner_status else ""
        )
    return ClientPage(
        leads=leads,
        consultations=consultations,
        enrollments=enrollments,
        timeline=client_timeline(client_id=client.pk),
        emergency_contact=emergency_contact_for(client),
        missed_flags=list(missed_session_flags_for(client)),
    )
