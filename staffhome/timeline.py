"""One dated list of everything that happened with a person: call notes, lead moves,
consultation and enrollment events, and the emails sent to them (kind and status only,
never their text). Read in ONE query (a UNION of five), so a page stays flat in size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, DateTimeField, F, Q, Value
from django.db.models.functions import Cast, Coalesce, Lower

from clients.models import Client, ClientNote, LeadEvent
from consultations.models import ConsultationEvent
from enrollment.models import EnrollmentEvent
from notifications.models import Notification

LABELS = {
    "new": "New",
    "contacted": "Contacted",
    "consultation_booked": "Consultation booked",
    "consultation_done": "Consultation done",
    "offered": "Offered",
    "enrolled": "Enrolled",
    "waitlisted": "Waitlisted",
    "referred_out": "Referred out",
    "not_a_fit": "Not a fit",
    "no_response": "No response",
    "booked": "Booked",
    "completed": "Completed",
    "no_show": "No-show",
    "cancelled": "Cancelled",
    "rescheduled": "Rescheduled",
    "requested": "Requested",
    "screening": "Screening",
    "withdrawn": "Withdrawn",
    "declined": "Declined",
    "pending": "Waiting to send",
    "sending": "Sending",
    "sent": "Sent",
    "failed": "Failed",
}
SOURCES = {
    "note": "Call note",
    "lead": "Request",
    "consultation": "Consultation",
    "enrollment": "Group place",
    "email": "Email",
}
# Columns every part of the UNION selects, in this order (annotations only, so each part
# lists them in the same order).
_COLUMNS = ("t_at", "t_source", "t_from", "t_to", "t_text", "t_what", "t_first", "t_user")


def _text(value) -> Cast:
    return Cast(value, output_field=CharField())


@dataclass(frozen=True)
class Entry:
    at: datetime
    source: str
    from_status: str
    to_status: str
    text: str
    what: str
    who: str

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]

    @property
    def details(self) -> str:
        # An email shows its kind in words, never its text.
        return self.text.replace("_", " ") if self.source == "email" else self.text

    @property
    def change(self) -> str:
        if self.source == "email":
            return LABELS.get(self.to_status, self.to_status)
        if self.from_status == self.to_status or not self.to_status:
            return ""
        to = LABELS.get(self.to_status, self.to_status)
        if not self.from_status:
            return to
        return f"{LABELS.get(self.from_status, self.from_status)} → {to}"


def _part(qs, *, at, source, from_, to, text, what, first, user):
    return (
        qs.order_by()
        .annotate(
            t_at=Cast(at, output_field=DateTimeField()),
            t_source=_text(Value(source)),
            t_from=_text(from_),
            t_to=_text(to),
            t_text=_text(text),
            t_what=_text(what),
            t_first=_text(first),
            t_user=_text(user),
        )
        .values_list(*_COLUMNS)
    )


def client_timeline(*, client_id: int, limit: int = 200) -> list[Entry]:
    """Newest first. Emails are matched on the address they went to: the client's own, now
    or before they changed it (the client's history keeps every address they had)."""
    blank = Value("")
    notes = _part(
        ClientNote.objects.filter(client_id=client_id),
        at=F("at"),
        source="note",
        from_=blank,
        to=blank,
        text=F("text"),
        what=F("kind"),
        first=Coalesce(F("author__first_name"), blank),
        user=Coalesce(F("author__username"), blank),
    )
    leads = _part(
        LeadEvent.objects.filter(lead__client_id=client_id),
        at=F("at"),
        source="lead",
        from_=F("from_status"),
        to=F("to_status"),
        text=F("note"),
        what=blank,
        first=Coalesce(F("actor__first_name"), blank),
        user=Coalesce(F("actor__username"), blank),
    )
    calls = _part(
        ConsultationEvent.objects.filter(consultation__client_id=client_id),
        at=F("at"),
        source="consultation",
        from_=F("from_status"),
        to=F("to_status"),
        text=F("note"),
        what=blank,
        first=Coalesce(F("actor__first_name"), blank),
        user=Coalesce(F("actor__username"), blank),
    )
    places = _part(
        EnrollmentEvent.objects.filter(enrollment__client_id=client_id),
        at=F("at"),
        source="enrollment",
        from_=F("from_status"),
        to=F("to_status"),
        text=F("reason"),
        what=F("enrollment__cohort__group__name"),
        first=Coalesce(F("actor__first_name"), blank),
        user=Coalesce(F("actor__username"), F("by")),
    )
    emails = _part(
        Notification.objects.alias(to=Lower("to_email")).filter(
            Q(to__in=Client.objects.filter(pk=client_id).values(address=Lower("email")))
            | Q(to__in=Client.history.filter(id=client_id).order_by().values(a=Lower("email")))
        ),
        at=Coalesce(F("sent_at"), F("due_at")),
        source="email",
        from_=blank,
        to=F("status"),
        text=F("kind"),
        what=blank,
        first=blank,
        user=blank,
    )
    rows = notes.union(leads, calls, places, emails, all=True).order_by("-t_at")[:limit]
    return [
        Entry(
            at=at,
            source=source,
            from_status=from_,
            to_status=to,
            text=text,
            what=what,
            who=first or _who(user),
        )
        for at, source, from_, to, text, what, first, user in rows
    ]


def _who(user: str) -> str:
    # Enrollment events without a staff member say who moved them: the client or the site.
    return {"client": "the client", "system": "the site", "": "the site", "staff": "staff"}.get(
        user, user
    )
